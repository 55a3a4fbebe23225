import { describe, expect, it } from 'vitest';
import type { Job, SubJob } from '../../../job/job-schema';
import { layoutTimeline, planTimeline } from './layout';
import { tickingWords, type TimelineRow } from './rows';

const T0 = Date.UTC(2026, 2, 1, 10, 0, 3);
/** The API's time format, `s` seconds after 2026-03-01 10:00:03 UTC. */
const at = (s: number) => new Date(T0 + s * 1000).toISOString().slice(0, 19).replace('T', ' ');

const sub = (fields: Partial<SubJob>): SubJob => ({ job_type: 'create_share', ...fields });

function rowById(rows: TimelineRow[], id: string): TimelineRow {
  const row = rows.find((r) => r.id === id);
  if (!row) throw new Error(`no row ${id}`);
  return row;
}

const finishedJob: Job = {
  job_id: 'job-1',
  job_type: 'create_share',
  status: 'success',
  begin_time: at(0),
  end_time: at(100),
  sub_jobs: [
    sub({ job_id: 'b', status: 'success', begin_time: at(40), end_time: at(100) }),
    sub({ job_id: 'a', status: 'success', begin_time: at(0), end_time: at(40) }),
  ],
};

describe('layoutTimeline: finished bars', () => {
  it('puts the job on top, then sub-jobs in start order, on one axis of percentages', () => {
    const layout = layoutTimeline(finishedJob, T0 + 500_000, 'utc');
    expect(layout.rows.map((r) => r.key)).toEqual(['job', 'id:a', 'id:b']);
    expect(layout.axis).toMatchObject({
      startMs: T0,
      endMs: T0 + 105_000,
      stepMs: 15_000,
      zone: 'UTC',
    });
    const [job, a, b] = layout.rows as [TimelineRow, TimelineRow, TimelineRow];
    expect(job).toMatchObject({
      state: 'finished',
      barKind: 'span',
      barLeft: 0,
      barWidth: 95.238,
      open: false,
    });
    expect(a).toMatchObject({
      state: 'finished',
      barLeft: 0,
      barWidth: 38.095,
      queuedText: undefined,
      queueLeft: null,
    });
    expect(b).toMatchObject({ state: 'finished', barLeft: 38.095, barWidth: 57.143 });
    expect(layout.live).toBe(false);
    expect(layout.nowPct).toBeNull();
  });

  it('writes every time, duration and the wait since the job began in text', () => {
    const layout = layoutTimeline(finishedJob, T0, 'utc');
    const [job, , b] = layout.rows as [TimelineRow, TimelineRow, TimelineRow];
    expect(job).toMatchObject({
      beginText: '2026-03-01 10:00:03 UTC',
      endText: '2026-03-01 10:01:43 UTC',
      durationText: '1 min 40 s',
    });
    expect(b).toMatchObject({
      beginText: '10:00:43 UTC',
      endText: '10:01:43 UTC',
      durationText: '1 min',
      queuedText: 'queued 40 s',
      queueLeft: 0,
      barLabel: "began 10:00:43 UTC, +40 s after the job's start, ran 1 min",
    });
    // One line on the row; each part stays whole when it wraps.
    expect(b.timesText.replaceAll('\u00a0', '_')).toBe(
      'Begin_10:00:43_UTC · End_10:01:43_UTC · Took_1_min · queued_40_s',
    );
  });

  it('writes the date of a sub-job time that falls on another day than the job began', () => {
    const job: Job = {
      status: 'success',
      begin_time: '2026-03-01 23:59:50',
      end_time: '2026-03-02 00:00:30',
      sub_jobs: [
        sub({
          job_id: 'x',
          status: 'success',
          begin_time: '2026-03-01 23:59:55',
          end_time: '2026-03-02 00:00:20',
        }),
      ],
    };
    const row = rowById(layoutTimeline(job, 0, 'utc').rows, 'x');
    expect(row.beginText).toBe('23:59:55 UTC');
    expect(row.endText).toBe('2026-03-02 00:00:20 UTC');
  });

  it('uses the chosen zone for row times and axis labels', () => {
    const layout = layoutTimeline(finishedJob, T0, 'local');
    // The web tests run in Asia/Kolkata (vitest.config.ts): 10:00:03 UTC is 15:30:03 there.
    expect(layout.rows[0]?.beginText).toBe('2026-03-01 15:30:03 UTC+05:30');
    expect(layout.axis?.zone).toBe('UTC+05:30');
    expect(layout.axis?.ticks[0]?.clock).toBe('15:30:03');
  });
});

