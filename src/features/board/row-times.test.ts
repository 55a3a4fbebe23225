import { describe, expect, it } from 'vitest';
import { rowTimes } from './row-times';

describe('a row’s begin and end', () => {
  it('writes the date once when both fall on the same day, with one zone label', () => {
    expect(rowTimes('2026-11-30 09:00:00', '2026-11-30 09:05:07', 'utc')).toEqual({
      begin: { kind: 'ok', text: '2026-11-30 09:00:00', iso: '2026-11-30T09:00:00.000Z' },
      end: { kind: 'ok', text: '09:05:07', iso: '2026-11-30T09:05:07.000Z' },
      zone: 'UTC',
    });
  });

  it('keeps the end’s date across midnight, and shows bad or missing times as such', () => {
    expect(rowTimes('2026-11-30 23:59:00', '2026-12-01 00:01:00', 'utc').end).toMatchObject({
      text: '2026-12-01 00:01:00',
    });
    expect(rowTimes('yesterday', undefined, 'utc')).toMatchObject({
      begin: { kind: 'invalid', raw: 'yesterday' },
      end: { kind: 'missing' },
    });
  });
});
