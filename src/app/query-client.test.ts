import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIRST_INTERVAL_MS, isRetryable, MAX_INTERVAL_MS } from '../job/polling';
import { ApiError, type LookupFailureKind } from '../lib/api-error';
import { createQueryClient } from './query-client';

const target = { region: 'eu-de', projectId: 'e9993fc787d94b6c886cbaa340f9c0f4', jobId: 'abc' };
const KINDS: [LookupFailureKind, number][] = [
  ['invalid-input', 400],
  ['unauthorized', 401],
  ['forbidden', 403],
  ['not-found', 404],
  ['throttled', 429],
  ['upstream', 500],
  ['unreachable', 0],
  ['timeout', 504],
  ['unexpected', 200],
];
const anyError = fc
  .constantFrom(...KINDS)
  .map(
    ([kind, status]) =>
      new ApiError({ kind, status, code: undefined, message: 'x', requestId: undefined, target }),
  );
const retryableError = anyError.filter(isRetryable);

describe('the retry settings of the query client', () => {
  const defaults = createQueryClient().getDefaultOptions().queries;
  const retry = defaults?.retry as (count: number, error: unknown) => boolean;
  const retryDelay = defaults?.retryDelay as (count: number, error: unknown) => number;

  it('retries network errors, timeouts, 5xx, 429 and odd answers for ever, and never 400, 401, 403 or 404', () => {
    fc.assert(
      fc.property(anyError, fc.nat(1_000), (error, count) => {
        expect(retry(count, error)).toBe(
          error.kind !== 'invalid-input' &&
            error.kind !== 'unauthorized' &&
            error.kind !== 'forbidden' &&
            error.kind !== 'not-found',
        );
      }),
    );
    expect(retry(0, new Error('not an ApiError'))).toBe(false);
  });

  it('does not retry at all when turned off (as tests do)', () => {
    const off = createQueryClient({ retry: false }).getDefaultOptions().queries?.retry as (
      count: number,
      error: unknown,
    ) => boolean;
    fc.assert(
      fc.property(retryableError, fc.nat(10), (error, count) => {
        expect(off(count, error)).toBe(false);
      }),
    );
  });

  it('waits 2 s, then longer, never more than 30 s, between retries', () => {
    expect(retryDelay(0, null)).toBe(2_000);
    expect(retryDelay(1, null)).toBe(4_000);
    fc.assert(
      fc.property(fc.nat(10_000), (count) => {
        const delay = retryDelay(count, null);
        expect(delay).toBeGreaterThanOrEqual(FIRST_INTERVAL_MS);
        expect(delay).toBeLessThanOrEqual(MAX_INTERVAL_MS);
        expect(retryDelay(count + 1, null)).toBeGreaterThanOrEqual(delay);
      }),
    );
  });
});
