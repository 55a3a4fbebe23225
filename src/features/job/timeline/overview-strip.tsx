import { useCallback, useEffect, useRef, type MouseEvent } from 'react';
import type { StatusKind } from '../../../../common/job-status';
import { rowAtFraction } from './row-nav';

const HEIGHT = 64;
/** Drawn in this order, so the rarer states stay visible on top of a thousand successes. */
const LAYERS: StatusKind[] = ['success', 'unknown', 'waiting', 'running', 'failed'];

function draw(
  canvas: HTMLCanvasElement,
  width: number,
  kinds: readonly StatusKind[],
  spans: Float32Array,
) {
  const context = canvas.getContext('2d');
  if (!context) return;
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(HEIGHT * ratio);
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, HEIGHT);
  const style = getComputedStyle(canvas);
  const count = kinds.length - 1;
  if (count <= 0) return;
  const step = HEIGHT / count;
  for (const layer of LAYERS) {
    context.fillStyle = style.getPropertyValue(`--color-status-${layer}`);
    // Failures get a mark of their own, 4 × 8 px at least, whatever the job's size.
    const failed = layer === 'failed';
    const high = Math.max(failed ? 4 : 1, step);
    for (let index = 1; index <= count; index += 1) {
      if (kinds[index] !== layer) continue;
      const y = (index - 1) * step;
      const left = spans[index * 2] ?? -1;
      const right = spans[index * 2 + 1] ?? -1;
      if (left < 0) {
        // Not started: a short mark at the right end, where it will begin.
        context.fillRect(width - 4, y, 4, high);
        continue;
      }
      const x = (left / 100) * width;
      const long = Math.max(failed ? 8 : 2, ((right - left) / 100) * width);
      context.fillRect(
        failed ? Math.min(x, width - long) : x,
        failed ? y - high / 2 : y,
        long,
        high,
      );
    }
  }
}

/** Whether two states of the strip draw the same picture. */
function sameDrawing(
  a: { kinds: readonly StatusKind[]; spans: Float32Array },
  b: { kinds: readonly StatusKind[]; spans: Float32Array },
): boolean {
  if (a.kinds !== b.kinds && a.kinds.join() !== b.kinds.join()) return false;
  if (a.spans === b.spans) return true;
  if (a.spans.length !== b.spans.length) return false;
  for (let index = 0; index < a.spans.length; index += 1) {
    if (a.spans[index] !== b.spans[index]) return false;
  }
  return true;
}

/**
 * Every sub-job at once, by time (across) and in the timeline's order (down), coloured by
 * state: where the failures are on a job of a thousand sub-jobs. A click jumps to the row
 * drawn there (or a failure next to it). For the mouse; the keyboard has "next failure" and
 * the filters, and the counts say the same in words.
 */
export function OverviewStrip({
  kinds,
  spans,
  onPick,
}: {
  kinds: readonly StatusKind[];
  /** Read on every new layout (a live job's comes every second), drawn only when it changed. */
  spans: () => Float32Array;
  onPick: (index: number) => void;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const data = useRef<{ kinds: readonly StatusKind[]; spans: Float32Array } | undefined>(undefined);
  const width = useRef(0);
  const pending = useRef<(() => void) | undefined>(undefined);
  // Drawn when the browser is idle after the frame: the rows' first paint does not wait for
  // it, and its size comes from the resize observer (no forced layout). A live job's ticks
  // redraw it at most once per idle period.
  const schedule = useCallback(() => {
    if (pending.current) return;
    const run = () => {
      pending.current = undefined;
      const canvas = canvasRef.current;
      if (canvas && data.current && width.current > 0)
        draw(canvas, width.current, data.current.kinds, data.current.spans);
    };
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(run, { timeout: 500 });
      pending.current = () => cancelIdleCallback(id);
    } else {
      const id = setTimeout(run, 50);
      pending.current = () => clearTimeout(id);
    }
  }, []);
  useEffect(() => {
    const next = { kinds, spans: spans() };
    if (data.current && sameDrawing(data.current, next)) return;
    data.current = next;
    schedule();
  }, [kinds, spans, schedule]);
  useEffect(() => {
    const canvas = canvasRef.current;
    // Browsers only: a test DOM without layout has nothing to draw on.
    if (!canvas || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      width.current = entries[0]?.contentRect.width ?? 0;
      schedule();
    });
    observer.observe(canvas);
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', schedule);
    return () => {
      observer.disconnect();
      scheme.removeEventListener('change', schedule);
      pending.current?.();
      pending.current = undefined;
    };
  }, [schedule]);

  const pick = (event: MouseEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const count = kinds.length - 1;
    // Snap to a failure within 4 px: they are the lines people aim at.
    const index = rowAtFraction(
      kinds,
      (event.clientY - box.top) / box.height,
      Math.ceil((4 * count) / HEIGHT),
    );
    if (index > 0) onPick(index);
  };

  return (
    <div className="px-3 pt-2 pb-1 print:hidden" data-testid="timeline-overview">
      <p className="mb-1 text-xs text-ink-muted" id="timeline-overview-caption">
        Overview: every sub-job by time (across) and order (down). Click to go to its row.
      </p>
      {/* A mouse shortcut to rows the buttons above reach too; its content is the counts'. */}
      <canvas
        ref={canvasRef}
        role="img"
        aria-labelledby="timeline-overview-caption"
        onClick={pick}
        className="block h-16 w-full cursor-pointer rounded-sm border border-line bg-surface"
      />
    </div>
  );
}
