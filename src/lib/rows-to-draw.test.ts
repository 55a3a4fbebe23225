import { describe, expect, it } from 'vitest';
import type { StatusKind } from './status';
import { rowsToDraw } from './rows-to-draw';

describe('rowsToDraw', () => {
  it('draws everything under the budget', () => {
    const result = rowsToDraw(['success', 'failed'], 60);
    expect(result.keep).toEqual([true, true]);
    expect(result).toMatchObject({ drawn: 2, total: 2, failedTotal: 1, failedDrawn: 1 });
  });

  it('puts failed rows first when the budget is short, then keeps order', () => {
    const kinds: StatusKind[] = ['success', 'success', 'failed', 'running', 'failed'];
    const result = rowsToDraw(kinds, 3);
    expect(result.keep).toEqual([true, false, true, false, true]);
    expect(result).toMatchObject({ drawn: 3, total: 5, failedTotal: 2, failedDrawn: 2 });
  });

  it('draws only failed rows when they alone exceed the budget', () => {
    const result = rowsToDraw(['failed', 'success', 'failed', 'failed'], 2);
    expect(result.keep).toEqual([true, false, true, false]);
    expect(result).toMatchObject({ drawn: 2, failedTotal: 3, failedDrawn: 2 });
  });

  it('handles no rows and a zero budget', () => {
    expect(rowsToDraw([], 5)).toMatchObject({ keep: [], drawn: 0, total: 0 });
    expect(rowsToDraw(['success'], 0).keep).toEqual([false]);
  });
});
