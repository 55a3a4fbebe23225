import type { ReactNode } from 'react';
import { useClock } from '../../../lib/use-now';
import { usePageVisible } from '../../../lib/use-page-visible';

/**
 * `children(ms)` with the time since `from`, in the whole seconds of the page's one clock: the
 * second the job card's "so far" and the relative times show, so they all move together. Only
 * this element re-renders as time passes; the row around it stays as it was built.
 */
export function Elapsed({
  from,
  children,
}: {
  from: number;
  children: (elapsedMs: number) => ReactNode;
}) {
  // The page's clock stops while the tab is hidden; so does this one.
  const visible = usePageVisible();
  const elapsed = useClock(visible, (now) => Math.max(0, now - (now % 1000) - from));
  return children(elapsed);
}