describe('layoutTimeline: live jobs', () => {
  const running: Job = {
    status: 'running',
    begin_time: at(0),
    sub_jobs: [
      sub({ job_id: 'done', status: 'success', begin_time: at(0), end_time: at(10) }),
      sub({ job_id: 'run', status: 'running', begin_time: at(10) }),
      sub({ job_id: 'wait', status: 'waiting' }),
    ],
  };

  it('leaves running bars open to the now line, marks where now is, and words them at any time', () => {
    const layout = layoutTimeline(running, T0 + 25_000, 'utc');
    expect(layout.live).toBe(true);
    // 25 s elapsed, +10 % headroom → the axis runs to the next live span, 30 s.
    expect(layout.axis).toMatchObject({ startMs: T0, endMs: T0 + 30_000 });
    expect(layout.nowPct).toBe(83.333);
    const run = rowById(layout.rows, 'run');
    // The bar reaches the now line by CSS; its duration ticks from its begin.
    expect(run).toMatchObject({
      state: 'running',
      open: true,
      barLeft: 33.333,
      barWidth: 0,
      endText: 'not ended',
      durationKind: 'elapsed',
      durationText: '',
      elapsedFrom: T0 + 10_000,
      queuedText: 'queued 10 s',
    });
    expect(tickingWords(run, 15_000)).toEqual({
      durationText: '15 s so far',
      timesText:
        'Begin\u00a010:00:13\u00a0UTC · End\u00a0not\u00a0ended · Took\u00a015\u00a0s\u00a0so\u00a0far · queued\u00a010\u00a0s',
      barLabel: "began 10:00:13 UTC, +10 s after the job's start, running for 15 s so far",
    });
    const job = layout.rows[0]!;
    expect(job).toMatchObject({ state: 'running', open: true, elapsedFrom: T0 });
    expect(tickingWords(job, 25_000)).toMatchObject({
      durationText: '25 s so far',
      barLabel: 'began 2026-03-01 10:00:03 UTC, running for 25 s so far',
    });
  });

  it('shows a sub-job that has not started as a placeholder that says so, after the started ones', () => {
    const layout = layoutTimeline(running, T0 + 25_000, 'utc');
    expect(layout.rows.at(-1)).toMatchObject({
      id: 'wait',
      state: 'waiting',
      barKind: 'none',
      beginText: 'not started',
      endText: '—',
      durationText: '—',
      barLabel: 'not started',
      problem: undefined,
    });
  });

  it('hands back the same row objects, running ones too, while the clock ticks', () => {
    const first = planTimeline(running, T0 + 21_000, 'utc');
    const second = planTimeline(running, T0 + 22_000, 'utc');
    expect(second.axis).toEqual(first.axis);
    expect(second.nowPct).not.toBe(first.nowPct);
    for (let index = 0; index < first.rowCount; index += 1) {
      expect(second.rowAt(index)).toBe(first.rowAt(index));
    }
    expect(first.rowAt(0).open).toBe(true);
    expect(rowById([second.rowAt(2)], 'run').open).toBe(true);
  });

  it('ends running sub-jobs in the overview at the coarser clock it is handed, the job at now', () => {
    const plan = planTimeline(running, T0 + 27_000, 'utc', { overviewNow: T0 + 25_000 });
    expect(plan.nowPct).toBe(90);
    const spans = plan.spans();
    // Row 0 is the job, row 2 the running sub-job ('done' began first).
    expect(spans[1]).toBe(90);
    expect(plan.rowAt(2).id).toBe('run');
    expect(spans[5]).toBeCloseTo(83.333, 2);
  });

  it('stops open bars at the job end once the job is over, and says the sub-job never ended', () => {
    const job: Job = {
      status: 'failed',
      begin_time: at(0),
      end_time: at(20),
      sub_jobs: [sub({ job_id: 'r', status: 'running', begin_time: at(5) })],
    };
    const row = rowById(layoutTimeline(job, T0 + 999_000, 'utc').rows, 'r');
    expect(row).toMatchObject({
      state: 'running',
      open: true,
      durationText: '15 s so far',
      elapsedFrom: undefined,
    });
    expect(row.barLeft + row.barWidth).toBe(100);
    expect(row.problem).toBe('The job has ended but this sub-job still reports no end.');
  });

  it('places a job with no times at all without an axis', () => {
    const layout = layoutTimeline(
      { status: 'waiting', sub_jobs: [sub({ status: 'waiting' })] },
      T0,
      'utc',
    );
    expect(layout.axis).toBeNull();
    expect(layout.nowPct).toBeNull();
    expect(layout.rows.map((r) => r.state)).toEqual(['waiting', 'waiting']);
  });
});

