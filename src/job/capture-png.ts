import { statusKind } from '../../common/job-status';
import { DRAW_ALL_ROWS_DONE_EVENT, DRAW_ALL_ROWS_EVENT } from './draw-all-rows';
import { notShownText, rowsToDraw, skippedRuns } from './rows-to-draw';

/** Device pixels per CSS pixel: sharp text when pasted into a ticket and zoomed. */
export const PNG_SCALE = 2;
/** White margin around the picture, CSS pixels. */
export const PNG_MARGIN = 16;
/** Browsers refuse canvases much beyond this on a side. */
const MAX_CANVAS_SIDE = 32_000;

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/**
 * Marks the timeline rows a picture leaves out (it relies on the timeline's `data-row-key`
 * and `data-status` on each row; the whole-job row is keyed `job`), and the kept row each run
 * of left-out rows stands before (or, for a run at the end, after). Returns what it marked.
 */
export function markRowsToSkip(region: HTMLElement): HTMLElement[] {
  const rows = [...region.querySelectorAll<HTMLElement>('li[data-row-key]')].filter(
    (row) => row.dataset.rowKey !== 'job',
  );
  const { keep } = rowsToDraw(rows.map((row) => statusKind(row.dataset.status)));
  const skipped = rows.filter((_, index) => !keep[index]);
  for (const row of skipped) row.setAttribute('data-capture-skip', '');
  const marked = [...skipped];
  for (const run of skippedRuns(keep)) {
    const after = rows[run.at + run.count];
    const before = rows.slice(0, run.at).findLast((_, index) => keep[index]);
    const anchor = after ?? before;
    if (!anchor) continue;
    anchor.setAttribute(
      after ? 'data-capture-gap-before' : 'data-capture-gap-after',
      String(run.count),
    );
    marked.push(anchor);
  }
  return marked;
}

/** The line a picture draws where rows are left out (inline styles: the clone has no sheet). */
function gapLine(count: number): HTMLLIElement {
  const line = document.createElement('li');
  line.setAttribute('data-capture-gap', '');
  line.textContent = notShownText(count);
  line.setAttribute(
    'style',
    'display:block;padding:4px 12px;border-top:1px solid #d9dee5;color:#4b5563;font-size:12px;line-height:16px;text-align:center;font-style:italic',
  );
  return line;
}

/** Puts the "… N not shown …" lines into the cloned page, where the marks say. */
export function drawGaps(clone: Node): void {
  if (!(clone instanceof Element)) return;
  for (const row of clone.querySelectorAll('[data-capture-gap-before]')) {
    row.before(gapLine(Number(row.getAttribute('data-capture-gap-before'))));
  }
  for (const row of clone.querySelectorAll('[data-capture-gap-after]')) {
    row.after(gapLine(Number(row.getAttribute('data-capture-gap-after'))));
  }
}

function keepNode(node: Node): boolean {
  if (!(node instanceof Element)) return true;
  return !node.classList.contains('print:hidden') && !node.hasAttribute('data-capture-skip');
}

/**
 * Renders `region` to a PNG at 2×, in the light scheme and without controls whatever the
 * screen shows. The page is put in that form only while it is being cloned (a moment), and
 * rasterised afterwards. The library is loaded on first use, not with the page.
 */
export async function captureRegionPng(region: HTMLElement): Promise<Blob> {
  const { domToBlob, domToForeignObjectSvg } = await import('modern-screenshot');
  const root = document.documentElement;
  const before = { theme: root.getAttribute('data-theme'), mode: root.getAttribute('data-export') };
  // Every row must be in the page to be chosen from: a large job draws its rows in steps.
  window.dispatchEvent(new Event(DRAW_ALL_ROWS_EVENT));
  const marked = markRowsToSkip(region);
  root.setAttribute('data-theme', 'light');
  root.setAttribute('data-export', 'png');
  let svg: SVGElement;
  try {
    await nextFrame();
    const box = region.getBoundingClientRect();
    const width = Math.ceil(box.width) + 2 * PNG_MARGIN;
    const height = Math.ceil(box.height) + 2 * PNG_MARGIN;
    if (height * PNG_SCALE > MAX_CANVAS_SIDE) {
      throw new Error(
        'the job is too long to draw as one picture; print it or copy the summary instead',
      );
    }
    svg = await domToForeignObjectSvg(region, {
      width,
      height,
      backgroundColor: '#ffffff',
      style: { padding: `${PNG_MARGIN}px`, boxSizing: 'border-box', margin: '0' },
      filter: keepNode,
      font: false,
      onCloneNode: drawGaps,
    });
  } finally {
    for (const row of marked) {
      row.removeAttribute('data-capture-skip');
      row.removeAttribute('data-capture-gap-before');
      row.removeAttribute('data-capture-gap-after');
    }
    restore(root, 'data-theme', before.theme);
    restore(root, 'data-export', before.mode);
    // The clone is taken: the page may drop the rows off screen again.
    window.dispatchEvent(new Event(DRAW_ALL_ROWS_DONE_EVENT));
  }
  return domToBlob(svg, { scale: PNG_SCALE, backgroundColor: '#ffffff', type: 'image/png' });
}

function restore(element: Element, name: string, value: string | null): void {
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}

/** Saves a blob under a file name through a temporary link (works under the app's CSP). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the download a moment to start before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
