import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  beganAt,
  isFinished,
  pollInterval,
  retryAfterMs,
  statusKind,
} from './polling.ts';

describe('the watch polling rules', () => {
  it('reads status words case-insensitively, sibling APIs’ words included, and nothing else', () => {
    expect(['success', 'SUCCESS', ' Failed ', 'FAIL', 'INIT', 'doing'].map(statusKind)).toEqual([
      'success',
      'success',
      'failed',
      'failed',
      'waiting',
      'running',
    ]);
    expect(['constructor', '__proto__', 'suspended', 7, undefined].map(statusKind)).toEqual([
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'unknown',
    ]);
    expect(
      ['success', 'failed', 'running', 'waiting', 'unknown'].map((kind) =>
        isFinished(statusKind(kind)),
      ),
    ).toEqual([true, true, false, false, false]);
  });

  it('polls a young running job every 5 s, an old one every 30 s, a waiting one at least every 15 s', () => {
    expect(pollInterval('running', 0)).toBe(5_000);
    expect(pollInterval('running', undefined)).toBe(5_000);
    expect(pollInterval('running', 5 * 60_000)).toBe(10_000);
    expect(pollInterval('running', 3 * 60 * 60_000)).toBe(30_000);
    expect(pollInterval('waiting', 60_000)).toBe(15_000);
    expect(pollInterval('waiting', 60 * 60_000)).toBe(30_000);
    expect(pollInterval('unknown', 60 * 60_000)).toBe(15_000);
  });

  it('backs off from 5 s to 5 minutes, longer when Retry-After asks, never beyond 5 minutes', () => {
    expect([1, 2, 3, 7, 8, 50].map((failures) => backoffDelay(failures))).toEqual([
      5_000, 10_000, 20_000, 300_000, 300_000, 300_000,
    ]);
    expect(backoffDelay(1, 60_000)).toBe(60_000);
    expect(backoffDelay(1, 3_600_000)).toBe(300_000);
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores anything else', () => {
    const now = Date.UTC(2026, 0, 5, 12, 0, 0);
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Mon, 05 Jan 2026 12:01:30 GMT', now)).toBe(90_000);
    expect(retryAfterMs('Mon, 05 Jan 2026 11:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });

  it('reads begin_time in the API’s UTC form and as ISO 8601', () => {
    expect(beganAt('2026-01-05 11:55:00')).toBe(Date.UTC(2026, 0, 5, 11, 55, 0));
    expect(beganAt('2026-01-05T11:55:00Z')).toBe(Date.UTC(2026, 0, 5, 11, 55, 0));
    expect(beganAt('yesterday')).toBeUndefined();
    expect(beganAt(42)).toBeUndefined();
  });
});
