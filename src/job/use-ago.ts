import { useClock } from '../lib/use-now';
import { formatAgo } from './time';

/**
 * How long ago `at` was ("1 h 12 min"), on the page's one clock, so that it moves in the same
 * second as the elapsed times beside it; it re-renders only when its words change (once a
 * minute past the first). It keeps moving after a job ends. Undefined for a future time.
 */
export function useAgo(at: number): string | undefined {
  return useClock(true, (now) => formatAgo(now - at));
}
