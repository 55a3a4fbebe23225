import type { StatusKind } from '../../common/job-status';

/**
 * A browser canvas side stops at about 32k px, so a picture at 2× holds a few hundred rows at
 * most; and encoding a tall PNG is slow (tens of seconds for 60 rows on a busy laptop). 25
 * sub-jobs keep the picture quick, readable in a ticket, and about 6,000 px tall at most.
 */
export const PNG_SUB_JOB_BUDGET = 25;

/** After the failed rows, one row of each of these states is kept, in this order of need. */
const ONE_OF_EACH: readonly StatusKind[] = ['running', 'waiting', 'unknown', 'success'];

export interface RowsToDraw {
  /** Per sub-job row, in the order given: drawn or left out. */
  keep: boolean[];
  drawn: number;
  total: number;
  failedTotal: number;
  failedDrawn: number;
  /** Whether every state present has at least one row drawn. */
  everyStateDrawn: boolean;
}

/**
 * Which sub-job rows a picture draws: every failed one first (as far as the budget goes,
 * keeping room for one row of each other state), then the first row of each other state
 * present, then any failed ones left, then the others in their order. The
 * rows keep their order; `skippedRuns` says where the left-out ones were.
 */
export function rowsToDraw(kinds: readonly StatusKind[], budget = PNG_SUB_JOB_BUDGET): RowsToDraw {
  const keep = kinds.map(() => false);
  let left = Math.max(0, budget);
  const take = (index: number) => {
    if (left > 0 && !keep[index]) {
      keep[index] = true;
      left -= 1;
    }
  };
  const present = new Set(kinds);
  // Room is kept for one row of each other state, however many rows failed.
  const others = ONE_OF_EACH.filter((kind) => present.has(kind)).length;
  let failedRoom = Math.max(0, left - others);
  kinds.forEach((kind, index) => {
    if (kind === 'failed' && failedRoom > 0) {
      failedRoom -= 1;
      take(index);
    }
  });
  for (const wanted of ONE_OF_EACH) {
    const index = kinds.indexOf(wanted);
    if (index >= 0) take(index);
  }
  kinds.forEach((kind, index) => {
    if (kind === 'failed') take(index);
  });
  kinds.forEach((_, index) => take(index));
  const drawnKinds = new Set(kinds.filter((_, index) => keep[index]));
  return {
    keep,
    drawn: keep.filter(Boolean).length,
    total: kinds.length,
    failedTotal: kinds.filter((kind) => kind === 'failed').length,
    failedDrawn: kinds.filter((kind, index) => kind === 'failed' && keep[index]).length,
    everyStateDrawn: [...present].every((kind) => drawnKinds.has(kind)),
  };
}

/** A run of left-out rows: it stands where row `at` would be, and holds `count` rows. */
export interface SkippedRun {
  at: number;
  count: number;
}

/** The runs of `false` in `keep`, in order: where a picture says "… N not shown …". */
export function skippedRuns(keep: readonly boolean[]): SkippedRun[] {
  const runs: SkippedRun[] = [];
  keep.forEach((kept, index) => {
    if (kept) return;
    const last = runs.at(-1);
    if (last && last.at + last.count === index) last.count += 1;
    else runs.push({ at: index, count: 1 });
  });
  return runs;
}

/** The words a picture puts where rows are left out. */
export function notShownText(count: number): string {
  return `… ${count.toLocaleString('en')} not shown …`;
}

/** What a picture that leaves sub-jobs out says about its choice. */
export function leftOutText(pick: RowsToDraw): string | undefined {
  if (pick.drawn === pick.total) return undefined;
  const failed =
    pick.failedTotal === 0
      ? ''
      : pick.failedDrawn < pick.failedTotal
        ? `${pick.failedDrawn} of the ${pick.failedTotal} failed ones, `
        : `every failed one (${pick.failedTotal}), `;
  const states = pick.everyStateDrawn
    ? `at least one of every ${pick.failedTotal === 0 ? '' : 'other '}state`
    : 'as many states as fit';
  return `This picture shows ${pick.drawn} of ${pick.total.toLocaleString('en')} sub-jobs: ${failed}${states}, then the earliest others, in time order; “… N not shown …” marks where rows are left out. All of them are on the page at the link above.`;
}
