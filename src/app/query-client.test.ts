import { describe, expect, it } from 'vitest';
import { ApiError } from '../lib/api-error';
import { createQueryClient } from './query-client';

const throttled = (retryAfterMs?: number) =>
  new ApiError({
    kind: 'throttled',
    status: 429,
    code: 'PROXY.RATE_LIMITED',
    message: 'slow down',
    requestId: undefined,
    target: { region: 'eu-de', projectId: '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20', jobId: 'job-1' },
    retryAfterMs,
  });

describe('the query client retries', () => {
  it("never sooner than the server's Retry-After", () => {
    const delay = createQueryClient().getDefaultOptions().queries?.retryDelay as (
      count: number,
      error: unknown,
    ) => number;
    expect(delay(0, throttled(30_000))).toBe(30_000);
    expect(delay(0, throttled())).toBeLessThan(30_000);
  });
});
