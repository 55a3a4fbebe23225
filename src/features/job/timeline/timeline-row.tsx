import { Link2, TriangleAlert } from 'lucide-react';
import { memo, type MouseEvent } from 'react';
import { CopyButton } from '../../../components/ui/copy-button';
import { StatusBadge } from '../../../components/ui/status-badge';
import { cn } from '../../../lib/cn';
import { JobTypeText } from '../job-type-text';
import type { TimelineRow as Row } from './layout';
import { RowFailure } from './row-failure';
import { TimelineBar } from './timeline-bar';

export interface TimelineRowProps {
  row: Row;
  selected: boolean;
  /** Absolute link to this sub-job, given to the selected row only (for its copy button). */
  shareUrl: string | undefined;
  /** Stable across renders, so that memo holds. */
  onSelect: (linkId: string) => void;
}

const ID_NOTE: Record<NonNullable<Row['idNote']>, string> = {
  missing: 'no sub-job ID',
  empty: 'empty sub-job ID',
  duplicate: 'ID repeats an earlier sub-job',
};

function RowTimes({ row }: { row: Row }) {
  const time = (text: string, iso: string | undefined, kind: Row['beginKind']) =>
    iso ? (
      <time dateTime={iso}>{text}</time>
    ) : (
      <span className={kind === 'invalid' ? 'break-all text-status-waiting' : 'text-ink-muted'}>
        {text}
        {kind === 'invalid' ? ' (unrecognised format)' : ''}
      </span>
    );
  return (
    <p className="font-mono text-xs">
      <span className="text-ink-muted">Begin </span>
      {time(row.beginText, row.beginIso, row.beginKind)}
      <span className="text-ink-muted"> · End </span>
      {time(row.endText, row.endIso, row.endKind)}
      <span className="text-ink-muted"> · Took </span>
      <span className={row.durationKind === 'negative' ? 'text-status-failed' : undefined}>{row.durationText}</span>
      {row.queuedText ? <span className="text-ink-muted"> · {row.queuedText}</span> : null}
    </p>
  );
}

function RowView({ row, selected, shareUrl, onSelect }: TimelineRowProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!row.linkId || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onSelect(row.linkId);
  };
  return (
    <li
      id={row.domId}
      tabIndex={-1}
      data-row-key={row.key}
      data-status={row.statusKind}
      aria-current={selected ? 'true' : undefined}
      className={cn(
        'grid scroll-my-24 gap-x-4 gap-y-1.5 border-l-4 py-2 pr-2 pl-2 outline-none sm:pr-3 lg:grid-cols-[22rem_minmax(0,1fr)] lg:items-center print:break-inside-avoid',
        '[contain-intrinsic-size:auto_4.5rem] [content-visibility:auto] print:[content-visibility:visible]',
        row.statusKind === 'failed' ? 'border-l-status-failed' : 'border-l-transparent',
        row.isJob && 'bg-surface',
        selected && 'bg-accent/10 ring-2 ring-accent ring-inset [content-visibility:visible]',
      )}
    >
      <div className="min-w-0 space-y-0.5">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <StatusBadge status={row.status} size="sm" />
          {row.isJob ? <span className="text-xs font-semibold tracking-wide text-ink-muted uppercase">Whole job</span> : null}
          <span className="min-w-0 text-sm">
            <JobTypeText raw={row.jobType} />
          </span>
        </div>
        {!row.isJob ? (
          <div className="flex min-h-7 flex-wrap items-center gap-x-1.5 text-xs">
            {row.linkId ? (
              <a
                href={`?sub=${encodeURIComponent(row.linkId)}`}
                onClick={follow}
                data-row-link
                aria-label={`Sub-job ${row.linkId}${selected ? ' (selected)' : ''}`}
                className="inline-flex min-w-0 items-center gap-1 rounded font-mono break-all text-accent underline-offset-2 hover:underline print:text-ink"
              >
                <Link2 className="size-3.5 shrink-0 print:hidden" aria-hidden />
                {row.linkId}
              </a>
            ) : row.id ? (
              <code className="font-mono break-all">{row.id}</code>
            ) : null}
            {row.idNote ? <span className="text-status-waiting">({ID_NOTE[row.idNote]})</span> : null}
            {selected && shareUrl ? <CopyButton value={shareUrl} label="Copy link to this sub-job" /> : null}
          </div>
        ) : null}
        <RowTimes row={row} />
        {row.problem ? (
          <p className="flex items-start gap-1 text-xs text-status-waiting">
            <TriangleAlert className="mt-px size-3.5 shrink-0" aria-hidden />
            <span>{row.problem}</span>
          </p>
        ) : null}
      </div>
      <TimelineBar
        state={row.state}
        statusKind={row.statusKind}
        barKind={row.barKind}
        barLeft={row.barLeft}
        barWidth={row.barWidth}
        open={row.open}
        queueLeft={row.queueLeft}
        barLabel={row.barLabel}
        isJob={row.isJob}
      />
      <RowFailure code={row.errorCode} meaning={row.errorMeaning} reason={row.failReason} />
    </li>
  );
}

function sameRow(a: Row, b: Row): boolean {
  if (a === b) return true;
  for (const key of Object.keys(a) as (keyof Row)[]) {
    if (a[key] !== b[key]) return false;
  }
  return true;
}

/**
 * Re-renders only when what it draws changed: a refetch that changes nothing, or a tick of
 * the clock that moves only running bars, leaves every other row alone.
 */
export const TimelineRow = memo(
  RowView,
  (prev, next) =>
    prev.selected === next.selected &&
    prev.shareUrl === next.shareUrl &&
    prev.onSelect === next.onSelect &&
    sameRow(prev.row, next.row),
);
