import { useAgo } from '../../job/use-ago';

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
