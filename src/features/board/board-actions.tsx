import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ImageDown, PanelTop, Printer } from 'lucide-react';
import { useState, type RefObject } from 'react';
import { Link, useLocation } from 'react-router';
import { Button } from '../../components/ui/button';
import { CopyButton } from '../../components/ui/copy-button';
import { captureRegionPng, saveBlob } from '../../job/capture-png';
import { boardPngFileName } from '../../job/file-name';
import { jobQueries } from '../../job/job-queries';
import { regionsQuery } from '../../lib/regions-query';
import { ticketViewHref } from '../../job/use-ticket-view';
import { boardCounts, rowSnapshot } from './board-counts';
import { boardSummary } from './board-summary';
import type { BoardEntry } from './board-url';

type PngState = { kind: 'idle' } | { kind: 'working' } | { kind: 'saved'; fileName: string } | { kind: 'failed'; message: string };
const PNG_WORDS = (state: PngState) =>
  state.kind === 'working' ? 'Preparing the PNG…' : state.kind === 'saved' ? `Saved ${state.fileName}` : state.kind === 'failed' ? `PNG failed: ${state.message}` : '';

/** The board into a ticket: Markdown summary, link, PNG of every row (light scheme), print, ticket view. */
export function BoardActions({ title, entries, link, regionRef }: { title: string; entries: readonly BoardEntry[]; link: string; regionRef: RefObject<HTMLElement | null> }) {
  const queryClient = useQueryClient();
  const regions = useQuery(regionsQuery);
  const { pathname, search } = useLocation();
  const [png, setPng] = useState<PngState>({ kind: 'idle' });

  // Read from the cache at click time: the actions never re-render on a poll.
  const summary = () => {
    const rows = entries.map((entry) => {
      if (entry.kind === 'invalid') return { entry, data: undefined, error: null };
      const state = queryClient.getQueryState(jobQueries.detail(entry.target).queryKey);
      return { entry, data: state?.data, error: state?.fetchFailureReason ?? state?.error ?? null };
    });
    const counts = boardCounts(rows.filter((row) => row.entry.kind === 'job').map((row) => rowSnapshot(row.data, row.error)));
    return boardSummary({ title, rows, counts, now: Date.now(), link, simulated: regions.data?.simulated ?? false });
  };

  const downloadPng = async () => {
    const region = regionRef.current;
    if (!region) return;
    setPng({ kind: 'working' });
    try {
      const fileName = boardPngFileName(title, Date.now());
      saveBlob(await captureRegionPng(region), fileName);
      setPng({ kind: 'saved', fileName });
    } catch (error) {
      setPng({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div role="group" aria-label="Take this board into a ticket" className="flex flex-wrap items-center gap-2 print:hidden">
      <CopyButton variant="secondary" value={summary} label="Copy summary" text="Copy summary" />
      <CopyButton variant="secondary" value={link} label="Copy link" text="Copy link" />
      <Button size="sm" onClick={() => void downloadPng()} disabled={png.kind === 'working'}>
        <ImageDown className="size-3.5" aria-hidden /> Download PNG
      </Button>
      <Button size="sm" onClick={() => window.print()}>
        <Printer className="size-3.5" aria-hidden /> Print
      </Button>
      <Link
        to={ticketViewHref(pathname, search)}
        target="_blank"
        rel="noopener"
        className="inline-flex h-7 items-center gap-1.5 rounded-md border border-line bg-panel px-2 text-xs font-medium text-ink hover:bg-surface"
      >
        <PanelTop className="size-3.5" aria-hidden /> Ticket view <span className="sr-only">(opens in a new tab)</span>
      </Link>
      <span role="status" className={png.kind === 'failed' ? 'text-sm text-status-failed' : 'text-sm text-ink-muted'}>
        {PNG_WORDS(png)}
      </span>
    </div>
  );
}
