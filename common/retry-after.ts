/**
 * `Retry-After`, read the same by the page (a lookup the server or the cloud throttled), the
 * server's watches (the cloud) and its notifications (a chat channel): whole seconds or an
 * HTTP date.
 */

/**
 * The wait `Retry-After` asks for, in ms, at most `maxMs`; undefined when the header is
 * absent, unreadable or names no time ahead of `now`.
 */
export function retryAfterMs(
  header: string | readonly string[] | null | undefined,
  { now, maxMs }: { now: number; maxMs: number },
): number | undefined {
  const value = (typeof header === 'string' ? header : header?.[0])?.trim();
  if (!value) return undefined;
  const ms = /^\d{1,9}$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, maxMs) : undefined;
}
