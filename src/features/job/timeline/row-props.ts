import type { TimelineRow } from './rows';
import type { BarProps } from './timeline-bar';

export interface TimelineRowProps {
  row: TimelineRow;
  selected: boolean;
  /** Absolute link to this sub-job, given to the selected row only (for its copy button). */
  shareUrl: string | undefined;
  /** Stable across renders, so that memo holds. */
  onSelect: (linkId: string) => void;
  /** The failure reason the job card above prints in full: a row refers to it rather than repeat it. */
  reasonAbove?: string | undefined;
  /** In a virtualised list: the row's position there and its top (px) within the list. */
  place?: { index: number; top: number } | undefined;
  /** In a virtualised list: measures the row (its height varies with a failure's reason). */
  measure?: ((element: HTMLLIElement | null) => void) | undefined;
}

function sameRow(a: TimelineRow, b: TimelineRow): boolean {
  if (a === b) return true;
  for (const key of Object.keys(a) as (keyof TimelineRow)[]) {
    if (a[key] !== b[key]) return false;
  }
  return true;
}

/** Equal props draw the same row: a row component's memo comparison. */
export function sameRowProps(prev: TimelineRowProps, next: TimelineRowProps): boolean {
  return (
    prev.selected === next.selected &&
    prev.shareUrl === next.shareUrl &&
    prev.onSelect === next.onSelect &&
    prev.reasonAbove === next.reasonAbove &&
    prev.measure === next.measure &&
    prev.place?.index === next.place?.index &&
    prev.place?.top === next.place?.top &&
    sameRow(prev.row, next.row)
  );
}

/** Why a sub-job's ID cannot serve as its link, in one wording for both densities. */
const ID_NOTE: Record<NonNullable<TimelineRow['idNote']>, string> = {
  missing: 'no sub-job ID',
  empty: 'empty sub-job ID',
  duplicate: 'ID repeats an earlier sub-job',
};

export function idNoteText(note: TimelineRow['idNote']): string {
  return note ? `(${ID_NOTE[note]})` : '';
}

/** What the row's bar draws, taken from the row. */
export function barProps(row: TimelineRow): BarProps {
  const { state, statusKind, barKind, barLeft, barWidth, open, queueLeft, isJob } = row;
  const { barLabel, elapsedFrom, timesText, queuedText } = row;
  return {
    state,
    statusKind,
    barKind,
    barLeft,
    barWidth,
    open,
    queueLeft,
    barLabel,
    isJob,
    elapsedFrom,
    timesText,
    queuedText,
  };
}

/** The row's state as classes, for both densities: a failed row's red edge, the selection. */
export function rowStateClass(row: TimelineRow, selected: boolean): string {
  let state = row.statusKind === 'failed' ? ' border-l-status-failed' : ' border-l-transparent';
  if (row.isJob) state += ' bg-surface';
  if (selected) state += ' bg-accent/10 ring-2 ring-accent ring-inset';
  return state;
}

/** The list item's attributes that focus, selection, tests and the PNG capture read, for both densities. */
export function rowItemProps(
  row: TimelineRow,
  selected: boolean,
  place?: TimelineRowProps['place'],
  measure?: TimelineRowProps['measure'],
) {
  return {
    ref: measure,
    'data-index': place?.index,
    // Placed by the virtualiser: a transform moves the row without laying out the others.
    style: place
      ? ({
          position: 'absolute',
          top: 0,
          left: 0,
          right: 0,
          transform: `translateY(${place.top}px)`,
        } as const)
      : undefined,
    id: row.domId,
    tabIndex: -1,
    'data-row-key': row.key,
    'data-status': row.statusKind,
    'aria-current': selected ? ('true' as const) : undefined,
  };
}
