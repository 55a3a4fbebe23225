import { useEffect, useLayoutEffect, useRef } from 'react';
import { cn } from '../../lib/cn';
import { clockNow, subscribe } from '../../lib/use-now';

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
 * Words that move on the page's one clock, `words(now)`, without re-rendering anything: each
 * second the clock writes them into this element's text, and only when they change. The board
 * has one per running job (40 of them on a large incident), so this is most of what it does
 * while idle.
 *
 * The words sit in a box exactly as wide as they are in a monospace font, with size and layout
 * containment: a new digit lays out this box alone, not the row around it, and the row moves
 * only when the words change length (once a minute or so). The outer element is what a flex
 * or grid parent lays out (a flex item cannot be a box laid out on its own) and gives the line
 * its baseline; the box sits on the top of that line, as tall as it.
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
  const first = words(clockNow());
  // After every render, the words of the new props at the clock's second: a render between two
  // ticks must not leave the words an earlier tick wrote with the props before it.
  useLayoutEffect(() => {
    latest.current = words;
    if (box.current) show(box.current, words(clockNow()));
  });
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const unsubscribe = subscribe(() => show(element, latest.current(clockNow())));
    // A tick between the render and now would otherwise be a second late for this text.
    show(element, latest.current(clockNow()));
    return unsubscribe;
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
