import { isFinal, type StatusKind } from '../../common/job-status';
import type { ApiError } from '../lib/api-error';

export const FIRST_INTERVAL_MS = 2_000;
export const MAX_INTERVAL_MS = 30_000;
export const UNKNOWN_STATUS_INTERVAL_MS = 15_000;
/** Hidden tab with a notification requested: keep watching, more slowly. */
export const BACKGROUND_FACTOR = 3;

/** Lookup failures worth retrying: the answer may change without anyone doing anything. */
export function isRetryable(error: ApiError): boolean {
  return (
    error.kind === 'unreachable' ||
    error.kind === 'timeout' ||
    error.kind === 'throttled' ||
    error.kind === 'upstream' ||
    error.kind === 'unexpected'
  );
}

/** Exponential backoff after the n-th consecutive failure (1-based): 2 s, 4 s, 8 s … 30 s. */
export function backoffDelay(failureCount: number): number {
  const exponent = Math.max(0, failureCount - 1);
  return Math.min(MAX_INTERVAL_MS, FIRST_INTERVAL_MS * 2 ** Math.min(exponent, 10));
}

/**
 * How often to ask while the job may still change: every 2 s while it is young, then a
 * thirtieth of its age (a 5-minute-old job every 10 s), capped at 30 s.
 */
export function intervalForAge(ageMs: number | undefined): number {
  if (ageMs === undefined || !Number.isFinite(ageMs) || ageMs <= 0) return FIRST_INTERVAL_MS;
  const seconds = Math.round(ageMs / 30 / 1000);
  return Math.min(MAX_INTERVAL_MS, Math.max(FIRST_INTERVAL_MS, seconds * 1000));
}

/** Longest wait a `Retry-After` may impose before the next attempt. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** The wait before the next attempt: the backoff, or longer when the answer said `Retry-After`. */
export function retryDelay(failureCount: number, error: ApiError | null): number {
  const asked = Math.min(MAX_RETRY_AFTER_MS, error?.retryAfterMs ?? 0);
  return Math.max(backoffDelay(failureCount), asked);
}

export type PollState =
  | { mode: 'polling'; intervalMs: number }
  | { mode: 'stopped'; reason: 'finished' | 'lookup-failed' }
  | { mode: 'retrying'; delayMs: number; failureCount: number }
  | { mode: 'paused-hidden' };

export interface PollInput {
  /** Status of the last good data; undefined before any data arrived. */
  status: StatusKind | undefined;
  /** Time since the job began, when known. */
  ageMs: number | undefined;
  /** The error of the last attempt (kept while retries run), or null. */
  error: ApiError | null;
  /** Consecutive failed attempts. */
  failureCount: number;
  hidden: boolean;
  notifyRequested: boolean;
}

/** The polling rules of DESIGN.md as one pure function; the UI words come from its result. */
export function pollState(input: PollInput): PollState {
  if (input.status !== undefined && isFinal(input.status))
    return { mode: 'stopped', reason: 'finished' };
  if (input.error && !isRetryable(input.error)) return { mode: 'stopped', reason: 'lookup-failed' };
  if (input.hidden && !input.notifyRequested) return { mode: 'paused-hidden' };
  if (input.error && input.failureCount > 0) {
    return {
      mode: 'retrying',
      delayMs: retryDelay(input.failureCount, input.error),
      failureCount: input.failureCount,
    };
  }
  const base =
    input.status === 'unknown' ? UNKNOWN_STATUS_INTERVAL_MS : intervalForAge(input.ageMs);
  const intervalMs = input.hidden
    ? Math.min(MAX_INTERVAL_MS * BACKGROUND_FACTOR, base * BACKGROUND_FACTOR)
    : base;
  return { mode: 'polling', intervalMs };
}

/** Consecutive failed attempts after which the data on screen counts as stale. */
export const STALE_AFTER_FAILURES = 3;
/** Age of the data on screen after which a failed refresh counts as stale. */
export const STALE_AFTER_MS = 60_000;

export type FailureDisplay = 'none' | 'line' | 'full';

/**
 * How a failed lookup shows. One failed poll while good data is on screen is one line in the
 * freshness bar, not an alarm: a screenshot at that moment must not tell a ticket that a
 * healthy job failed. The full explanation comes when there is nothing else to show, when
 * retrying cannot help, or when the data has gone stale (several failures in a row, or old).
 */
export function failureDisplay(input: {
  hasData: boolean;
  error: ApiError | null;
  failureCount: number;
  dataAgeMs: number | undefined;
}): FailureDisplay {
  if (!input.error) return 'none';
  if (!input.hasData || !isRetryable(input.error)) return 'full';
  const age = input.dataAgeMs;
  const old = age !== undefined && Number.isFinite(age) && age > STALE_AFTER_MS;
  return input.failureCount >= STALE_AFTER_FAILURES || old ? 'full' : 'line';
}
