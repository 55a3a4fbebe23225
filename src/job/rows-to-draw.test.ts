import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StatusKind } from '../../common/job-status';
import { leftOutText, notShownText, rowsToDraw, skippedRuns } from './rows-to-draw';

const KINDS: StatusKind[] = ['success', 'failed', 'running', 'waiting', 'unknown'];

describe('rowsToDraw', () => {
  it('draws everything under the budget', () => {
    const result = rowsToDraw(['success', 'failed'], 60);
    expect(result.keep).toEqual([true, true]);
    expect(result).toMatchObject({
      drawn: 2,
      total: 2,
      failedTotal: 1,
      failedDrawn: 1,
      everyStateDrawn: true,
    });
  });

  it('keeps failed rows, then one of each other state, then the earliest others', () => {
    const kinds: StatusKind[] = [
      'success',
      'success',
      'success',
      'failed',
      'running',
      'running',
      'failed',
      'waiting',
    ];
    const result = rowsToDraw(kinds, 6);
    // failed 3 and 6, running 4, waiting 7, success 0, then the earliest left: 1.
    expect(result.keep).toEqual([true, true, false, true, true, false, true, true]);
    expect(result).toMatchObject({
      drawn: 6,
      total: 8,
      failedTotal: 2,
      failedDrawn: 2,
      everyStateDrawn: true,
    });
  });

  it('a large job: its late failures and its running and waiting rows, not the 20 earliest successes', () => {
    const kinds: StatusKind[] = [
      ...Array.from({ length: 900 }, () => 'success' as const),
      ...Array.from({ length: 5 }, () => 'failed' as const),
      ...Array.from({ length: 60 }, () => 'running' as const),
      ...Array.from({ length: 35 }, () => 'waiting' as const),
    ];
    const result = rowsToDraw(kinds, 25);
    const drawn = kinds.filter((_, index) => result.keep[index]);
    expect(drawn.filter((kind) => kind === 'failed')).toHaveLength(5);
    expect(drawn).toContain('running');
    expect(drawn).toContain('waiting');
    expect(result.keep[900]).toBe(true);
    expect(result.keep[965]).toBe(true);
    expect(result).toMatchObject({ drawn: 25, failedDrawn: 5, everyStateDrawn: true });
  });

  it('keeps room for every other state when the failed rows alone exceed the budget', () => {
    const result = rowsToDraw(['failed', 'success', 'failed', 'failed', 'running'], 3);
    expect(result.keep).toEqual([true, true, false, false, true]);
    expect(result).toMatchObject({
      drawn: 3,
      failedTotal: 3,
      failedDrawn: 1,
      everyStateDrawn: true,
    });
  });

  it('handles no rows and a zero budget', () => {
    expect(rowsToDraw([], 5)).toMatchObject({ keep: [], drawn: 0, total: 0 });
    expect(rowsToDraw(['success'], 0).keep).toEqual([false]);
  });

  it('never exceeds the budget, draws all it can, and a state is left out only when the budget is short', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...KINDS), { maxLength: 80 }),
        fc.nat(40),
        (kinds, budget) => {
          const result = rowsToDraw(kinds, budget);
          expect(result.drawn).toBe(Math.min(budget, kinds.length));
          const states = new Set(kinds).size;
          if (budget >= states) expect(result.everyStateDrawn).toBe(true);
          const failedRoom = Math.max(
            0,
            budget - new Set(kinds.filter((k) => k !== 'failed')).size,
          );
          expect(result.failedDrawn).toBeGreaterThanOrEqual(
            Math.min(result.failedTotal, failedRoom),
          );
        },
      ),
    );
  });
});

describe('skippedRuns', () => {
  it('finds each run of left-out rows with its length', () => {
    expect(skippedRuns([true, false, false, true, false])).toEqual([
      { at: 1, count: 2 },
      { at: 4, count: 1 },
    ]);
    expect(skippedRuns([true, true])).toEqual([]);
    expect(skippedRuns([false, false, false])).toEqual([{ at: 0, count: 3 }]);
  });

  it('covers exactly the left-out rows', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 60 }), (keep) => {
        const runs = skippedRuns(keep);
        expect(runs.reduce((sum, run) => sum + run.count, 0)).toBe(
          keep.filter((kept) => !kept).length,
        );
        for (const run of runs) {
          expect(keep.slice(run.at, run.at + run.count).every((kept) => !kept)).toBe(true);
          if (run.at + run.count < keep.length) expect(keep[run.at + run.count]).toBe(true);
        }
      }),
    );
  });

  it('says how many rows a gap holds', () => {
    expect(notShownText(975)).toBe('… 975 not shown …');
    expect(notShownText(1200)).toBe('… 1,200 not shown …');
  });
});

describe('leftOutText', () => {
  it('says nothing when every row is drawn, and what was chosen when not', () => {
    expect(leftOutText(rowsToDraw(['success', 'failed'], 5))).toBeUndefined();
    expect(leftOutText(rowsToDraw(['success', 'failed', 'running', 'success'], 3))).toBe(
      'This picture shows 3 of 4 sub-jobs: every failed one (1), at least one of every other state, then the earliest others, in time order; “… N not shown …” marks where rows are left out. All of them are on the page at the link above.',
    );
    expect(leftOutText(rowsToDraw(['failed', 'failed', 'failed', 'running'], 2))).toContain(
      ': 1 of the 3 failed ones, at least one of every other state,',
    );
  });
});
