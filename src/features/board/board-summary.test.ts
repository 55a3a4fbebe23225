import { describe, expect, it } from 'vitest';
import type { JobResponse } from '../../lib/api-client';
import { ApiError } from '../../lib/api-error';
import { boardCounts, rowSnapshot } from './board-counts';
import { boardSummary, type SummaryRow } from './board-summary';
import { parseBoardSearch } from './board-url';

const P = '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20';
const answer = (job: JobResponse['job']): JobResponse => ({
  job,
  warnings: [],
  requestId: 'r',
  receivedAt: 0,
  raw: '{}',
});

describe('the board summary for a ticket', () => {
  it('has the title, the counts, one line per entry with its first failure, and the link', () => {
    const { entries } = parseBoardSearch(
      `?jobs=eu-de/${P}/job-1,eu-nl/${P}/job-2,eu-de/${P}/job-3,nonsense`,
    );
    const [first, second, third, fourth] = entries;
    if (!first || !second || !third || !fourth) throw new Error('four entries expected');
    const rows: SummaryRow[] = [
      {
        entry: first,
        data: answer({
          status: 'failed',
          job_type: 'extend_share',
          begin_time: '2026-11-30 09:00:00',
          end_time: '2026-11-30 09:05:00',
          sub_jobs: [
            {
              job_id: 'sub-9',
              status: 'failed',
              error_code: 'SFS.TURBO.0030',
              fail_reason: 'Ecs | resource\nnot enough',
            },
          ],
        }),
        error: null,
      },
      {
        entry: second,
        data: answer({ status: 'running', begin_time: '2026-11-30 09:01:00' }),
        error: null,
      },
      {
        entry: third,
        data: undefined,
        error: new ApiError({
          kind: 'not-found',
          status: 404,
          code: 'SFS.TURBO.0019',
          message: 'Invalid Job Id',
          requestId: 'req-404',
          target: { region: 'eu-de', projectId: P, jobId: 'job-3' },
        }),
      },
      { entry: fourth, data: undefined, error: null },
    ];
    const counts = boardCounts(
      rows.filter((row) => row.entry.kind === 'job').map((row) => rowSnapshot(row.data, row.error)),
    );
    const text = boardSummary({
      title: 'INC-42 | resize',
      rows,
      counts,
      now: Date.UTC(2026, 10, 30, 9, 10, 0),
      link: 'https://x/board?jobs=…',
      simulated: false,
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('## INC-42 \\| resize');
    expect(text).toContain(
      'Data as of 2026-11-30 09:10:00 UTC. 4 entries: 1 failed · 1 lookup failed · 1 running.',
    );
    const table = lines.filter((line) => line.startsWith('| ') && !line.startsWith('| #'));
    expect(table).toHaveLength(4);
    for (const line of table) expect(line.split(/(?<!\\)\|/).length - 2).toBe(10);
    expect(table[0]).toContain(
      '`SFS.TURBO.0030` — Not enough ECS resources in this availability zone. — Ecs \\| resource not enough (sub-job `sub-9`)',
    );
    expect(table[1]).toContain('9 min so far');
    expect(table[2]).toContain(
      'Lookup failed: HTTP 404 `SFS.TURBO.0019` Invalid Job Id; request ID `req-404`',
    );
    expect(table[3]).toContain('not a job reference');
    expect(lines.at(-1)).toBe('Board: https://x/board?jobs=…');
  });
});

describe('the board summary carries every failure code', () => {
  it("names the sub-job that failed first, the job's own code beside it, and every code counted", () => {
    const { entries } = parseBoardSearch(`?jobs=eu-de/${P}/job-1`);
    const [entry] = entries;
    if (!entry) throw new Error('one entry expected');
    const failedSub = (id: string, end: string, code: string) => ({
      job_id: id,
      status: 'failed',
      end_time: end,
      error_code: code,
      fail_reason: 'why',
    });
    const rows: SummaryRow[] = [
      {
        entry,
        data: answer({
          status: 'failed',
          error_code: 'SFS.TURBO.0030',
          fail_reason: 'Ecs resource not enough',
          sub_jobs: [
            failedSub('late', '2026-11-30 09:03:00', 'SFS.TURBO.0032'),
            failedSub('early', '2026-11-30 09:01:00', 'SFS.TURBO.0029'),
            failedSub('mid', '2026-11-30 09:02:00', 'SFS.TURBO.0030'),
          ],
        }),
        error: null,
      },
    ];
    const text = boardSummary({
      title: 't',
      rows,
      counts: boardCounts(rows.map((row) => rowSnapshot(row.data, row.error))),
      now: 0,
      link: 'x',
      simulated: false,
    });
    expect(text).toContain(
      "`SFS.TURBO.0029` — The subnet has not enough free IP addresses. — why (sub-job `early`); the job's own code `SFS.TURBO.0030`; 3 sub-jobs failed: SFS.TURBO.0029 ×1, SFS.TURBO.0030 ×1, SFS.TURBO.0032 ×1 |",
    );
  });
});
