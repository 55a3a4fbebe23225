import { startTransition, useCallback, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/** Enough rows to fill a tall screen at once. */
export const FIRST_ROWS = 60;
/** Then this many per background step. */
export const MORE_ROWS = 150;

/**
 * How many rows to draw: the first screenful at once, then the rest in background steps
 * (transitions, so input and scrolling stay responsive), all of them before printing, and
 * never fewer than `atLeast` (a row named by the link must be there to be focused).
 * Measured with `npm run bench:timeline`: drawing a thousand rows in one go blocked the
 * page for longer than the 200 ms budget on a two-core machine.
 */
export function useDrawnRows(total: number, atLeast: number): [number, (count: number) => void] {
  const [drawn, setDrawn] = useState(FIRST_ROWS);
  const count = Math.min(total, Math.max(drawn, atLeast));

  useEffect(() => {
    if (count >= total) return;
    const timer = setTimeout(() => startTransition(() => setDrawn(count + MORE_ROWS)), 0);
    return () => clearTimeout(timer);
  }, [count, total]);

  useEffect(() => {
    const drawAll = () => flushSync(() => setDrawn(Number.POSITIVE_INFINITY));
    window.addEventListener('beforeprint', drawAll);
    return () => window.removeEventListener('beforeprint', drawAll);
  }, []);

  const drawAtLeast = useCallback((wanted: number) => setDrawn((current) => Math.max(current, wanted)), []);
  return [count, drawAtLeast];
}
