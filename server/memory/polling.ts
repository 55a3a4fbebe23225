/**
 * DESIGN.md "Polling", as a server polling on nobody's screen applies it: intervals by status
 * and age (slower floors than a page's, as nobody waits for the pixel), back-off on errors
 * with `Retry-After` honoured, and a finished job never asked again.
 */

import { parseApiTime } from '../../common/api-time.ts';
import type { StatusKind } from '../../common/job-status.ts';

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

/** `begin_time` in ms, read as the page reads it (common/api-time.ts), or undefined. */
export function beganAt(raw: unknown): number | undefined {
  if (typeof raw !== 'string') return undefined;
  const time = parseApiTime(raw);
  return time.kind === 'ok' ? time.ms : undefined;
}
