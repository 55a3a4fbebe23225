import { describe, expect, it } from 'vitest';
import { failureCodes, failureCodesText } from './failure-codes';
import { firstFailure } from './first-failure';

describe('firstFailure', () => {
  it("leads with the job's own code and reason when no sub-job says why", () => {
    expect(
      firstFailure({
        status: 'failed',
        error_code: 'SFS.TURBO.0010',
        fail_reason: 'Quota exceeds',
        sub_jobs: [{ job_id: 'quiet', status: 'failed' }],
      }),
    ).toEqual({
      code: 'SFS.TURBO.0010',
      reason: 'Quota exceeds',
      subJob: undefined,
      jobOwn: undefined,
    });
  });

  it('takes the sub-job that failed first, by its end time, and that says why', () => {
    const result = firstFailure({
      status: 'failed',
      sub_jobs: [
        {
          job_id: 'late',
          status: 'failed',
          begin_time: '2026-11-29 09:00:00',
          end_time: '2026-11-29 10:30:00',
          error_code: 'B',
        },
        {
          job_id: 'silent',
          status: 'failed',
          begin_time: '2026-11-29 09:00:00',
          end_time: '2026-11-29 09:01:00',
        },
        { job_id: 'ok', status: 'success', begin_time: '2026-11-29 09:00:00', error_code: 'X' },
        {
          job_id: 'early',
          status: 'fail',
          begin_time: '2026-11-29 10:01:00',
          end_time: '2026-11-29 10:02:00',
          fail_reason: 'why',
        },
      ],
    });
    expect(result).toEqual({
      code: undefined,
      reason: 'why',
      subJob: { index: 3, id: 'early' },
      jobOwn: undefined,
    });
  });

  // Issue 22: the board showed the job's own code while the sub-job that failed first had another.
  it("leads with the earliest sub-job failure even when the job has its own code, and keeps the job's code beside it when it differs", () => {
    const sub = (id: string, begin: string, end: string, code: string) => ({
      job_id: id,
      status: 'failed',
      begin_time: begin,
      end_time: end,
      error_code: code,
      fail_reason: `${code} reason`,
    });
    const job = {
      status: 'failed',
      error_code: 'SFS.TURBO.0030',
      fail_reason: 'Ecs resource not enough',
      sub_jobs: [
        sub('a', '2026-11-29 10:00:05', '2026-11-29 10:00:35', 'SFS.TURBO.0029'),
        sub('b', '2026-11-29 10:00:10', '2026-11-29 10:00:55', 'SFS.TURBO.0030'),
        sub('c', '2026-11-29 10:00:12', '2026-11-29 10:01:02', 'SFS.TURBO.0032'),
      ],
    };
    expect(firstFailure(job)).toEqual({
      code: 'SFS.TURBO.0029',
      reason: 'SFS.TURBO.0029 reason',
      subJob: { index: 0, id: 'a' },
      jobOwn: { code: 'SFS.TURBO.0030', reason: 'Ecs resource not enough' },
    });
    expect(firstFailure({ ...job, error_code: 'SFS.TURBO.0029' })?.jobOwn).toBeUndefined();
    expect(failureCodesText(job)).toBe(
      '3 sub-jobs failed: SFS.TURBO.0029 ×1, SFS.TURBO.0030 ×1, SFS.TURBO.0032 ×1',
    );
  });

  it('says nothing when nothing says why', () => {
    expect(firstFailure({ status: 'failed', sub_jobs: [{ status: 'failed' }] })).toBeUndefined();
    expect(firstFailure({ status: 'success' })).toBeUndefined();
  });
});

describe('failureCodes: every code counted', () => {
  it('counts five sub-jobs failing with one code as one code ×5, and those without a code apart', () => {
    const job = {
      status: 'failed',
      sub_jobs: [
        ...Array.from({ length: 5 }, (_, i) => ({
          job_id: `s${i}`,
          status: 'failed',
          end_time: `2026-11-29 10:00:0${i}`,
          error_code: 'SFS.TURBO.0032',
        })),
        { job_id: 'none', status: 'failed', end_time: '2026-11-29 09:00:00' },
        { job_id: 'ok', status: 'success', error_code: 'SFS.TURBO.0001' },
      ],
    };
    expect(failureCodes(job)).toEqual([
      { code: undefined, count: 1, first: { index: 5, id: 'none' } },
      { code: 'SFS.TURBO.0032', count: 5, first: { index: 0, id: 's0' } },
    ]);
    expect(failureCodesText(job)).toBe('6 sub-jobs failed: no code ×1, SFS.TURBO.0032 ×5');
    expect(failureCodesText({ status: 'failed', sub_jobs: [job.sub_jobs[0]!] })).toBe('');
  });
});
