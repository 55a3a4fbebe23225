import { act, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../job/job-schema';
import { JobSummary } from './job-summary';

const target = { region: 'eu-de', projectId: '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20', jobId: 'job-1' };
const NOW = Date.UTC(2026, 10, 30, 9, 53, 0);

/** The notes on odd states and failed sub-jobs load on demand (decision 0006): until they are drawn. */
async function notesDrawn() {
  await act(async () => {
    await import('./job-notes');
  });
}

function show(job: Job, firstSeenAt?: number) {
  return render(
    <MemoryRouter>
      <JobSummary
        job={job}
        target={target}
        regionName={undefined}
        requestId="req-9"
        zone="utc"
        now={NOW}
        permalink="http://x/"
        simulated={false}
        firstSeenAt={firstSeenAt}
      />
    </MemoryRouter>,
  );
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the job card says what the API really said, and explains odd states', () => {
  it('shows a status word beside its label when it is not the documented lower-case form', () => {
    show({ status: 'FAIL', error_code: 'E1' });
    const badge = document.querySelector('[data-ticket-card] [data-status]');
    expect(badge?.textContent).toBe('Failed(FAIL)');
  });

  it('shows the documented form as the label alone', () => {
    show({ status: 'failed', error_code: 'E1' });
    expect(document.querySelector('[data-ticket-card] [data-status]')?.textContent).toBe('Failed');
  });

  it('labels the request ID as the lookup’s, of this refresh', () => {
    show({ status: 'running' });
    expect(screen.getByText('Lookup request ID, this refresh')).toBeTruthy();
    expect(screen.queryByText('Request ID')).toBeNull();
  });

  it('says an unrecognised status is not documented and is checked every 15 s', async () => {
    show({ status: 'suspended' });
    await notesDrawn();
    expect(document.querySelector('[data-odd-state]')?.textContent).toBe(
      '“suspended” is not a documented status (success, failed, running, waiting), so the page cannot tell whether the job is over and keeps checking every 15 s.',
    );
  });

  it('says when SFS Turbo gave no error code or reason for a failure', async () => {
    show({ status: 'failed', sub_jobs: [{ status: 'failed' }] });
    await notesDrawn();
    expect(document.querySelector('[data-odd-state]')?.textContent).toContain(
      'SFS Turbo gave no error code or reason',
    );
  });

  it('says nothing odd about an ordinary failure', async () => {
    show({ status: 'failed', error_code: 'SFS.TURBO.0030' });
    await notesDrawn();
    expect(document.querySelector('[data-odd-state]')).toBeNull();
  });

  it('writes relative times beside absolute ones', () => {
    show({ status: 'success', begin_time: '2026-11-30 08:40:00', end_time: '2026-11-30 08:41:00' });
    expect(screen.getByText(/ended 1 h 12 min ago/)).toBeTruthy();
  });

  it('says how long a job not yet begun has waited at least, and since when', () => {
    show({ status: 'waiting' }, Date.UTC(2026, 10, 30, 9, 44, 0));
    expect(
      screen.getByText('· waiting at least 9 min (first seen 09:44:00 UTC)', { exact: false }),
    ).toBeTruthy();
  });

  it('names every code of the failed sub-jobs with its count, in the order they failed, each a link to its first row', async () => {
    show({
      status: 'failed',
      sub_jobs: [
        {
          job_id: 'c',
          status: 'failed',
          begin_time: '2026-11-30 08:00:12',
          error_code: 'SFS.TURBO.0032',
        },
        {
          job_id: 'a',
          status: 'failed',
          begin_time: '2026-11-30 08:00:05',
          error_code: 'SFS.TURBO.0029',
        },
        {
          job_id: 'b',
          status: 'failed',
          begin_time: '2026-11-30 08:00:10',
          error_code: 'SFS.TURBO.0030',
        },
      ],
    });
    await notesDrawn();
    const digest = document.querySelector('[data-failure-digest]');
    expect(digest?.textContent).toBe(
      '3 sub-jobs failed: SFS.TURBO.0029 ×1, SFS.TURBO.0030 ×1, SFS.TURBO.0032 ×1',
    );
    expect([...(digest?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href'))).toEqual([
      '/?sub=a',
      '/?sub=b',
      '/?sub=c',
    ]);
  });

  // Issue 22: five sub-jobs failing with one code read "SFS.TURBO.0032, 0032, 0032, 0032, 0032".
  it('counts five sub-jobs that failed with one code as one code ×5', async () => {
    show({
      status: 'failed',
      sub_jobs: Array.from({ length: 5 }, (_, i) => ({
        job_id: `s${i}`,
        status: 'failed',
        begin_time: `2026-11-30 08:00:0${i}`,
        error_code: 'SFS.TURBO.0032',
      })),
    });
    await notesDrawn();
    const digest = document.querySelector('[data-failure-digest]');
    expect(digest?.textContent).toBe('5 sub-jobs failed: SFS.TURBO.0032 ×5');
    expect(digest?.querySelector('a')?.getAttribute('href')).toBe('/?sub=s0');
  });
});
