import { describe, expect, it } from 'vitest';
import { backoffDelay, beganAt, pollInterval } from './polling.ts';

describe('the watch polling rules', () => {
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

  it('reads begin_time as the page does: the API’s UTC form and ISO 8601, nothing else', () => {
    expect(beganAt('2026-01-05 11:55:00')).toBe(Date.UTC(2026, 0, 5, 11, 55, 0));
    expect(beganAt('2026-01-05T11:55:00Z')).toBe(Date.UTC(2026, 0, 5, 11, 55, 0));
    expect(beganAt('2026-01-05T13:55:00+02:00')).toBe(Date.UTC(2026, 0, 5, 11, 55, 0));
    expect(beganAt('yesterday')).toBeUndefined();
    expect(beganAt(42)).toBeUndefined();
    // Date.parse read these (as 2 March, and as a mail date); the page calls them malformed.
    expect(beganAt('2026-02-30 10:00:00')).toBeUndefined();
    expect(beganAt('Mon, 05 Jan 2026 11:55:00 GMT')).toBeUndefined();
  });
});
