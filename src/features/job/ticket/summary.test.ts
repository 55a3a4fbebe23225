import { describe, expect, it } from 'vitest';
import { cell, ticketSummary } from './summary';

const target = { region: 'eu-de', projectId: 'e9993fc787d94b6c886cbaa340f9c0f4', jobId: '26f6b565-xxxx-XXXX-xxxx-03f0bd975433' };

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
        sub_jobs: [{ job_id: 's1', status: 'success', begin_time: '2026-11-29 10:00:05', end_time: '2026-11-29 10:01:05' }],
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
    expect(text).toContain('`SFS.TURBO.0030` — Not enough ECS resources in this availability zone. — ECS \\| resources exhausted');
    expect(text).toContain('| Request ID | `req-42` |');
    expect(text).toContain('| Data as of | 2026-11-29 12:00:00 UTC |');
    expect(text).toContain('| Link | https://jobs.example/eu-de/projects/x/jobs/y |');
    expect(text).toContain('| 1 | Succeeded (`success`) | — | `s1` | 2026-11-29 10:00:05 UTC | 2026-11-29 10:01:05 UTC | 1 min | — |');
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

  it('keeps table cells on one line', () => {
    expect(cell('a|b\n`c`')).toBe("a\\|b 'c'");
  });
});
