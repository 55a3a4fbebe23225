import type { CSSProperties, ReactNode } from 'react';
import { cn } from '../../../lib/cn';
import type { StatusKind } from '../../../lib/status';
import type { TimelineRow } from './layout';

const FILL: Record<StatusKind, string> = {
  success: 'bg-status-success',
  failed: 'bg-status-failed',
  running: 'bg-status-running',
  waiting: 'bg-status-waiting',
  unknown: 'bg-status-unknown',
};

// Vertical grid lines at every tick; the ticks are evenly spaced (the axis ends on ticks).
const GRID: CSSProperties = {
  backgroundImage: 'linear-gradient(to right, var(--color-line) 1px, transparent 1px)',
  backgroundSize: 'calc(100% / var(--tl-intervals, 1)) 100%',
};

// Stripes tell "still growing" without colour.
const STRIPES =
  'bg-[repeating-linear-gradient(135deg,transparent_0_4px,rgb(255_255_255/0.35)_4px_8px)]';

/** The drawing area of one row, inset like the axis so bars line up with its ticks. */
export function TrackFrame({
  children,
  className,
  'aria-hidden': ariaHidden,
}: {
  children?: ReactNode;
  className?: string;
  'aria-hidden'?: boolean;
}) {
  return (
    <div className={cn('px-7 sm:px-9', className)} aria-hidden={ariaHidden}>
      <div className="relative h-full shadow-[1px_0_0_var(--color-line)]" style={GRID}>
        {children}
      </div>
    </div>
  );
}

type BarProps = Pick<
  TimelineRow,
  'state' | 'statusKind' | 'barKind' | 'barLeft' | 'barWidth' | 'open' | 'queueLeft' | 'barLabel' | 'isJob'
>;

/**
 * One row's bar on the shared axis. It is drawn, not read: screen readers get `barLabel`,
 * and the row's text says everything the bar shows.
 */
export function TimelineBar(props: BarProps) {
  const { state, statusKind, barKind, barLeft, barWidth, open, queueLeft } = props;
  return (
    <TrackFrame className={props.isJob ? 'h-7' : 'h-5'}>
      <div role="img" aria-label={props.barLabel} className="absolute inset-0">
        {queueLeft !== null && barLeft > queueLeft ? (
          <span
            className="absolute top-1/2 border-t border-dotted border-ink-muted"
            style={{ left: `${queueLeft}%`, width: `${barLeft - queueLeft}%` }}
          />
        ) : null}
        {barKind === 'span' ? (
          <span
            data-bar={state}
            className={cn(
              'absolute inset-y-1 min-w-[3px] rounded-sm',
              state === 'reversed'
                ? 'border-2 border-dashed border-status-failed bg-status-failed-soft'
                : FILL[statusKind],
              open && cn(STRIPES, 'rounded-r-none'),
            )}
            style={{ left: `${barLeft}%`, width: `${barWidth}%` }}
          />
        ) : null}
        {barKind === 'mark' ? (
          <span
            data-bar={state}
            className={cn(
              'absolute top-1/2 size-2.5 -translate-x-1/2 -translate-y-1/2 rotate-45',
              state === 'instant' ? FILL[statusKind] : 'border-2 border-dashed border-status-waiting bg-panel',
            )}
            style={{ left: `${barLeft}%` }}
          />
        ) : null}
        {state === 'waiting' ? (
          <span
            data-bar="waiting"
            className="absolute inset-y-0.5 flex items-center rounded-sm border border-dashed border-status-waiting px-1.5 text-[11px] leading-none text-status-waiting"
            style={{ left: 'min(var(--tl-now, 0%), calc(100% - 5.5rem))' }}
          >
            not started
          </span>
        ) : null}
        {barKind === 'none' && state === 'time-problem' ? (
          <span className="absolute inset-y-0.5 left-0 flex items-center text-[11px] text-status-waiting">
            no usable time to place it
          </span>
        ) : null}
      </div>
      <span
        aria-hidden
        className="absolute -inset-y-1.5 hidden border-l-2 border-dashed border-accent group-data-[live=true]/timeline:block"
        style={{ left: 'var(--tl-now)' }}
      />
    </TrackFrame>
  );
}
