import { ImageDown, PanelTop, Printer } from 'lucide-react';
import type { ReactNode, RefObject } from 'react';
import { Link, useLocation } from 'react-router';
import { ticketViewHref } from '../../job/use-ticket-view';
import { pngWords, usePngDownload } from '../../lib/use-png-download';
import { Button } from './button';
import { CopyButton } from './copy-button';

/**
 * Everything that takes a page into a ticket, the same on the job page and the board: the
 * summary (Markdown and HTML), the link, anything the page adds (`children`), a PNG of `regionRef`, a
 * printout, and the ticket view (a clean page to screenshot).
 */
export function TicketBar({
  label,
  summary,
  link,
  regionRef,
  savePng,
  children,
}: {
  label: string;
  /** Built at click time: a summary is not free, and the bar never re-renders on a poll. */
  summary: () => string | Promise<string>;
  link: string;
  regionRef: RefObject<HTMLElement | null>;
  /** Draws and saves the PNG; returns the file name. */
  savePng: (region: HTMLElement) => Promise<string>;
  children?: ReactNode;
}) {
  const png = usePngDownload(regionRef, savePng);
  // The Markdown for plain editors, its HTML for rich ones (one builder for every page's
  // summary); the code for both is loaded on the first copy (the first-load budget).
  const copySummary = async () => {
    const [{ copyRich }, { summaryHtml }] = await Promise.all([
      import('../../lib/clipboard-rich'),
      import('../../job/summary-html'),
    ]);
    await copyRich(Promise.resolve(summary()).then((text) => ({ text, html: summaryHtml(text) })));
  };
  const { pathname, search } = useLocation();
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-2 print:hidden">
      <CopyButton variant="secondary" copy={copySummary} label="Copy summary" text="Copy summary" />
      <CopyButton variant="secondary" value={link} label="Copy link" text="Copy link" />
      {children}
      <Button size="sm" onClick={() => void png.download()} disabled={png.state.kind === 'working'}>
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
      <span
        role="status"
        className={
          png.state.kind === 'failed' ? 'text-sm text-status-failed' : 'text-sm text-ink-muted'
        }
      >
        {pngWords(png.state)}
      </span>
    </div>
  );
}
