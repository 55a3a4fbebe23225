import { memo } from 'react';
import { Breakable } from '../../../components/ui/breakable';
import { statusTone } from '../../../job/status-tone';
import { Elapsed } from './elapsed';
import { RowFailure } from './row-failure';
import { RowWarning, SubJobId } from './row-parts';
import {
  barProps,
  idNoteText,
  rowItemProps,
  rowStateClass,
  sameRowProps,
  type TimelineRowProps,
} from './row-props';
import { tickingWords } from './rows';
import { TimelineBar } from './timeline-bar';
import { TlIcon } from './tl-icon';

export type { TimelineRowProps } from './row-props';

const ROW =
  'grid scroll-my-24 gap-x-4 gap-y-1 border-l-4 py-2 pr-2 pl-2 outline-none sm:pr-3 xl:grid-cols-[28rem_minmax(0,1fr)] xl:items-center print:break-inside-avoid';

function RowView({
  row,
  selected,
  shareUrl,
  onSelect,
  reasonAbove,
  place,
  measure,
}: TimelineRowProps) {
  const unknown = row.statusKind === 'unknown' && row.status;
  return (
    <li
      {...rowItemProps(row, selected, place, measure)}
      className={ROW + rowStateClass(row, selected)}
    >
      <div className="min-w-0">
        <p className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm">
          <span
            className={`inline-flex items-center gap-1 rounded-full px-2 py-px text-xs font-semibold ${statusTone({ look: 'chip', kind: row.statusKind })}`}
          >
            <TlIcon name={row.statusKind} className="size-3.5 shrink-0" />
            {row.statusText}
            {unknown ? <span className="sr-only"> (unrecognised status value)</span> : null}
          </span>
          {row.isJob ? (
            <span className="text-xs font-semibold tracking-wide text-ink-muted uppercase">
              Whole job
            </span>
          ) : null}
          {row.jobTypeLabel ? <span className="font-medium">{row.jobTypeLabel}</span> : null}
          <code className="font-mono text-xs wrap-anywhere text-ink-muted">
            {row.jobType === undefined ? (
              '(no job type)'
            ) : row.jobType === '' ? (
              '(empty job type)'
            ) : (
              <>
                {row.jobTypeLabel ? '(' : null}
                <Breakable text={row.jobType} />
                {row.jobTypeLabel ? ')' : null}
              </>
            )}
          </code>
        </p>
        {!row.isJob ? (
          <p className="flex min-h-6 flex-wrap items-center gap-x-1.5 text-xs">
            <SubJobId
              row={row}
              selected={selected}
              shareUrl={shareUrl}
              onSelect={onSelect}
              compact={false}
            />
            {row.idNote ? (
              <span className="text-status-waiting">{idNoteText(row.idNote)}</span>
            ) : null}
          </p>
        ) : null}
        <p className="font-mono text-xs">
          {row.elapsedFrom === undefined ? (
            row.timesText
          ) : (
            <Elapsed from={row.elapsedFrom}>{(ms) => tickingWords(row, ms).timesText}</Elapsed>
          )}
        </p>
        {row.problem ? <RowWarning className="text-xs">{row.problem}</RowWarning> : null}
      </div>
      <TimelineBar {...barProps(row)} />
      <RowFailure
        code={row.errorCode}
        meaning={row.errorMeaning}
        reason={row.failReason}
        reasonAbove={reasonAbove}
      />
    </li>
  );
}

/**
 * Re-renders only when what it draws changed: a refetch that changes nothing leaves every row
 * alone, and a tick of the clock every row (a running one's times tick in `Elapsed`).
 */
export const TimelineRow = memo(RowView, sameRowProps);
