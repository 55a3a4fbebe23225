import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAgo, formatDateTime, formatDuration } from './time';

describe('formatDateTime', () => {
  it('writes UTC in the API format with the zone beside it', () => {
    expect(formatDateTime(Date.UTC(2026, 0, 2, 3, 4, 5), 'utc')).toEqual({
      text: '2026-01-02 03:04:05',
      zone: 'UTC',
    });
  });

  it('writes the browser zone (the web tests run in Asia/Kolkata) with its offset', () => {
    expect(formatDateTime(Date.UTC(2026, 0, 2, 3, 4, 5), 'local')).toEqual({
      text: '2026-01-02 08:34:05',
      zone: 'UTC+05:30',
    });
    expect(formatDateTime(Date.UTC(2026, 0, 1, 20, 0, 0), 'local')).toEqual({
      text: '2026-01-02 01:30:00',
      zone: 'UTC+05:30',
    });
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [850, '< 1 s'],
    [59_000, '59 s'],
    [59_999, '59 s'],
    [60_000, '1 min'],
    [61_000, '1 min 01 s'],
    [3_600_000, '1 h'],
    [3_603_000, '1 h 00 min 03 s'],
    [(1 * 3600 + 57 * 60 + 3) * 1000, '1 h 57 min 03 s'],
    [(2 * 86400 + 4 * 3600) * 1000, '2 d 4 h'],
    [(2 * 86400 + 4 * 3600 + 5) * 1000, '2 d 4 h 00 min 05 s'],
    [-5000, '−5 s'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('is exact to the second at every scale', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 * 86400 }), (seconds) => {
        const text = formatDuration(seconds * 1000);
        const units: Record<string, number> = { d: 86400, h: 3600, min: 60, s: 1 };
        let total = 0;
        for (const [, value, unit] of text.matchAll(/(\d+) (d|h|min|s)/g))
          total += Number(value) * (units[unit!] ?? 0);
        expect(total).toBe(seconds);
      }),
    );
  });
});

describe('formatAgo', () => {
  it.each([
    [0, '0 s'],
    [40_999, '40 s'],
    [60_000, '1 min'],
    [12 * 60_000 + 59_000, '12 min'],
    [60 * 60_000, '1 h'],
    [72 * 60_000, '1 h 12 min'],
    [(3 * 24 + 4) * 3_600_000 + 59 * 60_000, '3 d 4 h'],
    [2 * 86_400_000, '2 d'],
  ])('writes %i ms as %s', (ms, text) => {
    expect(formatAgo(ms)).toBe(text);
  });

  it('writes nothing for a time in the future or not a number', () => {
    expect(formatAgo(-1)).toBeUndefined();
    expect(formatAgo(Number.NaN)).toBeUndefined();
    expect(formatAgo(Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});
