import { statusKind } from './status';
import { rowsToDraw } from './rows-to-draw';

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
 * and `data-status` on each row; the whole-job row is keyed `job`). Returns the marked rows.
 */
function markRowsToSkip(region: HTMLElement): HTMLElement[] {
  const rows = [...region.querySelectorAll<HTMLElement>('li[data-row-key]')].filter(
    (row) => row.dataset.rowKey !== 'job',
  );
  const { keep } = rowsToDraw(rows.map((row) => statusKind(row.dataset.status)));
  const skipped = rows.filter((_, index) => !keep[index]);
  for (const row of skipped) row.setAttribute('data-capture-skip', '');
  return skipped;
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
  const skipped = markRowsToSkip(region);
  root.setAttribute('data-theme', 'light');
  root.setAttribute('data-export', 'png');
  let svg: SVGElement;
  try {
    await nextFrame();
    const box = region.getBoundingClientRect();
    const width = Math.ceil(box.width) + 2 * PNG_MARGIN;
    const height = Math.ceil(box.height) + 2 * PNG_MARGIN;
    if (height * PNG_SCALE > MAX_CANVAS_SIDE) {
      throw new Error('the job is too long to draw as one picture; print it or copy the summary instead');
    }
    svg = await domToForeignObjectSvg(region, {
      width,
      height,
      backgroundColor: '#ffffff',
      style: { padding: `${PNG_MARGIN}px`, boxSizing: 'border-box', margin: '0' },
      filter: keepNode,
      font: false,
    });
  } finally {
    for (const row of skipped) row.removeAttribute('data-capture-skip');
    restore(root, 'data-theme', before.theme);
    restore(root, 'data-export', before.mode);
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
