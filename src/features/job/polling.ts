import type { ApiError } from '../../lib/api-error';
import { isFinal, type StatusKind } from '../../lib/status';

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

/** Backoff, but never sooner than the server asked (`Retry-After`). */
export function retryDelay(failureCount: number, error: ApiError | null): number {
  return Math.max(backoffDelay(failureCount), error?.retryAfterMs ?? 0);
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
    return { mode: 'retrying', delayMs: retryDelay(input.failureCount, input.error), failureCount: input.failureCount };
  }
  const base =
    input.status === 'unknown' ? UNKNOWN_STATUS_INTERVAL_MS : intervalForAge(input.ageMs);
  const intervalMs = input.hidden
    ? Math.min(MAX_INTERVAL_MS * BACKGROUND_FACTOR, base * BACKGROUND_FACTOR)
    : base;
  return { mode: 'polling', intervalMs };
}
