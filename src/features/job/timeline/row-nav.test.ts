import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StatusKind } from '../../../job/status';
import { nextFailure, previousFailure, rowAtFraction, visibleRows } from './row-nav';

// Index 0 is the whole job, which is never a target even when it failed.
const kinds: StatusKind[] = ['failed', 'success', 'failed', 'running', 'failed', 'waiting'];

describe('next and previous failure', () => {
  it('moves from failure to failure, skipping the whole job', () => {
    expect(nextFailure(kinds, -1)).toBe(2);
    expect(nextFailure(kinds, 0)).toBe(2);
    expect(nextFailure(kinds, 2)).toBe(4);
    expect(nextFailure(kinds, 4)).toBe(-1);
    expect(previousFailure(kinds, 4)).toBe(2);
    expect(previousFailure(kinds, 2)).toBe(-1);
    expect(previousFailure(kinds, 5)).toBe(4);
  });

  it('always lands on a failed sub-job, after or before where it started', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<StatusKind>('failed', 'success', 'running'), { maxLength: 40 }),
        fc.integer({ min: -1, max: 45 }),
        (list, from) => {
          for (const [found, after] of [
            [nextFailure(list, from), true],
            [previousFailure(list, from), false],
          ] as const) {
            if (found === -1) continue;
            expect(list[found]).toBe('failed');
            expect(found).toBeGreaterThanOrEqual(1);
            expect(after ? found > from : found < from).toBe(true);
          }
        },
      ),
    );
  });
});

describe('visibleRows', () => {
  it('keeps the whole job and the sub-jobs of the chosen states', () => {
    expect(visibleRows(kinds, new Set())).toEqual([0, 1, 2, 3, 4, 5]);
    expect(visibleRows(kinds, new Set(['failed']))).toEqual([0, 2, 4]);
    expect(visibleRows(kinds, new Set(['running', 'waiting']))).toEqual([0, 3, 5]);
  });
});

describe('rowAtFraction', () => {
  it('finds the sub-job drawn at that height, snapping to a failure nearby', () => {
    const many: StatusKind[] = [
      'success',
      ...Array.from({ length: 100 }, (_, i): StatusKind => (i === 49 ? 'failed' : 'success')),
    ];
    expect(rowAtFraction(many, 0, 0)).toBe(1);
    expect(rowAtFraction(many, 0.999, 0)).toBe(100);
    expect(rowAtFraction(many, 1, 0)).toBe(100);
    expect(rowAtFraction(many, 0.1, 2)).toBe(11);
    expect(rowAtFraction(many, 0.47, 1)).toBe(48);
    expect(rowAtFraction(many, 0.47, 2)).toBe(50);
    expect(rowAtFraction(['running'], 0.5, 3)).toBe(-1);
  });
});
