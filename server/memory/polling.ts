/**
 * DESIGN.md "Polling", as a server polling on nobody's screen applies it: intervals by status
 * and age (slower floors than a page's, as nobody waits for the pixel), back-off on errors
 * with `Retry-After` honoured, and a finished job never asked again.
 */

export type StatusKind = 'success' | 'failed' | 'waiting' | 'running' | 'unknown';

// Sibling Huawei task APIs use FAIL, INIT and DOING; matching is case-insensitive.
const ALIASES: Readonly<Record<string, StatusKind>> = {
  success: 'success',
  failed: 'failed',
  fail: 'failed',
  waiting: 'waiting',
  init: 'waiting',
  running: 'running',
  doing: 'running',
};

export function statusKind(raw: unknown): StatusKind {
  if (typeof raw !== 'string') return 'unknown';
  const key = raw.trim().toLowerCase();
  // Own keys only: "constructor" from the wire must not reach Object.prototype.
  return Object.hasOwn(ALIASES, key) ? (ALIASES[key] ?? 'unknown') : 'unknown';
}

export const isFinished = (kind: StatusKind): boolean => kind === 'success' || kind === 'failed';

const S = 1000;
export const MAX_INTERVAL_MS = 30 * S;
export const RUNNING_MIN_MS = 5 * S;
export const WAITING_MIN_MS = 15 * S;
export const UNKNOWN_INTERVAL_MS = 15 * S;
/** A 404 is asked again at this pace until it has lasted an hour (then the watch is `gone`). */
export const NOT_FOUND_INTERVAL_MS = 60 * S;
export const BACKOFF_FIRST_MS = 5 * S;
export const BACKOFF_MAX_MS = 5 * 60 * S;

/**
 * The wait before the next poll of a job still going: a thirtieth of its age (a 5-minute-old
 * job every 10 s), at least 5 s while it runs and 15 s while it waits, at most 30 s.
 */
export function pollInterval(kind: StatusKind, ageMs: number | undefined): number {
  if (kind === 'unknown') return UNKNOWN_INTERVAL_MS;
  const floor = kind === 'waiting' ? WAITING_MIN_MS : RUNNING_MIN_MS;
  const byAge = ageMs !== undefined && Number.isFinite(ageMs) ? ageMs / 30 : 0;
  return Math.min(MAX_INTERVAL_MS, Math.max(floor, Math.round(byAge / S) * S));
}

/** The wait after the n-th failed poll in a row (1-based), or longer when `Retry-After` says so. */
export function backoffDelay(failures: number, retryAfterMs?: number): number {
  const exponent = Math.min(Math.max(0, failures - 1), 10);
  const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** exponent);
  return Math.max(backoff, Math.min(BACKOFF_MAX_MS, retryAfterMs ?? 0));
}

/** `Retry-After` in milliseconds (seconds or an HTTP date), or undefined. */
export function retryAfterMs(
  header: string | string[] | undefined,
  now: number,
): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  if (/^\d{1,9}$/.test(value.trim())) return Number(value.trim()) * S;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** `begin_time` (`YYYY-MM-DD HH:mm:ss` UTC, or ISO 8601) in ms, or undefined. */
export function beganAt(raw: unknown): number | undefined {
  if (typeof raw !== 'string') return undefined;
  const plain = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(raw.trim());
  const at = plain ? Date.parse(`${plain[1]}T${plain[2]}Z`) : Date.parse(raw);
  return Number.isNaN(at) ? undefined : at;
}
