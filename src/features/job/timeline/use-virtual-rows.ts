import { useWindowVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { DRAW_ALL_ROWS_DONE_EVENT, DRAW_ALL_ROWS_EVENT } from '../../../job/draw-all-rows';

/**
 * From this many rows shown, only those on screen (and a few beyond) are in the page. A
 * thousand rows in the DOM made every style and layout pass long on a slow laptop (issue 22:
 * long tasks every second, 5 frames a second while scrolling at 4× CPU slowdown).
 */
export const VIRTUAL_FROM = 150;
/** Rows drawn beyond either edge of the screen, so a short scroll shows no gap. */
const OVERSCAN = 12;
/**
 * How long after the last scroll event the list counts as still scrolling. The library's
 * 150 ms is shorter than a frame of a slow laptop while it scrolls a large job (issue 22):
 * the list then stopped and restarted "scrolling" between two frames, and each change drew
 * the whole timeline once more, making the next frame slower still.
 */
const SCROLLING_RESET_MS = 400;

/**
 * Rows are mounted and let go in blocks of this many. Scrolling row by row changed the page
 * on every frame (new rows drawn, styled, laid out and painted: about 40 ms a frame at 4× CPU
 * slowdown); in blocks, most frames while scrolling change nothing in the page and only every
 * few frames draw a block. Measured in `npm run bench:big-job` (docs/benchmarks.md).
 */
export const ROW_BLOCK = 8;

/**
 * The rows to have in the page: those on screen and `overscan` beyond either edge (the
 * library's range), widened to whole blocks of `ROW_BLOCK`, and the `pinned` ones. The
 * same set for every scroll position inside a block, so such a scroll renders nothing.
 */
export function blockRows(range: Range, pinned: readonly number[]): number[] {
  const first = Math.max(
    0,
    Math.floor((range.startIndex - range.overscan) / ROW_BLOCK) * ROW_BLOCK,
  );
  const last = Math.min(
    range.count - 1,
    Math.ceil((range.endIndex + range.overscan + 1) / ROW_BLOCK) * ROW_BLOCK - 1,
  );
  const rows: number[] = [];
  for (let index = first; index <= last; index += 1) rows.push(index);
  const extra = [...new Set(pinned)].filter(
    (index) => index >= 0 && index < range.count && (index < first || index > last),
  );
  return extra.length === 0 ? rows : [...rows, ...extra].sort((a, b) => a - b);
}

/** Estimated heights (px) until a row is measured: one line, or the comfortable row. */
export function estimateRowPx(compact: boolean, failed: boolean): number {
  if (compact) return failed ? 78 : 25;
  return failed ? 128 : 74;
}

/**
 * The window-scrolled virtualiser of the timeline's list: which rows to mount and where, the
 * rows in `pinned` always among them (the selected row, a row just gone to), and every row
 * while the page is printed or pictured.
 */
export function useVirtualRows({
  listRef,
  count,
  estimate,
  keyAt,
  pinned,
}: {
  listRef: RefObject<HTMLOListElement | null>;
  count: number;
  estimate: (position: number) => number;
  keyAt: (position: number) => string;
  pinned: readonly number[];
}) {
  const everyRow = useEveryRow();
  const enabled = count >= VIRTUAL_FROM && !everyRow;
  const [scrollMargin, setScrollMargin] = useState(0);
  // Where the list starts in the page; what is above it (the card, notes) may grow, which
  // changes the page's height too.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (!enabled || !list) return;
    const read = () =>
      setScrollMargin(Math.round(list.getBoundingClientRect().top + window.scrollY));
    read();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(read);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [listRef, enabled]);
  const pinnedKey = pinned.join(',');
  const rangeExtractor = useCallback(
    (range: Range) => blockRows(range, pinnedKey === '' ? [] : pinnedKey.split(',').map(Number)),
    [pinnedKey],
  );
  const virtualizer = useWindowVirtualizer<HTMLLIElement>({
    count,
    estimateSize: estimate,
    getItemKey: keyAt,
    overscan: OVERSCAN,
    isScrollingResetDelay: SCROLLING_RESET_MS,
    scrollMargin,
    rangeExtractor,
    enabled,
  });
  return { virtualizer, enabled, scrollMargin };
}

/**
 * True while every row must be in the page: printing, and a PNG being drawn (the capture
 * chooses its rows among all of them).
 */
function useEveryRow(): boolean {
  const [every, setEvery] = useState(false);
  const printing = useRef(false);
  useEffect(() => {
    const on = () => flushSync(() => setEvery(true));
    const off = () => setEvery(false);
    const beforePrint = () => {
      printing.current = true;
      on();
    };
    const afterPrint = () => {
      printing.current = false;
      off();
    };
    const done = () => {
      if (!printing.current) off();
    };
    window.addEventListener('beforeprint', beforePrint);
    window.addEventListener('afterprint', afterPrint);
    window.addEventListener(DRAW_ALL_ROWS_EVENT, on);
    window.addEventListener(DRAW_ALL_ROWS_DONE_EVENT, done);
    return () => {
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', afterPrint);
      window.removeEventListener(DRAW_ALL_ROWS_EVENT, on);
      window.removeEventListener(DRAW_ALL_ROWS_DONE_EVENT, done);
    };
  }, []);
  return every;
}
