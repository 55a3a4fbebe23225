import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './retry-after';

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-30T10:00:00Z');
  const read = (header: Parameters<typeof retryAfterMs>[0]) =>
    retryAfterMs(header, { now, maxMs: 600_000 });

  it('reads whole seconds and HTTP dates, capped', () => {
    expect(read('7')).toBe(7_000);
    expect(read(' 120 ')).toBe(120_000);
    expect(read('Mon, 30 Nov 2026 10:00:30 GMT')).toBe(30_000);
    expect(read('86400')).toBe(600_000);
    expect(retryAfterMs('86400', { now, maxMs: 3_600_000 })).toBe(3_600_000);
    // Node's headers may come as a list: the first counts.
    expect(read(['5', '60'])).toBe(5_000);
  });

  it('asks no wait for anything else, or for a time already past', () => {
    for (const odd of [null, undefined, '', '0', '-3', '1e3', '0x10', '1.5', 'soon', []])
      expect(read(odd)).toBeUndefined();
    expect(read('Mon, 30 Nov 2026 09:00:00 GMT')).toBeUndefined();
  });
});
