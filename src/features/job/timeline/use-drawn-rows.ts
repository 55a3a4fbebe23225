import { useCallback, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { DRAW_ALL_ROWS_EVENT } from '../../../job/draw-all-rows';

/** Enough rows to fill a tall screen at once (a row is 70 px or more). */
export const FIRST_ROWS = 30;
/** Then this many per step, each its own short task. */
export const MORE_ROWS = 100;

/**
 * How many rows to draw: the first screenful at once, then the rest in steps of their own
 * tasks (so input and scrolling get in between), all of them before printing or a picture, and never
 * fewer than `atLeast` (a row named by the link must be there to be focused).
 * Measured with `npm run bench:timeline`: drawing a thousand rows in one go blocked the
 * page for longer than the 200 ms budget on a two-core machine. Not transitions: the
 * clock's updates of a live job would interrupt and restart them, for ever on a slow machine.
 */
export function useDrawnRows(total: number, atLeast: number): [number, (count: number) => void] {
  const [drawn, setDrawn] = useState(FIRST_ROWS);
  const count = Math.min(total, Math.max(drawn, atLeast));

  useEffect(() => {
    if (count >= total) return;
    // After the next frame, so what is drawn so far is painted before the next step runs.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setDrawn(count + MORE_ROWS), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [count, total]);

  useEffect(() => {
    const drawAll = () => flushSync(() => setDrawn(Number.POSITIVE_INFINITY));
    window.addEventListener('beforeprint', drawAll);
    window.addEventListener(DRAW_ALL_ROWS_EVENT, drawAll);
    return () => {
      window.removeEventListener('beforeprint', drawAll);
      window.removeEventListener(DRAW_ALL_ROWS_EVENT, drawAll);
    };
  }, []);

  const drawAtLeast = useCallback(
    (wanted: number) => setDrawn((current) => Math.max(current, wanted)),
    [],
  );
  return [count, drawAtLeast];
}
