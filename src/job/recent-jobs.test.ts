import { beforeEach, describe, expect, it } from 'vitest';
import { clearRecentJobs, readRecentJobs, rememberJob, RECENT_LIMIT } from './recent-jobs';

const job = (n: number, status = 'running') => ({
  region: 'eu-de',
  projectId: 'e9993fc787d94b6c886cbaa340f9c0f4',
  jobId: `job-${n}`,
  status,
  jobType: 'extend_share',
  seenAt: n,
});

describe('recent jobs', () => {
  beforeEach(() => localStorage.clear());

  it('keeps the last 20, newest first, one entry per job with its last status', () => {
    for (let n = 1; n <= 25; n += 1) rememberJob(job(n));
    rememberJob(job(10, 'failed'));
    const jobs = readRecentJobs();
    expect(jobs).toHaveLength(RECENT_LIMIT);
    expect(jobs[0]).toMatchObject({ jobId: 'job-10', status: 'failed' });
    expect(jobs.filter((j) => j.jobId === 'job-10')).toHaveLength(1);
    expect(jobs.map((j) => j.jobId)).not.toContain('job-5');
  });

  it('keeps when the job was first seen while its status changes', () => {
    rememberJob({ ...job(1, 'waiting'), seenAt: 1_000 });
    rememberJob({ ...job(2), seenAt: 2_000 });
    rememberJob({ ...job(1, 'running'), seenAt: 5_000 });
    expect(readRecentJobs()[0]).toMatchObject({
      jobId: 'job-1',
      status: 'running',
      seenAt: 5_000,
      firstSeenAt: 1_000,
    });
    expect(readRecentJobs()[1]).toMatchObject({ jobId: 'job-2', firstSeenAt: 2_000 });
  });

  it('can be cleared', () => {
    rememberJob(job(1));
    clearRecentJobs();
    expect(readRecentJobs()).toEqual([]);
  });

  it('ignores corrupt or hostile stored data', () => {
    localStorage.setItem('sfs-turbo-jobs:recent', '{not json');
    expect(readRecentJobs()).toEqual([]);
    localStorage.setItem(
      'sfs-turbo-jobs:recent',
      JSON.stringify([{ ...job(1), jobId: '<img src=x onerror=alert(1)>' }, job(2), 'x', null]),
    );
    expect(readRecentJobs().map((j) => j.jobId)).toEqual(['job-2']);
  });
});
