import { useNow } from '../../lib/use-now';
import { formatAgo, formatClock, type ZoneChoice } from '../../lib/time';

/** Relative times move on slowly; a finished job's page has no other clock running. */
const AGO_TICK_MS = 15_000;

/**
 * How long ago `at` was, on its own slow clock: the page's clock stops when the job ends,
 * and "ended … ago" must keep moving.
 */
function useAgo(at: number): string | undefined {
  return formatAgo(useNow(true, AGO_TICK_MS) - at);
}

/** " · ended 1 h 12 min ago" beside an absolute time, so nobody has to subtract. */
export function AgoText({ at, prefix }: { at: number; prefix: string }) {
  const ago = useAgo(at);
  if (ago === undefined) return null;
  return (
    <span className="text-ink-muted" data-ago>
      {` · ${prefix}${ago} ago`}
    </span>
  );
}

/** A job not yet begun: how long it has waited at least, from when this browser first saw it. */
export function WaitingSince({ firstSeenAt, zone }: { firstSeenAt: number; zone: ZoneChoice }) {
  const ago = useAgo(firstSeenAt) ?? '0 s';
  return (
    <span className="text-ink-muted" data-ago>
      {` · waiting at least ${ago} (first seen ${formatClock(firstSeenAt, zone)})`}
    </span>
  );
}
