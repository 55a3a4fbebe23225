import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JobResponse } from '../lib/api-client';
import { ApiError, type LookupFailureKind } from '../lib/api-error';
import { pollStateOf } from './job-queries';
import {
  BACKGROUND_FACTOR,
  failureDisplay,
  FIRST_INTERVAL_MS,
  intervalForAge,
  isRetryable,
  MAX_INTERVAL_MS,
  STALE_AFTER_FAILURES,
  STALE_AFTER_MS,
} from './polling';

const target = { region: 'eu-de', projectId: 'e9993fc787d94b6c886cbaa340f9c0f4', jobId: 'abc' };
const KINDS: [LookupFailureKind, number][] = [
  ['invalid-input', 400],
  ['unauthorized', 401],
  ['forbidden', 403],
  ['not-found', 404],
  ['throttled', 429],
  ['upstream', 500],
  ['upstream', 503],
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
const NOW = Date.UTC(2026, 10, 30, 9, 0, 0);
const anyTime = fc.oneof(
  fc
    .integer({ min: NOW - 10 * 86_400_000, max: NOW + 86_400_000 })
    .map((ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ')),
  fc.constantFrom(undefined, '', 'yesterday', '2026-02-30 10:00:00'),
);
const job = (status: string | undefined, begin: string | undefined): JobResponse => ({
  job: { status, begin_time: begin },
  warnings: [],
  requestId: undefined,
  receivedAt: NOW,
  raw: '{}',
});
const finished = fc.constantFrom('success', 'failed', 'SUCCESS', 'FAIL', 'Failed', ' success ');
const unfinished = fc.constantFrom(
  'running',
  'waiting',
  'DOING',
  'INIT',
  'suspended',
  '',
  undefined,
);

describe('pollStateOf, for any query state', () => {
  it('stops once the job has finished, whatever error, count, visibility or clock', () => {
    fc.assert(
      fc.property(
        finished,
        anyTime,
        fc.option(anyError, { nil: null }),
        fc.nat(50),
        fc.boolean(),
        fc.boolean(),
        fc.double(),
        (status, begin, error, count, hidden, notify, now) => {
          const state = pollStateOf(
            {
              data: job(status, begin),
              error,
              fetchFailureReason: error,
              fetchFailureCount: count,
            },
            { hidden, notifyRequested: notify, now },
          );
          expect(state).toEqual({ mode: 'stopped', reason: 'finished' });
        },
      ),
    );
  });

  it('polls an unfinished job within the bounds: 2 to 30 s in view, at most three times slower in the background', () => {
    fc.assert(
      fc.property(
        unfinished,
        anyTime,
        fc.boolean(),
        fc.integer({ min: NOW - 20 * 86_400_000, max: NOW + 86_400_000 }),
        (status, begin, hidden, now) => {
          const state = pollStateOf(
            {
              data: job(status, begin),
              error: null,
              fetchFailureReason: null,
              fetchFailureCount: 0,
            },
            { hidden, notifyRequested: true, now },
          );
          expect(state.mode).toBe('polling');
          if (state.mode !== 'polling') return;
          const max = hidden ? MAX_INTERVAL_MS * BACKGROUND_FACTOR : MAX_INTERVAL_MS;
          expect(state.intervalMs).toBeGreaterThanOrEqual(FIRST_INTERVAL_MS);
          expect(state.intervalMs).toBeLessThanOrEqual(max);
        },
      ),
    );
  });

  it('pauses in a hidden tab while retrying, unless a notification was asked for', () => {
    fc.assert(
      fc.property(
        unfinished,
        retryableError,
        fc.integer({ min: 1, max: 50 }),
        (status, error, count) => {
          const data = job(status, undefined);
          const query = { data, error: null, fetchFailureReason: error, fetchFailureCount: count };
          expect(pollStateOf(query, { hidden: true, notifyRequested: false, now: NOW })).toEqual({
            mode: 'paused-hidden',
          });
          expect(
            pollStateOf(query, { hidden: false, notifyRequested: false, now: NOW }),
          ).toMatchObject({ mode: 'retrying', failureCount: count });
          expect(
            pollStateOf(query, { hidden: true, notifyRequested: true, now: NOW }),
          ).toMatchObject({ mode: 'retrying' });
        },
      ),
    );
  });

  it('treats an age that is not a number, negative (a begin time in the future) or infinite as a young job', () => {
    for (const age of [
      Number.NaN,
      -1,
      -86_400_000,
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ]) {
      expect(intervalForAge(age)).toBe(FIRST_INTERVAL_MS);
    }
    const future = pollStateOf(
      {
        data: job('running', '2026-11-30 10:00:00'),
        error: null,
        fetchFailureReason: null,
        fetchFailureCount: 0,
      },
      { hidden: false, notifyRequested: false, now: NOW },
    );
    expect(future).toEqual({ mode: 'polling', intervalMs: FIRST_INTERVAL_MS });
    const nanNow = pollStateOf(
      {
        data: job('running', '2026-11-30 08:00:00'),
        error: null,
        fetchFailureReason: null,
        fetchFailureCount: 0,
      },
      { hidden: false, notifyRequested: false, now: Number.NaN },
    );
    expect(nanNow).toEqual({ mode: 'polling', intervalMs: FIRST_INTERVAL_MS });
  });
});

describe('failureDisplay: one failed poll is not an alarm', () => {
  it('is one line while good, recent data is on screen and the failure may pass', () => {
    fc.assert(
      fc.property(
        retryableError,
        fc.integer({ min: 1, max: STALE_AFTER_FAILURES - 1 }),
        fc.integer({ min: 0, max: STALE_AFTER_MS }),
        (error, count, age) => {
          expect(
            failureDisplay({ hasData: true, error, failureCount: count, dataAgeMs: age }),
          ).toBe('line');
        },
      ),
    );
  });

  it('is the full explanation when the data is stale, absent, or retrying cannot help', () => {
    fc.assert(
      fc.property(
        anyError,
        fc.nat(100),
        fc.integer({ min: 0, max: 10 * STALE_AFTER_MS }),
        fc.boolean(),
        (error, count, age, hasData) => {
          const stale = count >= STALE_AFTER_FAILURES || age > STALE_AFTER_MS;
          const shown = failureDisplay({ hasData, error, failureCount: count, dataAgeMs: age });
          expect(shown).toBe(!hasData || !isRetryable(error) || stale ? 'full' : 'line');
        },
      ),
    );
    expect(failureDisplay({ hasData: true, error: null, failureCount: 0, dataAgeMs: 0 })).toBe(
      'none',
    );
  });
});
