import { formatClock, type ZoneChoice } from '../../job/time';
import { useAgo } from '../../job/use-ago';

/** A job not yet begun: how long it has waited at least, from when this browser first saw it. */
export function WaitingSince({ firstSeenAt, zone }: { firstSeenAt: number; zone: ZoneChoice }) {
  const ago = useAgo(firstSeenAt) ?? '0 s';
  return (
    <span className="text-ink-muted" data-ago>
      {` · waiting at least ${ago} (first seen ${formatClock(firstSeenAt, zone)})`}
    </span>
  );
}