describe('layoutTimeline: odd data', () => {
  it('draws begin == end as a minimum-width mark', () => {
    const job: Job = {
      status: 'success',
      begin_time: at(0),
      end_time: at(0),
      sub_jobs: [sub({ job_id: 'i', status: 'success', begin_time: at(0), end_time: at(0) })],
    };
    const layout = layoutTimeline(job, T0, 'utc');
    expect(layout.axis).toMatchObject({ startMs: T0, endMs: T0 + 1000 });
    expect(rowById(layout.rows, 'i')).toMatchObject({
      state: 'instant',
      barKind: 'mark',
      barLeft: 0,
      barWidth: 0,
      durationText: '0 s',
    });
  });

  it('says which time is missing or malformed, and shows the malformed text as it came', () => {
    const job: Job = {
      status: 'success',
      begin_time: at(0),
      end_time: at(60),
      sub_jobs: [
        sub({ job_id: 'no-end', status: 'success', begin_time: at(5) }),
        sub({ job_id: 'bad-begin', status: 'failed', begin_time: 'yesterday', end_time: at(30) }),
        sub({ job_id: 'no-times', status: 'success' }),
      ],
    };
    const rows = layoutTimeline(job, T0, 'utc').rows;
    expect(rowById(rows, 'no-end')).toMatchObject({
      state: 'time-problem',
      barKind: 'mark',
      endText: 'not given',
      problem: 'The end time is missing though the sub-job is over.',
    });
    expect(rowById(rows, 'bad-begin')).toMatchObject({
      state: 'time-problem',
      barKind: 'mark',
      barLeft: 50,
      beginText: 'yesterday',
      beginKind: 'invalid',
      problem: 'The begin time is malformed.',
    });
    expect(rowById(rows, 'no-times')).toMatchObject({
      state: 'time-problem',
      barKind: 'none',
      beginText: 'not given',
      problem: 'The begin time is missing, and the end time is missing though the sub-job is over.',
    });
  });

  it('flags an end before the begin and draws the span it claims', () => {
    const job: Job = {
      status: 'success',
      begin_time: at(0),
      end_time: at(60),
      sub_jobs: [sub({ job_id: 'r', status: 'success', begin_time: at(30), end_time: at(25) })],
    };
    const row = rowById(layoutTimeline(job, T0, 'utc').rows, 'r');
    expect(row).toMatchObject({
      state: 'reversed',
      barKind: 'span',
      durationKind: 'negative',
      durationText: '−5 s (end before begin)',
      problem: 'The end time is 5 s before the begin time.',
    });
    expect(row.barWidth).toBeGreaterThan(0);
  });

  it('measures offsets from the job start even when a sub-job claims to start earlier', () => {
    const job: Job = {
      status: 'success',
      begin_time: at(10),
      end_time: at(60),
      sub_jobs: [sub({ job_id: 'early', status: 'success', begin_time: at(7), end_time: at(20) })],
    };
    const layout = layoutTimeline(job, T0, 'utc');
    expect(rowById(layout.rows, 'early').queuedText).toBe('began 3 s before the job');
    expect(layout.axis?.ticks[0]?.offset).toBe('−10s');
    expect(layout.axis?.ticks.some((t) => t.offset === '+0s')).toBe(true);
    expect(layout.rows[0]?.barLeft).toBeGreaterThan(0);
  });

  it('gives stable, unique keys when sub-job IDs are missing, empty or repeated, and links only the first of a repeat', () => {
    const job: Job = {
      status: 'success',
      begin_time: at(0),
      end_time: at(9),
      sub_jobs: [
        sub({ job_id: 'dup', status: 'success', begin_time: at(1), end_time: at(2) }),
        sub({ status: 'success', begin_time: at(2), end_time: at(3) }),
        sub({ job_id: 'dup', status: 'failed', begin_time: at(3), end_time: at(4) }),
        sub({ job_id: '', status: 'success', begin_time: at(4), end_time: at(5) }),
      ],
    };
    const rows = layoutTimeline(job, T0, 'utc').rows;
    expect(rows.map((r) => [r.key, r.linkId, r.idNote])).toEqual([
      ['job', undefined, undefined],
      ['id:dup', 'dup', undefined],
      ['index:1', undefined, 'missing'],
      ['id:dup#2', undefined, 'duplicate'],
      ['index:3', undefined, 'empty'],
    ]);
    expect(new Set(rows.map((r) => r.domId)).size).toBe(rows.length);
    expect(layoutTimeline(structuredClone(job), T0, 'utc').rows).toEqual(rows);
  });

  it('reuses the rows of sub-jobs that did not change (same objects), and they equal fresh ones', () => {
    const job: Job = {
      status: 'running',
      begin_time: at(0),
      sub_jobs: [
        sub({ job_id: 'a', status: 'success', begin_time: at(0), end_time: at(5) }),
        sub({ job_id: 'b', status: 'running', begin_time: at(1) }),
      ],
    };
    const before = layoutTimeline(job, T0 + 8000, 'utc');
    // What structural sharing hands over when only `b` changed: `a` is the same object.
    const next: Job = {
      ...job,
      sub_jobs: [job.sub_jobs![0]!, { ...job.sub_jobs![1]!, status: 'success', end_time: at(7) }],
    };
    const after = layoutTimeline(next, T0 + 8000, 'utc');
    expect(rowById(after.rows, 'a')).toBe(rowById(before.rows, 'a'));
    expect(rowById(after.rows, 'b')).not.toBe(rowById(before.rows, 'b'));
    expect(after).toEqual(layoutTimeline(structuredClone(next), T0 + 8000, 'utc'));
    // A tick of the clock rebuilds no row, the running one neither.
    const tick = layoutTimeline(job, T0 + 9000, 'utc');
    expect(rowById(tick.rows, 'a')).toBe(rowById(before.rows, 'a'));
    expect(rowById(tick.rows, 'b')).toBe(rowById(before.rows, 'b'));
  });

  it('does not draw a job with an end time to now, whatever its status word', () => {
    const job: Job = {
      status: 'suspended',
      begin_time: at(0),
      end_time: at(120),
      sub_jobs: [sub({ job_id: 's', status: 'suspended', begin_time: at(30) })],
    };
    const layout = layoutTimeline(job, T0 + 3_600_000, 'utc');
    expect(layout.live).toBe(false);
    expect(layout.nowPct).toBeNull();
    expect(layout.axis?.endMs).toBe(T0 + 120_000);
    expect(rowById(layout.rows, 's')).toMatchObject({
      state: 'running',
      durationText: '1 min 30 s so far',
    });
  });

  it('reads unknown and sibling-API statuses', () => {
    const job: Job = {
      status: 'DOING',
      begin_time: at(0),
      sub_jobs: [
        sub({ job_id: 'p', status: 'paused', begin_time: at(1) }),
        sub({ job_id: 'i', status: 'INIT' }),
      ],
    };
    const layout = layoutTimeline(job, T0 + 5000, 'utc');
    expect(layout.live).toBe(true);
    expect(rowById(layout.rows, 'p')).toMatchObject({
      statusKind: 'unknown',
      status: 'paused',
      state: 'running',
    });
    expect(rowById(layout.rows, 'i')).toMatchObject({ statusKind: 'waiting', state: 'waiting' });
  });
});

