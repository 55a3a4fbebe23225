const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `sfs-turbo-job-<jobId>-<YYYYMMDD-HHmmss>Z.png`, the time in UTC (the `Z` says so), so that
 * pictures of one job sort by when they were taken and never collide across zones.
 */
export function pngFileName(jobId: string, at: number): string {
  const d = new Date(at);
  const stamp =
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
  // Job IDs are letters, digits and dashes already; anything else must not reach a file name.
  const safeId = jobId.replace(/[^A-Za-z0-9-]/g, '_').slice(0, 64) || 'unknown';
  return `sfs-turbo-job-${safeId}-${stamp}.png`;
}
