import { useNow } from '../lib/use-now';
import { formatAgo } from './time';

/** Relative times move on slowly; a finished job's page has no other clock running. */
const AGO_TICK_MS = 15_000;

/**
 * How long ago `at` was ("1 h 12 min"), on its own slow clock: the job page's clock stops
 * when the job ends, and "ended … ago" must keep moving. Undefined for a future time.
 */
export function useAgo(at: number): string | undefined {
  return formatAgo(useNow(true, AGO_TICK_MS) - at);
}
