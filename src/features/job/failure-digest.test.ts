import { describe, expect, it } from 'vitest';
import type { Job } from '../../job/job-schema';
import { failedSubJobs } from './failure-digest';

const sub = (id: string | undefined, status: string, begin: string | undefined, code?: string) => ({
  job_id: id,
  status,
  begin_time: begin,
  error_code: code,
});

describe('failure digest (all failures on the first screen)', () => {
  it('lists every failed sub-job by begin time, not by list order', () => {
    const job = {
      sub_jobs: [
        sub('c', 'failed', '2026-11-30 08:00:12', 'SFS.TURBO.0032'),
        sub('ok', 'success', '2026-11-30 08:00:00'),
        sub('a', 'FAIL', '2026-11-30 08:00:05', 'SFS.TURBO.0029'),
        sub('b', 'failed', '2026-11-30 08:00:10', 'SFS.TURBO.0030'),
      ],
    } as Job;
    expect(failedSubJobs(job).map((item) => [item.id, item.index, item.code])).toEqual([
      ['a', 2, 'SFS.TURBO.0029'],
      ['b', 3, 'SFS.TURBO.0030'],
      ['c', 0, 'SFS.TURBO.0032'],
    ]);
  });

  it('puts sub-jobs with unreadable begin times last and links only IDs a row link can name', () => {
    const job = {
      sub_jobs: [
        sub('x', 'failed', 'yesterday'),
        sub('x', 'failed', '2026-11-30 08:00:00'),
        sub('', 'failed', '2026-11-30 08:00:01'),
        sub(undefined, 'failed', '2026-11-30 08:00:02', '  '),
      ],
    } as Job;
    expect(failedSubJobs(job)).toEqual([
      { index: 1, id: 'x', linkId: undefined, code: undefined },
      { index: 2, id: '', linkId: undefined, code: undefined },
      { index: 3, id: undefined, linkId: undefined, code: undefined },
      { index: 0, id: 'x', linkId: 'x', code: undefined },
    ]);
  });
});
