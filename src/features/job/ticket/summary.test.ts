import { describe, expect, it } from 'vitest';
import { cell } from '../../../job/markdown-cells';
import { ticketSummary } from './summary';

const target = {
  region: 'eu-de',
  projectId: 'e9993fc787d94b6c886cbaa340f9c0f4',
  jobId: '26f6b565-xxxx-XXXX-xxxx-03f0bd975433',
};

describe('ticketSummary', () => {
  it('carries everything a ticket needs, times in UTC with the zone', () => {
    const text = ticketSummary({
      job: {
        status: 'failed',
        job_type: 'extend_share',
        begin_time: '2026-11-29 10:00:00',
        end_time: '2026-11-29 11:57:03',
        error_code: 'SFS.TURBO.0030',
        fail_reason: 'ECS | resources\nexhausted',
        sub_jobs: [
          {
            job_id: 's1',
            status: 'success',
            begin_time: '2026-11-29 10:00:05',
            end_time: '2026-11-29 10:01:05',
          },
        ],
      },
      target,
      regionName: 'Open Telekom Cloud · Germany (eu-de)',
      requestId: 'req-42',
      dataAt: Date.UTC(2026, 10, 29, 12, 0, 0),
      permalink: 'https://jobs.example/eu-de/projects/x/jobs/y',
      simulated: false,
    });
    expect(text).toContain('### SFS Turbo job 26f6b565-xxxx-XXXX-xxxx-03f0bd975433: Failed');
    expect(text).toContain('| Status | Failed (`failed`) |');
    expect(text).toContain('| Job type | Expand capacity (`extend_share`) |');
    expect(text).toContain('| Begin | 2026-11-29 10:00:00 UTC |');
    expect(text).toContain('| Duration | 1 h 57 min 03 s |');
    expect(text).toContain(
      '`SFS.TURBO.0030` — Not enough ECS resources in this availability zone. — ECS \\| resources exhausted',
    );
    expect(text).toContain('| Lookup request ID, this refresh | `req-42` |');
    expect(text).toContain('| Data as of | 2026-11-29 12:00:00 UTC |');
    expect(text).toContain('| Link | https://jobs.example/eu-de/projects/x/jobs/y |');
    expect(text).toContain(
      '| 1 | Succeeded (`success`) | — | `s1` | 2026-11-29 10:00:05 UTC | 2026-11-29 10:01:05 UTC | 1 min | — |',
    );
  });

  it('shows unknown and malformed values as they came', () => {
    const text = ticketSummary({
      job: { status: 'PAUSED', job_type: 'resize_cache', begin_time: 'yesterday' },
      target,
      regionName: undefined,
      requestId: undefined,
      dataAt: 0,
      permalink: 'x',
      simulated: true,
    });
    expect(text).toContain('| Status | Unknown status `PAUSED` |');
    expect(text).toContain('| Job type | `resize_cache` |');
    expect(text).toContain('| Begin | `yesterday` (unrecognised format) |');
    expect(text).toContain('simulated data');
  });

  it('names the first failed sub-job when the job itself gives no reason', () => {
    const text = ticketSummary({
      job: {
        status: 'failed',
        sub_jobs: [
          { job_id: 's1', status: 'success' },
          {
            job_id: 's2',
            status: 'failed',
            begin_time: '2026-11-29 10:00:05',
            error_code: 'SFS.TURBO.0029',
            fail_reason: 'Subnet has not enough ips',
          },
        ],
      },
      target,
      regionName: undefined,
      requestId: 'r',
      dataAt: 0,
      permalink: 'x',
      simulated: false,
    });
    expect(text).not.toMatch(/^\| Failure \|/m);
    expect(text).toContain('| First failure | sub-job `s2` (#2): `SFS.TURBO.0029` — ');
    expect(text).toContain('Subnet has not enough ips |');
    expect(text).toContain('1 succeeded, 1 failed.');
  });

  it('lists at most 50 sub-jobs, failed ones first, and says how many are left out', () => {
    const subJobs = Array.from({ length: 120 }, (_, i) => ({
      job_id: `sub-${i + 1}`,
      status: i === 99 || i === 119 ? 'failed' : 'success',
    }));
    const text = ticketSummary({
      job: { status: 'failed', sub_jobs: subJobs },
      target,
      regionName: undefined,
      requestId: undefined,
      dataAt: 0,
      permalink: 'x',
      simulated: false,
    });
    const rows = text.split('\n').filter((line) => /^\| \d+ \|/.test(line));
    expect(rows).toHaveLength(50);
    expect(text).toContain('#### Sub-jobs (120)');
    expect(text).toContain('118 succeeded, 2 failed.');
    expect(text).toContain('Listed: 50 of 120, every failed one first');
    expect(text).toContain('| 100 | Failed');
    expect(text).toContain('| 120 | Failed');
    expect(text).toContain('| 48 | Succeeded');
    expect(text).not.toContain('| 49 | Succeeded');
  });

  // Issue 22: the note said "failed first" while the rows came in sub-job order.
  it('lists the failed rows first when some are left out, as its note says', () => {
    const subJobs = Array.from({ length: 1000 }, (_, i) => ({
      job_id: `sub-${i + 1}`,
      status: i >= 600 && i < 605 ? 'failed' : i < 600 ? 'success' : 'running',
      error_code: i >= 600 && i < 605 ? 'SFS.TURBO.0032' : undefined,
    }));
    const text = ticketSummary({
      job: { status: 'running', sub_jobs: subJobs },
      target,
      regionName: undefined,
      requestId: undefined,
      dataAt: 0,
      permalink: 'x',
      simulated: false,
    });
    const rows = text.split('\n').filter((line) => /^\| \d+ \|/.test(line));
    expect(rows).toHaveLength(50);
    expect(rows.slice(0, 5).map((row) => row.split(' | ')[0])).toEqual([
      '| 601',
      '| 602',
      '| 603',
      '| 604',
      '| 605',
    ]);
    expect(rows.slice(5).every((row) => !row.includes('Failed'))).toBe(true);
    expect(text).toContain('| Failure codes | 5 sub-jobs failed: SFS.TURBO.0032 ×5 |');
  });

  it("leads with the sub-job that failed first and keeps the job's own failure", () => {
    const text = ticketSummary({
      job: {
        status: 'failed',
        error_code: 'SFS.TURBO.0030',
        fail_reason: 'Ecs resource not enough',
        sub_jobs: [
          {
            job_id: 's1',
            status: 'failed',
            end_time: '2026-11-29 10:00:35',
            error_code: 'SFS.TURBO.0029',
          },
          {
            job_id: 's2',
            status: 'failed',
            end_time: '2026-11-29 10:00:55',
            error_code: 'SFS.TURBO.0030',
          },
          {
            job_id: 's3',
            status: 'failed',
            end_time: '2026-11-29 10:01:02',
            error_code: 'SFS.TURBO.0032',
          },
        ],
      },
      target,
      regionName: undefined,
      requestId: undefined,
      dataAt: 0,
      permalink: 'x',
      simulated: false,
    });
    expect(text).toMatch(/^\| Failure \| `SFS.TURBO.0030`/m);
    expect(text).toContain('| First failure | sub-job `s1` (#1): `SFS.TURBO.0029`');
    expect(text).toContain(
      '| Failure codes | 3 sub-jobs failed: SFS.TURBO.0029 ×1, SFS.TURBO.0030 ×1, SFS.TURBO.0032 ×1 |',
    );
    const rows = text.split('\n').filter((line) => /^\| \d+ \|/.test(line));
    expect(rows.map((row) => row.split(' | ')[0])).toEqual(['| 1', '| 2', '| 3']);
  });

  it('keeps table cells on one line', () => {
    expect(cell('a|b\n`c`')).toBe("a\\|b 'c'");
  });
});
