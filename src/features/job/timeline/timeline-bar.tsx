import { useContext, type CSSProperties, type ReactNode } from 'react';
import { statusTone } from '../../../job/status-tone';
import { Elapsed } from './elapsed';
import { tickingWords, type TimelineRow } from './rows';
import { NowLineContext } from './use-now-line';

/** The inset that keeps bars aligned with the axis ticks (see `AXIS_GEOMETRY`). */
export const TRACK_INSET = 'px-7 sm:px-9';

export function AxisFrame({ children }: { children: ReactNode }) {
  return (
    <div className={`${TRACK_INSET} h-14`} aria-hidden>
      <div className="tl-grid relative h-full shadow-[1px_0_0_var(--color-line)]">{children}</div>
    </div>
  );
}

// The wait since the job's start is the track's ::before, "now" its ::after: no extra
// elements per row, and the now line moves by one CSS variable on the list.
const TRACK =
  'tl-grid relative h-full shadow-[1px_0_0_var(--color-line)] before:absolute before:top-1/2 before:left-(--q-left,0) before:w-(--q-width,0) before:border-t before:border-dotted before:border-ink-muted after:absolute after:-inset-y-1.5 after:left-(--tl-now) after:hidden after:border-l-2 after:border-dashed after:border-accent group-data-[live=true]/timeline:after:block';

const STRIPES =
  ' rounded-r-none bg-[repeating-linear-gradient(135deg,transparent_0_4px,rgb(255_255_255/0.4)_4px_8px)] group-data-[live=true]/timeline:w-[max(0px,calc(var(--tl-now)_-_var(--bar-left)))]!';

export type BarProps = Pick<
  TimelineRow,
  | 'state'
  | 'statusKind'
  | 'barKind'
  | 'barLeft'
  | 'barWidth'
  | 'open'
  | 'queueLeft'
  | 'barLabel'
  | 'isJob'
  | 'elapsedFrom'
  | 'timesText'
  | 'queuedText'
> & {
  compact?: boolean;
  /** Classes added to the outer box (the compact row hides the bar on narrow screens). */
  className?: string;
};

function barClass({ state, statusKind, open }: BarProps): string {
  if (state === 'reversed')
    return 'absolute inset-y-1 min-w-[3px] rounded-sm border-2 border-dashed border-status-failed bg-status-failed-soft';
  return `absolute inset-y-1 min-w-[3px] rounded-sm ${statusTone({ look: 'fill', kind: statusKind })}${open ? STRIPES : ''}`;
}

/**
 * One row's bar on the shared axis. Drawn, not read: screen readers get `barLabel`, and
 * the row's text says everything the bar shows.
 */
export function TimelineBar(props: BarProps) {
  const { barLeft, queueLeft } = props;
  const nowLine = useContext(NowLineContext);
  const bar = barShape(props);
  const wait = queueLeft !== null && barLeft > queueLeft;
  const style = wait
    ? ({ '--q-left': `${queueLeft}%`, '--q-width': `${barLeft - queueLeft}%` } as CSSProperties)
    : undefined;
  const track = (label: string) => (
    <div ref={nowLine} role="img" aria-label={label} className={TRACK} style={style} data-tl-track>
      {bar}
    </div>
  );
  return (
    <div
      className={`${TRACK_INSET} ${props.isJob ? 'h-7' : props.compact ? 'h-4' : 'h-5'}${props.className ? ` ${props.className}` : ''}`}
    >
      {props.elapsedFrom === undefined ? (
        track(props.barLabel)
      ) : (
        // The label says how long it has run: it ticks, the bar inside it stays as it is.
        <Elapsed from={props.elapsedFrom}>
          {(ms) => track(tickingWords(props, ms).barLabel)}
        </Elapsed>
      )}
    </div>
  );
}

/** The bar itself: a span, a mark, a placeholder, or a note that it cannot be placed. */
function barShape(props: BarProps): ReactNode {
  const { state, barKind, barLeft, barWidth } = props;
  return barKind === 'span' ? (
    <span
      data-bar={state}
      className={barClass(props)}
      style={
        // While the job is live an open bar ends at the now line, which CSS moves.
        props.open
          ? ({
              left: `${barLeft}%`,
              width: `${barWidth}%`,
              '--bar-left': `${barLeft}%`,
            } as CSSProperties)
          : { left: `${barLeft}%`, width: `${barWidth}%` }
      }
    />
  ) : barKind === 'mark' ? (
    <span
      data-bar={state}
      className={`absolute top-1/2 size-2.5 -translate-x-1/2 -translate-y-1/2 rotate-45 ${
        state === 'instant'
          ? statusTone({ look: 'fill', kind: props.statusKind })
          : 'border-2 border-dashed border-status-waiting bg-panel'
      }`}
      style={{ left: `${barLeft}%` }}
    />
  ) : state === 'waiting' ? (
    <span
      data-bar="waiting"
      className="absolute inset-y-0 left-[min(var(--tl-now,0%),calc(100%_-_5.5rem))] flex items-center rounded-sm border border-dashed border-status-waiting px-1.5 text-[11px] leading-none text-status-waiting"
    >
      not started
    </span>
  ) : (
    <span className="absolute inset-y-0 left-0 flex items-center text-[11px] text-status-waiting">
      no usable time to place it
    </span>
  );
}
