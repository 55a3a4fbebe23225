import { memo } from 'react';
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

// One line of about 24 px (two where a long ID needs them): state, ID, begin and duration,
// then the bar on the shared axis.
// Plain class strings: this runs a thousand times on a large job.
// The columns are the comfortable row's, so the bars stay on the axis above them.
const ROW =
  'grid scroll-my-24 items-center gap-x-4 border-l-4 py-0.5 pr-2 pl-2 text-xs outline-none sm:pr-3 xl:grid-cols-[28rem_minmax(0,1fr)] print:break-inside-avoid';

const DURATION = 'shrink-0 text-right font-mono whitespace-nowrap text-ink-muted';

/** A sub-job in one line; a failure's code and whole reason, or a time problem, follow below. */
function CompactRowView({
  row,
  selected,
  shareUrl,
  onSelect,
  reasonAbove,
  place,
  measure,
}: TimelineRowProps) {
  return (
    <li
      {...rowItemProps(row, selected, place, measure)}
      data-density="compact"
      className={ROW + rowStateClass(row, selected)}
    >
      <div className="flex min-h-5 min-w-0 items-center gap-2">
        <span
          className={`inline-flex w-22 shrink-0 items-center gap-1 font-semibold ${statusTone({ look: 'text', kind: row.statusKind })}`}
        >
          <TlIcon name={row.statusKind} className="size-3.5 shrink-0" />
          <span className="truncate">{row.statusText}</span>
        </span>
        <span className="flex min-w-0 flex-1 items-center gap-1.5">
          <SubJobId row={row} selected={selected} shareUrl={shareUrl} onSelect={onSelect} compact />
          {row.idNote ? <span className="shrink-0 text-status-waiting">(!)</span> : null}
        </span>
        {row.elapsedFrom === undefined ? (
          <span className={DURATION} title={row.timesText}>
            {row.durationText}
          </span>
        ) : (
          <Elapsed from={row.elapsedFrom}>
            {(ms) => {
              const words = tickingWords(row, ms);
              return (
                <span className={DURATION} title={words.timesText}>
                  {words.durationText}
                </span>
              );
            }}
          </Elapsed>
        )}
      </div>
      <TimelineBar {...barProps(row)} isJob={false} compact className="hidden xl:block" />
      {row.problem || row.idNote ? (
        <RowWarning className="xl:col-span-2">
          {[row.problem, idNoteText(row.idNote)].filter(Boolean).join(' ')}
        </RowWarning>
      ) : null}
      {row.errorCode || row.failReason ? (
        <div className="pb-1 xl:col-span-2">
          <RowFailure
            code={row.errorCode}
            meaning={row.errorMeaning}
            reason={row.failReason}
            reasonAbove={reasonAbove}
          />
        </div>
      ) : null}
    </li>
  );
}

/** The compact row: re-renders only when what it draws changed, like `TimelineRow`. */
export const CompactRow = memo(CompactRowView, sameRowProps);
