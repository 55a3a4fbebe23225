import { defaultRangeExtractor, type Range } from '@tanstack/react-virtual';
import { describe, expect, it } from 'vitest';
import { blockRows, ROW_BLOCK } from './use-virtual-rows';

const range = (startIndex: number, endIndex: number, count = 1000, overscan = 12): Range => ({
  startIndex,
  endIndex,
  overscan,
  count,
});

describe('blockRows', () => {
  it('holds every row the library would mount, in whole blocks', () => {
    for (const [start, end] of [
      [0, 20],
      [5, 31],
      [13, 40],
      [500, 529],
      [970, 999],
    ] as const) {
      const rows = blockRows(range(start, end), []);
      expect(rows).toEqual(expect.arrayContaining(defaultRangeExtractor(range(start, end))));
      expect(rows[0]! % ROW_BLOCK).toBe(0);
      expect(rows.at(-1) === 999 || (rows.at(-1)! + 1) % ROW_BLOCK === 0).toBe(true);
      // Consecutive: a block is whole.
      expect(rows).toEqual(Array.from({ length: rows.length }, (_, i) => rows[0]! + i));
    }
  });

  it('changes the rows once a block at either edge, not at every row scrolled', () => {
    // The screen shows 30 rows; scrolling down 64 rows, one row at a time.
    const changes = (extract: (r: Range) => number[]) => {
      let count = 0;
      let before = extract(range(100, 129)).join();
      for (let step = 1; step <= 64; step += 1) {
        const now = extract(range(100 + step, 129 + step)).join();
        if (now !== before) count += 1;
        before = now;
      }
      return count;
    };
    expect(changes(defaultRangeExtractor)).toBe(64);
    // A block added at the bottom and one let go at the top, every ROW_BLOCK rows.
    expect(changes((r) => blockRows(r, []))).toBe((2 * 64) / ROW_BLOCK);
  });

  it('stays within the list at either end', () => {
    expect(blockRows(range(0, 10, 15), [])).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(blockRows(range(0, 0, 0), [])).toEqual([]);
    expect(blockRows(range(990, 999), []).at(-1)).toBe(999);
  });

  it('adds the pinned rows, once each and in order, and ignores positions outside the list', () => {
    const rows = blockRows(range(100, 129), [3, 3, 500, 110, -1, 1000]);
    expect(rows.filter((index) => index === 3)).toHaveLength(1);
    expect(rows).toContain(500);
    expect(rows).not.toContain(-1);
    expect(rows).not.toContain(1000);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(rows.filter((index) => index === 110)).toHaveLength(1);
  });
});