describe('planTimeline', () => {
  it('knows order, counts and links before building any row, and builds each row once', () => {
    const plan = planTimeline(finishedJob, T0, 'utc');
    expect(plan.rowCount).toBe(3);
    expect(plan.indexOfLink('b')).toBe(2);
    expect(plan.indexOfLink('nope')).toBe(-1);
    expect(plan.rowAt(2)).toBe(plan.rowAt(2));
    expect(plan.rowAt(2)).toEqual(layoutTimeline(structuredClone(finishedJob), T0, 'utc').rows[2]);
    expect(() => plan.rowAt(3)).toThrow(RangeError);
  });
});

describe('layoutTimeline: failures', () => {
  const job: Job = {
    status: 'failed',
    begin_time: at(0),
    end_time: at(50),
    error_code: 'SFS.TURBO.0030',
    fail_reason: 'sub-job failed',
    sub_jobs: [
      sub({
        job_id: 'late-fail',
        status: 'failed',
        begin_time: at(30),
        end_time: at(50),
        error_code: 'SFS.TURBO.0029',
        fail_reason: 'Subnet has not enough ips',
      }),
      sub({ job_id: 'ok', status: 'success', begin_time: at(0), end_time: at(10) }),
      sub({
        job_id: 'early-fail',
        status: 'FAIL',
        begin_time: at(10),
        end_time: at(20),
        error_code: 'XYZ.1',
        fail_reason: 'x'.repeat(2000),
      }),
      sub({ status: 'failed', begin_time: at(40), end_time: at(41) }),
    ],
  };

  it('counts failed sub-jobs and finds the first one in display order', () => {
    const layout = layoutTimeline(job, T0, 'utc');
    expect(layout.failedCount).toBe(3);
    expect(layout.counts).toEqual({ success: 1, failed: 3, running: 0, waiting: 0, unknown: 0 });
    expect(layout.firstFailed).toEqual({
      key: 'id:early-fail',
      domId: 'timeline-row-2',
      linkId: 'early-fail',
    });
  });

  it('carries the error code, its meaning and the whole reason', () => {
    const rows = layoutTimeline(job, T0, 'utc').rows;
    expect(rowById(rows, 'late-fail')).toMatchObject({
      errorCode: 'SFS.TURBO.0029',
      errorMeaning: 'The subnet has not enough free IP addresses.',
      failReason: 'Subnet has not enough ips',
    });
    expect(rowById(rows, 'early-fail')).toMatchObject({
      errorCode: 'XYZ.1',
      errorMeaning: undefined,
    });
    expect(rowById(rows, 'early-fail').failReason).toHaveLength(2000);
    expect(rows[0]).toMatchObject({ errorCode: 'SFS.TURBO.0030', failReason: 'sub-job failed' });
  });
});

