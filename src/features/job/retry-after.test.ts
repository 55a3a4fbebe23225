import { describe, expect, it } from 'vitest';
import { explainCode } from '../../job/error-codes';
import { pollState, retryDelay } from '../../job/polling';
import { errorFromResponse } from '../../lib/api-error';
import { adviceFor } from './failure-advice';
import { pollStateWords } from './poll-words';

const target = { region: 'eu-de', projectId: '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20', jobId: 'job-1' };

describe('rate limited by the dashboard (429 PROXY.RATE_LIMITED)', () => {
  it('waits as long as the server asked before asking again, and says so in words', () => {
    const body = JSON.stringify({
      errCode: 'PROXY.RATE_LIMITED',
      errMsg: 'Too many upstream calls',
    });
    const error = errorFromResponse(429, body, undefined, target, '40');
    expect(error).toMatchObject({ kind: 'throttled', retryAfterMs: 40_000 });
    expect(retryDelay(1, error)).toBe(40_000);
    expect(retryDelay(1, null)).toBe(2_000);
    const state = pollState({
      status: 'running',
      ageMs: 1000,
      error,
      failureCount: 1,
      hidden: false,
      notifyRequested: false,
    });
    expect(state).toEqual({ mode: 'retrying', delayMs: 40_000, failureCount: 1 });
    expect(
      pollStateWords(state, { now: error.at, error, hasData: false, inFlightMs: undefined }),
    ).toBe('lookup failed: 429 PROXY.RATE_LIMITED, retrying in 40 s');
    expect(adviceFor(error).title).toBe(
      'The dashboard server is holding back its IAM logins, or you made too many lookups',
    );
    expect(explainCode('PROXY.RATE_LIMITED')).toMatch(
      /^Too many requests to the cloud \(from this user/,
    );
  });
});
