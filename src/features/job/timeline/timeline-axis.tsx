import { memo } from 'react';
import type { Axis } from '../../../job/axis';
import { cn } from '../../../lib/cn';
import { AxisFrame } from './timeline-bar';

/**
 * The shared time axis: clock times in the chosen zone and offsets from the job's start.
 * Phones keep every other tick and drop the date line (the caption has the date); the
 * geometry is the one `AXIS_GEOMETRY` describes and the layout's property tests check.
 * A live job with no start yet gets an empty axis of the same height.
 */
export const TimelineAxis = memo(function TimelineAxis({
  axis,
  startText,
  live,
  nowPct,
}: {
  axis: Axis | null;
  startText: string | undefined;
  live: boolean;
  /** Where the "now" mark goes (percent), while the job is live. */
  nowPct: number | null;
}) {
  return (
    <div className="sticky top-0 z-10 grid gap-x-4 gap-y-1 border-b border-line bg-panel py-2 pr-2 pl-3 in-data-[export=png]:static sm:pr-3 xl:grid-cols-[28rem_minmax(0,1fr)] xl:items-end print:static">
      <p className="text-xs text-ink-muted">
        Times in <strong className="font-semibold text-ink">{axis?.zone ?? 'UTC'}</strong>
        {startText ? (
          <>
            {' '}
            · offsets from the job’s start at <span className="font-mono">{startText}</span>
          </>
        ) : live ? (
          ' · no time to draw an axis from yet'
        ) : (
          ' · no readable time to draw an axis from'
        )}
      </p>
      {axis ? (
        <AxisFrame>
          {live && nowPct !== null ? (
            <span
              className="absolute top-0 -translate-x-1/2 rounded bg-accent px-1 text-[10px] leading-tight font-semibold text-accent-ink"
              style={{ left: `${nowPct}%` }}
            >
              now
            </span>
          ) : null}
          {axis.ticks.map((tick) => (
            <span
              key={tick.ms}
              className={cn(
                'absolute bottom-0 flex -translate-x-1/2 flex-col items-center font-mono text-[11px] leading-[13px] whitespace-nowrap',
                !tick.major && 'max-sm:hidden',
              )}
              style={{ left: `${tick.pct}%` }}
            >
              {tick.date ? (
                <span className="hidden text-ink-muted sm:block">{tick.date}</span>
              ) : null}
              <span>{tick.clock}</span>
              <span className="text-ink-muted">{tick.offset}</span>
              <span className="h-1.5 border-l border-ink-muted" />
            </span>
          ))}
        </AxisFrame>
      ) : live ? (
        // The axis's room, kept for when the job starts: the rows do not jump down under the
        // reader (a layout shift on every job that is opened while it waits).
        <AxisFrame>{null}</AxisFrame>
      ) : null}
    </div>
  );
});
