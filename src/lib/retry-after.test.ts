import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './api-error';

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, and caps them at ten minutes', () => {
    const now = Date.parse('2026-11-30T10:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7_000);
    expect(retryAfterMs('Mon, 30 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('86400', now)).toBe(600_000);
    for (const odd of [null, undefined, '', '-3', 'soon', 'Mon, 30 Nov 2026 09:00:00 GMT']) {
      expect(retryAfterMs(odd, now)).toBeUndefined();
    }
  });
});
