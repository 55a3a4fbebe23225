import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StatusKind } from '../../../../common/job-status';
import {
  FILTER_ORDER,
  nextFailure,
  parseStatusParam,
  previousFailure,
  rowAtFraction,
  statusParam,
  visibleRows,
} from './row-nav';

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

const states = (...list: StatusKind[]) => ({ shown: new Set(list), query: '' });

describe('visibleRows', () => {
  it('keeps the whole job and the sub-jobs of the chosen states', () => {
    expect(visibleRows(kinds, states())).toEqual([0, 1, 2, 3, 4, 5]);
    expect(visibleRows(kinds, states('failed'))).toEqual([0, 2, 4]);
    expect(visibleRows(kinds, states('running', 'waiting'))).toEqual([0, 3, 5]);
  });

  // Display index → ID, error code, reason (lower-cased, as the plan gives them).
  const texts = [
    '',
    'sub-0001',
    'sub-0032\nsfs.turbo.0030\necs resources exhausted',
    'sub-0033',
    'sub-0320\nsfs.turbo.0029\nsubnet has not enough ips',
    'sub-0500',
  ];
  const searchText = (index: number) => texts[index] ?? '';

  it('finds sub-jobs by a part of their ID, code or reason, whatever the case', () => {
    const find = (query: string, ...list: StatusKind[]) =>
      visibleRows(kinds, { shown: new Set(list), query }, searchText);
    expect(find('0032')).toEqual([0, 2]);
    expect(find('SFS.TURBO.0029')).toEqual([0, 4]);
    expect(find('  Subnet HAS ')).toEqual([0, 4]);
    expect(find('sfs.turbo')).toEqual([0, 2, 4]);
    expect(find('sub-003')).toEqual([0, 2, 3]);
    expect(find('nothing like it')).toEqual([0]);
    expect(find('   ')).toEqual([0, 1, 2, 3, 4, 5]);
    // Both at once: the states and the search.
    expect(find('sub-003', 'failed')).toEqual([0, 2]);
    expect(find('sub-003', 'running')).toEqual([0, 3]);
  });
});

describe('the status filter in the address', () => {
  it('reads the states named, whatever the case and spacing, and says which words name none', () => {
    const read = (value: string | null) => {
      const { shown, unknown } = parseStatusParam(value);
      return { shown: [...shown], unknown };
    };
    expect(read(null)).toEqual({ shown: [], unknown: [] });
    expect(read('')).toEqual({ shown: [], unknown: [] });
    expect(read('failed,running')).toEqual({ shown: ['failed', 'running'], unknown: [] });
    expect(read(' Failed , ,RUNNING,failed')).toEqual({
      shown: ['failed', 'running'],
      unknown: [],
    });
    expect(read('failed,paused,<b>')).toEqual({ shown: ['failed'], unknown: ['paused', '<b>'] });
  });

  it('writes the states in one order, so one view has one address', () => {
    expect(statusParam(new Set<StatusKind>(['success', 'failed', 'running']))).toBe(
      'failed,running,success',
    );
    expect(statusParam(new Set())).toBe('');
    fc.assert(
      fc.property(fc.subarray([...FILTER_ORDER]), (list) => {
        expect([...parseStatusParam(statusParam(new Set(list))).shown].sort()).toEqual(
          [...list].sort(),
        );
      }),
    );
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
