import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api-error';
import { pollStateWords, type PollWordsContext } from './poll-words';

const target = { region: 'eu-de', projectId: 'e9993fc787d94b6c886cbaa340f9c0f4', jobId: 'abc' };
const NOW = 1_800_000_000_000;
const base: PollWordsContext = { now: NOW, error: null, hasData: true, inFlightMs: undefined };

describe('polling words that match what the page is doing', () => {
  it('says the interval while answers come faster than it', () => {
    expect(pollStateWords({ mode: 'polling', intervalMs: 2_000 }, base)).toBe(
      'refreshing every 2 s',
    );
    expect(
      pollStateWords({ mode: 'polling', intervalMs: 2_000 }, { ...base, inFlightMs: 1_999 }),
    ).toBe('refreshing every 2 s');
  });

  it('says it is waiting for an answer once a request has taken longer than the interval', () => {
    expect(
      pollStateWords({ mode: 'polling', intervalMs: 2_000 }, { ...base, inFlightMs: 2_000 }),
    ).toBe('waiting for an answer, 2 s so far');
    expect(
      pollStateWords({ mode: 'polling', intervalMs: 2_000 }, { ...base, inFlightMs: 6_400 }),
    ).toBe('waiting for an answer, 6 s so far');
  });

  it('names a failed refresh briefly, with its status and code, and when the next try comes', () => {
    const error = new ApiError({
      kind: 'upstream',
      status: 500,
      code: 'SFS.TURBO.0005',
      message: 'x',
      requestId: undefined,
      target,
    });
    const at = error.at;
    const state = { mode: 'retrying', delayMs: 4_000, failureCount: 1 } as const;
    expect(pollStateWords(state, { ...base, now: at, error })).toBe(
      'last refresh failed: 500 SFS.TURBO.0005, retrying in 4 s',
    );
    expect(pollStateWords(state, { ...base, now: at + 3_500, error })).toBe(
      'last refresh failed: 500 SFS.TURBO.0005, retrying in 1 s',
    );
    expect(pollStateWords(state, { ...base, now: at + 4_000, error })).toBe(
      'last refresh failed: 500 SFS.TURBO.0005, retrying now',
    );
    expect(pollStateWords(state, { ...base, now: at, error, hasData: false })).toBe(
      'lookup failed: 500 SFS.TURBO.0005, retrying in 4 s',
    );
    const unreachable = new ApiError({
      kind: 'unreachable',
      status: 0,
      code: undefined,
      message: 'x',
      requestId: undefined,
      target,
    });
    expect(pollStateWords(state, { ...base, now: unreachable.at, error: unreachable })).toBe(
      'last refresh failed: no answer, retrying in 4 s',
    );
  });
});
