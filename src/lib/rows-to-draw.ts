import type { StatusKind } from './status';

/**
 * A browser canvas side stops at about 32k px, so a picture at 2× holds a few hundred rows at
 * most; and encoding a tall PNG is slow (tens of seconds for 60 rows on a busy laptop). 25
 * sub-jobs keep the picture quick, readable in a ticket, and about 6,000 px tall at most.
 */
export const PNG_SUB_JOB_BUDGET = 25;

export interface RowsToDraw {
  /** Per sub-job row, in the order given: drawn or left out. */
  keep: boolean[];
  drawn: number;
  total: number;
  failedTotal: number;
  failedDrawn: number;
}

/** Which sub-job rows a picture draws: failed ones first, then the others in their order. */
export function rowsToDraw(kinds: readonly StatusKind[], budget = PNG_SUB_JOB_BUDGET): RowsToDraw {
  const keep = kinds.map(() => false);
  let left = Math.max(0, budget);
  let failedDrawn = 0;
  kinds.forEach((kind, index) => {
    if (kind === 'failed' && left > 0) {
      keep[index] = true;
      left -= 1;
      failedDrawn += 1;
    }
  });
  kinds.forEach((kind, index) => {
    if (kind !== 'failed' && left > 0) {
      keep[index] = true;
      left -= 1;
    }
  });
  return {
    keep,
    drawn: keep.filter(Boolean).length,
    total: kinds.length,
    failedTotal: kinds.filter((kind) => kind === 'failed').length,
    failedDrawn,
  };
}
