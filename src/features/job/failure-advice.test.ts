import { describe, expect, it } from 'vitest';
import { ApiError, type LookupFailureKind } from '../../lib/api-error';
import { adviceFor } from './failure-advice';

const target = { region: 'eu-de', projectId: 'e9993fc787d94b6c886cbaa340f9c0f4', jobId: 'abc' };
const error = (kind: LookupFailureKind, status: number, code?: string) =>
  new ApiError({ kind, status, code, message: 'x', requestId: undefined, target });

describe('adviceFor', () => {
  it('gives the advice of the failure kind for a code named like an Object.prototype member', () => {
    for (const code of ['constructor', '__proto__', 'toString']) {
      expect(adviceFor(error('upstream', 500, code))).toEqual(adviceFor(error('upstream', 500)));
    }
  });

  it('tells a wrong region or project apart from an expired job record for a 404', () => {
    const advice = adviceFor(error('not-found', 404, 'SFS.TURBO.0019'));
    expect(advice.title).toBe('Job not found');
    expect(advice.causes.join(' ')).toMatch(/region/);
    expect(advice.causes.join(' ')).toMatch(/expire/);
  });

  it('tells the operator what to configure when credentials are missing or rejected', () => {
    expect(adviceFor(error('unauthorized', 401, 'PROXY.NO_CREDENTIALS')).next).toMatch(/OS_TOKEN/);
    expect(adviceFor(error('unauthorized', 401, 'APIG.0301')).next).toMatch(/OS_TOKEN/);
    expect(adviceFor(error('unauthorized', 401, 'APIG.0307')).title).toMatch(/renewed/);
  });

  it('has advice for every failure kind', () => {
    const kinds: LookupFailureKind[] = [
      'invalid-input',
      'not-found',
      'unauthorized',
      'forbidden',
      'throttled',
      'upstream',
      'unreachable',
      'timeout',
      'unexpected',
    ];
    for (const kind of kinds) expect(adviceFor(error(kind, 500)).title.length).toBeGreaterThan(5);
  });
});
