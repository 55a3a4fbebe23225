import { act, render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type * as FailureCodesModule from '../../job/failure-codes';
import type * as FirstFailureModule from '../../job/first-failure';
import type { Job } from '../../job/job-schema';
import { JobSummary } from './job-summary';

// Counts the reads of every sub-job's failure, keeping what they find.
const reads = vi.hoisted(() => ({ firstFailure: 0, failureCodes: 0 }));
vi.mock('../../job/first-failure', async (importOriginal) => {
  const actual = await importOriginal<typeof FirstFailureModule>();
  return {
    ...actual,
    firstFailure: (...args: Parameters<typeof actual.firstFailure>) => {
      reads.firstFailure += 1;
      return actual.firstFailure(...args);
    },
  };
});
vi.mock('../../job/failure-codes', async (importOriginal) => {
  const actual = await importOriginal<typeof FailureCodesModule>();
  return {
    ...actual,
    failureCodes: (...args: Parameters<typeof actual.failureCodes>) => {
      reads.failureCodes += 1;
      return actual.failureCodes(...args);
    },
  };
});

const target = { region: 'eu-de', projectId: '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20', jobId: 'job-1' };
const NOW = Date.UTC(2026, 10, 30, 9, 53, 0);

const job: Job = {
  job_id: 'job-1',
  status: 'running',
  begin_time: '2026-11-30 09:00:00',
  sub_jobs: [
    { job_id: 'a', status: 'failed', error_code: 'SFS.TURBO.0029', fail_reason: 'no room' },
    { job_id: 'b', status: 'failed', error_code: 'SFS.TURBO.0029', fail_reason: 'no room' },
    { job_id: 'c', status: 'running', begin_time: '2026-11-30 09:10:00' },
  ],
};

function card(now: number) {
  return (
    <MemoryRouter>
      <JobSummary
        job={job}
        target={target}
        regionName={undefined}
        requestId="req-9"
        zone="utc"
        now={now}
        permalink="http://x/"
        simulated={false}
        firstSeenAt={undefined}
      />
    </MemoryRouter>
  );
}

describe('the job card as a live job’s clock ticks', () => {
  it('does not read every sub-job’s failure again each second (the same job object)', async () => {
    const view = render(card(NOW));
    await act(async () => {
      await import('./job-notes');
    });
    expect(document.querySelector('[data-failure-digest]')?.textContent).toContain(
      '2 sub-jobs failed',
    );
    expect(reads.firstFailure).toBeGreaterThan(0);
    expect(reads.failureCodes).toBeGreaterThan(0);
    const before = { ...reads };
    for (let second = 1; second <= 3; second += 1) view.rerender(card(NOW + second * 1000));
    expect(reads).toEqual(before);
    // The card itself did follow the clock.
    expect(document.querySelector('[data-failure-digest]')).not.toBeNull();
  });
});
