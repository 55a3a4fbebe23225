import { useEffect, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { cn } from '../../lib/cn';
import { useNow } from '../../lib/use-now';

/** What each ticking text on the page does with a new second: write its own words. */
const writers = new Set<(now: number) => void>();
/** Told when the first text starts or the last one stops ticking. */
const watchers = new Set<() => void>();
/** The second last handed out, while any text ticks. */
let lastTick: number | undefined;

function watch(watcher: () => void): () => void {
  watchers.add(watcher);
  return () => watchers.delete(watcher);
}
const anyTicking = () => writers.size > 0;

function register(writer: (now: number) => void): () => void {
  writers.add(writer);
  if (writers.size === 1) for (const watcher of watchers) watcher();
  return () => {
    writers.delete(writer);
    if (writers.size === 0) {
      lastTick = undefined;
      for (const watcher of watchers) watcher();
    }
  };
}

/** The second a text shows when it renders: the clock's last one, or now in whole seconds. */
function tickNow(): number {
  if (lastTick !== undefined) return lastTick;
  const now = Date.now();
  return now - (now % 1000);
}

/**
 * The one reader of the page's clock for every `TickingText` below it, mounted once by the
 * page: each second the clock re-renders this alone, and it hands the second to every ticking
 * text, which writes its own words. The texts then move in the same second as every other
 * clocked text of the page ("began 1 min ago"), and no row re-renders.
 */
export function TickClock() {
  const active = useSyncExternalStore(watch, anyTicking, anyTicking);
  const now = useNow(active);
  useLayoutEffect(() => {
    if (!active) return;
    lastTick = now;
    for (const write of writers) write(now);
  }, [active, now]);
  return null;
}

/**
 * Puts `words` in `box` when they differ from what it shows, the box as wide as they are. A
 * text node's data is set in place: no node is replaced, nothing around it is touched.
 */
function show(box: HTMLElement, words: string): void {
  const width = `${words.length}ch`;
  if (box.style.width !== width) box.style.width = width;
  if (box.textContent === words) return;
  const text = box.firstChild;
  if (text instanceof Text && text === box.lastChild) text.data = words;
  else box.textContent = words;
}

/**
 * Words that move with the page's clock, `words(now)`, without re-rendering anything: each
 * second `TickClock` has them written into this element's text, only when they change. The
 * board has one per running job (40 on a large incident): updating them is most of what it
 * does while idle.
 *
 * The words sit in a box exactly as wide as they are in a monospace font, with size and layout
 * containment: a new digit lays out this box alone, not the row around it, and the row moves
 * only when the words change length (once a minute or so). The outer element is what a flex
 * parent lays out (a flex item is never laid out on its own) and gives the line its baseline;
 * the box sits at the top of that line, as tall as it.
 */
export function TickingText({
  words,
  className,
}: {
  words: (now: number) => string;
  className?: string;
}) {
  const box = useRef<HTMLSpanElement>(null);
  const latest = useRef(words);
  const first = words(tickNow());
  // After every render, the words of the new props at the clock's second: a render between two
  // ticks must not leave what an earlier tick wrote with the props before it.
  useLayoutEffect(() => {
    latest.current = words;
    if (box.current) show(box.current, words(tickNow()));
  });
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const unregister = register((now) => show(element, latest.current(now)));
    // A tick between the render and now would otherwise reach this text a second late.
    show(element, latest.current(tickNow()));
    return unregister;
  }, []);
  return (
    <span className={cn('font-mono', className)} data-ticking="">
      <span
        ref={box}
        className="inline-block h-[1lh] align-top whitespace-nowrap [contain:size_layout_style]"
        style={{ width: `${first.length}ch` }}
      >
        {first}
      </span>
    </span>
  );
}
