import { describe, expect, it } from 'vitest';
import { firstFailure } from './first-failure';

describe('firstFailure', () => {
  it("leads with the job's own code and reason", () => {
    expect(
      firstFailure({
        status: 'failed',
        error_code: 'SFS.TURBO.0010',
        fail_reason: 'Quota exceeds',
      }),
    ).toEqual({
      code: 'SFS.TURBO.0010',
      reason: 'Quota exceeds',
      subJob: undefined,
    });
  });

  it('falls back to the earliest failed sub-job that says why', () => {
    const result = firstFailure({
      status: 'failed',
      sub_jobs: [
        { job_id: 'late', status: 'failed', begin_time: '2026-11-29 10:05:00', error_code: 'B' },
        { job_id: 'silent', status: 'failed', begin_time: '2026-11-29 09:00:00' },
        { job_id: 'ok', status: 'success', begin_time: '2026-11-29 09:00:00', error_code: 'X' },
        { job_id: 'early', status: 'fail', begin_time: '2026-11-29 10:01:00', fail_reason: 'why' },
      ],
    });
    expect(result).toEqual({ code: undefined, reason: 'why', subJob: { index: 3, id: 'early' } });
  });

  it('says nothing when nothing says why', () => {
    expect(firstFailure({ status: 'failed', sub_jobs: [{ status: 'failed' }] })).toBeUndefined();
    expect(firstFailure({ status: 'success' })).toBeUndefined();
  });
});
