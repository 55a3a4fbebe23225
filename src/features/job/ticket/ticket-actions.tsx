import { ImageDown, PanelTop, Printer } from 'lucide-react';
import { useState, type RefObject } from 'react';
import { Link, useLocation } from 'react-router';
import { Button } from '../../../components/ui/button';
import { CopyButton } from '../../../components/ui/copy-button';
import type { JobResponse } from '../../../lib/api-client';
import type { LookupTarget } from '../../../lib/api-error';
import { loadTicketExports } from './load-exports';
import { ticketViewHref } from '../../../job/use-ticket-view';

type PngState = { kind: 'idle' } | { kind: 'working' } | { kind: 'saved'; fileName: string } | { kind: 'failed'; message: string };

function pngWords(state: PngState): string {
  switch (state.kind) {
    case 'working':
      return 'Preparing the PNG…';
    case 'saved':
      return `Saved ${state.fileName}`;
    case 'failed':
      return `PNG failed: ${state.message}`;
    default:
      return '';
  }
}

/**
 * Everything that takes the job into a ticket: the Markdown summary, the link, the raw answer,
 * a PNG of the card and timeline, a printout, and the ticket view (a clean page to screenshot).
 */
export function TicketActions({
  data,
  target,
  dataAt,
  regionName,
  simulated,
  permalink,
  regionRef,
}: {
  data: JobResponse;
  target: LookupTarget;
  dataAt: number;
  regionName: string | undefined;
  simulated: boolean;
  permalink: string;
  /** What the PNG draws: the job card and timeline with the freshness stamp above them. */
  regionRef: RefObject<HTMLElement | null>;
}) {
  // Built at click time: the summary of a large job is not free.
  const summary = async () =>
    (await loadTicketExports()).ticketSummary({ job: data.job, target, regionName, requestId: data.requestId, dataAt, permalink, simulated });
  const [png, setPng] = useState<PngState>({ kind: 'idle' });
  const { pathname, search } = useLocation();

  const downloadPng = async () => {
    const region = regionRef.current;
    if (!region) return;
    setPng({ kind: 'working' });
    try {
      const { captureRegionPng, pngFileName, saveBlob } = await loadTicketExports();
      const fileName = pngFileName(target.jobId, Date.now());
      saveBlob(await captureRegionPng(region), fileName);
      setPng({ kind: 'saved', fileName });
    } catch (error) {
      setPng({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div role="group" aria-label="Take this job into a ticket" className="flex flex-wrap items-center gap-2 print:hidden">
      <CopyButton variant="secondary" value={summary} label="Copy summary" text="Copy summary" />
      <CopyButton variant="secondary" value={permalink} label="Copy link" text="Copy link" />
      <CopyButton variant="secondary" value={data.raw} label="Copy raw JSON" text="Copy raw JSON" />
      <Button size="sm" onClick={() => void downloadPng()} disabled={png.kind === 'working'}>
        <ImageDown className="size-3.5" aria-hidden />
        Download PNG
      </Button>
      <Button size="sm" onClick={() => window.print()}>
        <Printer className="size-3.5" aria-hidden />
        Print
      </Button>
      <Link
        to={ticketViewHref(pathname, search)}
        target="_blank"
        rel="noopener"
        className="inline-flex h-7 items-center gap-1.5 rounded-md border border-line bg-panel px-2 text-xs font-medium text-ink hover:bg-surface"
      >
        <PanelTop className="size-3.5" aria-hidden />
        Ticket view
        <span className="sr-only">(opens in a new tab)</span>
      </Link>
      <span role="status" className={png.kind === 'failed' ? 'text-sm text-status-failed' : 'text-sm text-ink-muted'}>
        {pngWords(png)}
      </span>
    </div>
  );
}