describe('layoutTimeline: axis from a 1-second job to a 3-day one', () => {
  const spanJob = (seconds: number): Job => ({
    status: 'success',
    begin_time: at(0),
    end_time: at(seconds),
  });
  const offsets = (seconds: number) =>
    layoutTimeline(spanJob(seconds), T0, 'utc').axis?.ticks.map((t) => t.offset);

  it('picks nice steps and labels offsets from the job start', () => {
    expect(offsets(1)).toEqual(['+0s', '+1s']);
    expect(offsets(7)).toEqual(['+0s', '+1s', '+2s', '+3s', '+4s', '+5s', '+6s', '+7s']);
    expect(offsets(30)).toEqual(['+0s', '+5s', '+10s', '+15s', '+20s', '+25s', '+30s']);
    expect(offsets(65)).toEqual(['+0s', '+10s', '+20s', '+30s', '+40s', '+50s', '+1m', '+1m10s']);
    expect(offsets(5 * 60)).toEqual(['+0s', '+1m', '+2m', '+3m', '+4m', '+5m']);
    expect(offsets(2 * 3600)).toEqual(['+0s', '+30m', '+1h', '+1h30m', '+2h']);
    expect(offsets(3 * 86400)).toEqual(['+0s', '+12h', '+1d', '+1d12h', '+2d', '+2d12h', '+3d']);
    expect(offsets(400 * 86400)?.length).toBeLessThanOrEqual(8);
  });

  it('writes clock times in the zone, with the date on the first tick and where the day changes', () => {
    const ticks = layoutTimeline(spanJob(3 * 86400), T0, 'utc').axis?.ticks ?? [];
    expect(ticks.map((t) => [t.clock, t.date])).toEqual([
      ['10:00:03', '2026-03-01'],
      ['22:00:03', undefined],
      ['10:00:03', '2026-03-02'],
      ['22:00:03', undefined],
      ['10:00:03', '2026-03-03'],
      ['22:00:03', undefined],
      ['10:00:03', '2026-03-04'],
    ]);
    expect(ticks.map((t) => t.major)).toEqual([true, false, true, false, true, false, true]);
    expect(ticks.map((t) => t.pct)).toEqual([0, 16.667, 33.333, 50, 66.667, 83.333, 100]);
  });

  it('keeps to the tick budget it is given', () => {
    expect(layoutTimeline(spanJob(100), T0, 'utc', { maxTicks: 4 }).axis?.ticks).toHaveLength(3);
  });
});
