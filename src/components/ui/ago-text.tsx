import { formatClock, type ZoneChoice } from '../../job/time';
import { useAgo } from '../../job/use-ago';

/**
 * " · ended 1 h 12 min ago" beside an absolute time, so nobody has to subtract. Given the
 * zone, what leaves the page (the ticket view, the PNG, a printout) says instead " · ended
 * 20:46:56 UTC, 38 min before this capture": an "ago" frozen into a picture is wrong by the
 * time anyone reads it.
 */
export function AgoText({ at, prefix, zone }: { at: number; prefix: string; zone?: ZoneChoice }) {
  const ago = useAgo(at);
  if (ago === undefined) return null;
  return (
    <>
      <span className={zone ? 'live-only text-ink-muted' : 'text-ink-muted'} data-ago>
        {` · ${prefix}${ago} ago`}
      </span>
      {zone ? (
        <span className="export-only text-ink-muted" data-ago-export>
          {` · ${prefix}${formatClock(at, zone)}, ${ago} before this capture`}
        </span>
      ) : null}
    </>
  );
}
