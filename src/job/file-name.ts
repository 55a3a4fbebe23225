const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `sfs-turbo-job-<jobId>-<YYYYMMDD-HHmmss>Z.png`, the time in UTC (the `Z` says so), so that
 * pictures of one job sort by when they were taken and never collide across zones.
 */
export function pngFileName(jobId: string, at: number): string {
  const stamp = utcStamp(at);
  // Job IDs are letters, digits and dashes already; anything else must not reach a file name.
  const safeId = jobId.replace(/[^A-Za-z0-9-]/g, '_').slice(0, 64) || 'unknown';
  return `sfs-turbo-job-${safeId}-${stamp}.png`;
}

/** `YYYYMMDD-HHmmssZ`, in UTC. */
function utcStamp(at: number): string {
  const d = new Date(at);
  return (
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`
  );
}

/** `sfs-turbo-board-<title>-<YYYYMMDD-HHmmss>Z.png`: the title cut to letters, digits and dashes. */
export function boardPngFileName(title: string, at: number): string {
  const safe = title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `sfs-turbo-board-${safe ? `${safe}-` : ''}${utcStamp(at)}.png`;
}
