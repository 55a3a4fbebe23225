import { describe, expect, it } from 'vitest';
import { ApiError, type LookupFailureKind } from '../lib/api-error';
import { backoffDelay, intervalForAge, pollState, retryDelay, type PollInput } from './polling';

const target = { region: 'eu-de', projectId: 'e9993fc787d94b6c886cbaa340f9c0f4', jobId: 'abc' };
const failure = (kind: LookupFailureKind, status: number) =>
  new ApiError({ kind, status, code: undefined, message: 'x', requestId: undefined, target });
const base: PollInput = {
  status: 'running',
  ageMs: 10_000,
  error: null,
  failureCount: 0,
  hidden: false,
  notifyRequested: false,
};

describe('polling policy', () => {
  it('polls a young job every 2 s, slower as it ages, never slower than 30 s', () => {
    expect(intervalForAge(undefined)).toBe(2_000);
    expect(intervalForAge(30_000)).toBe(2_000);
    expect(intervalForAge(5 * 60_000)).toBe(10_000);
    expect(intervalForAge(10 * 60_000)).toBe(20_000);
    expect(intervalForAge(3 * 86_400_000)).toBe(30_000);
  });

  it('stops when the job succeeded or failed', () => {
    expect(pollState({ ...base, status: 'success' })).toEqual({
      mode: 'stopped',
      reason: 'finished',
    });
    expect(pollState({ ...base, status: 'failed' })).toEqual({
      mode: 'stopped',
      reason: 'finished',
    });
  });

  it('polls waiting and running jobs, and unknown statuses slowly', () => {
    expect(pollState({ ...base, status: 'waiting' })).toEqual({
      mode: 'polling',
      intervalMs: 2_000,
    });
    expect(pollState({ ...base, status: 'unknown' })).toEqual({
      mode: 'polling',
      intervalMs: 15_000,
    });
  });

  it('stops and explains on 400, 401, 403 and 404', () => {
    for (const [kind, status] of [
      ['invalid-input', 400],
      ['unauthorized', 401],
      ['forbidden', 403],
      ['not-found', 404],
    ] as const) {
      expect(pollState({ ...base, error: failure(kind, status), failureCount: 1 })).toEqual({
        mode: 'stopped',
        reason: 'lookup-failed',
      });
    }
  });

  it('backs off on network errors, 5xx and 429, and never gives up', () => {
    for (const [kind, status] of [
      ['unreachable', 0],
      ['upstream', 503],
      ['throttled', 429],
      ['timeout', 504],
    ] as const) {
      expect(pollState({ ...base, error: failure(kind, status), failureCount: 3 })).toEqual({
        mode: 'retrying',
        delayMs: 8_000,
        failureCount: 3,
      });
    }
    expect(backoffDelay(1)).toBe(2_000);
    expect(backoffDelay(2)).toBe(4_000);
    expect(backoffDelay(50)).toBe(30_000);
  });

  it('pauses in a hidden tab unless a notification was asked for, then polls more slowly', () => {
    expect(pollState({ ...base, hidden: true })).toEqual({ mode: 'paused-hidden' });
    expect(pollState({ ...base, hidden: true, notifyRequested: true })).toEqual({
      mode: 'polling',
      intervalMs: 6_000,
    });
  });

  it('says a finished job is finished even after a later error', () => {
    expect(
      pollState({ ...base, status: 'success', error: failure('upstream', 500), failureCount: 2 })
        .mode,
    ).toBe('stopped');
  });
});

describe('Retry-After', () => {
  const throttled = (retryAfterMs: number | undefined) =>
    new ApiError({
      kind: 'throttled',
      status: 429,
      code: 'APIG.0308',
      message: 'x',
      requestId: undefined,
      target,
      retryAfterMs,
    });

  it('waits as long as the answer asked when that is longer than the backoff, capped at 5 minutes', () => {
    expect(retryDelay(1, throttled(20_000))).toBe(20_000);
    expect(retryDelay(5, throttled(1_000))).toBe(backoffDelay(5));
    expect(retryDelay(1, throttled(3_600_000))).toBe(300_000);
    expect(retryDelay(1, throttled(undefined))).toBe(2_000);
    expect(pollState({ ...base, error: throttled(20_000), failureCount: 1 })).toEqual({
      mode: 'retrying',
      delayMs: 20_000,
      failureCount: 1,
    });
  });
});
