import { describe, expect, it } from 'vitest';
import { axisFor, boardAxis, liveAxisSpan } from './axis';

const at = (minute: number, second = 0) =>
  `2026-11-30 10:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}`;
const now = Date.UTC(2026, 10, 30, 10, 20, 0);

describe('the incident time axis', () => {
  it('puts every job that began on one axis, sub-jobs within their job', () => {
    const axis = boardAxis(
      [
        {
          key: 'a',
          job: {
            status: 'failed',
            begin_time: at(0),
            end_time: at(10),
            sub_jobs: [{ status: 'failed', begin_time: at(5), end_time: at(10) }],
          },
        },
        { key: 'b', job: { status: 'success', begin_time: at(10), end_time: at(20) } },
        { key: 'c', job: { status: 'waiting' } },
      ],
      now,
      'utc',
    );
    expect(axis).toBeDefined();
    expect(axis?.bars.get('a')).toMatchObject({
      left: 0,
      width: 50,
      subs: [{ left: 25, width: 25, status: 'failed' }],
    });
    expect(axis?.bars.get('b')).toMatchObject({ left: 50, width: 50 });
    expect(axis?.bars.has('c')).toBe(false);
    expect(axis?.nowPct).toBeUndefined();
    expect(axis?.ticks[0]?.label).toBe('2026-11-30 10:00:00 UTC');
    expect(axis?.ticks[2]?.label).toBe('10:10:00');
  });

  it('runs a live job up to a "now" line, on an axis that grows in steps', () => {
    const axis = boardAxis(
      [{ key: 'r', job: { status: 'running', begin_time: at(0) } }],
      Date.UTC(2026, 10, 30, 10, 3, 0),
      'utc',
    );
    // 3 minutes in: the axis spans 3 min 30 s, now at 6/7.
    expect(axis?.endMs).toBe(Date.UTC(2026, 10, 30, 10, 3, 30));
    expect(axis?.nowPct).toBeCloseTo(600 / 7);
    expect(axis?.bars.get('r')).toMatchObject({ left: 0, live: true });
    expect(axis?.bars.get('r')?.width).toBeCloseTo(600 / 7);
  });

  it('has nothing to draw before any job began', () => {
    expect(boardAxis([{ key: 'w', job: { status: 'waiting' } }], now, 'utc')).toBeUndefined();
  });
});

describe("the board's readable views of jobs hours apart", () => {
  // 13 s at 08:00, 23 s at 09:00, 2 min at 10:00: to scale, the first two are slivers.
  const hoursApart = [
    {
      key: 'a',
      job: {
        status: 'success',
        begin_time: '2026-11-30 08:00:00',
        end_time: '2026-11-30 08:00:13',
      },
    },
    {
      key: 'b',
      job: {
        status: 'success',
        begin_time: '2026-11-30 09:00:00',
        end_time: '2026-11-30 09:00:23',
      },
    },
    {
      key: 'c',
      job: { status: 'failed', begin_time: '2026-11-30 10:00:00', end_time: '2026-11-30 10:02:00' },
    },
  ];

  it('to scale by default, as before', () => {
    const axis = boardAxis(hoursApart, now, 'utc');
    expect(axis?.breaks).toEqual([]);
    expect(axis?.bars.get('a')?.width).toBeLessThan(0.5);
  });

  it('cut idle stretches to break marks, so every job keeps a share of the width', () => {
    const axis = boardAxis(hoursApart, now, 'utc', { cutIdle: true });
    expect(axis?.breaks.map((cut) => cut.hiddenMs)).toEqual([
      3_600_000 - 13_000,
      3_600_000 - 23_000,
    ]);
    // 156 s kept share 94 %: 13 s is about 7.8 %, 23 s about 13.9 %.
    expect(axis?.bars.get('a')?.width).toBeCloseTo((13 / 156) * 94, 5);
    expect(axis?.bars.get('b')?.width).toBeCloseTo((23 / 156) * 94, 5);
    const c = axis?.bars.get('c');
    expect((c?.left ?? 0) + (c?.width ?? 0)).toBeCloseTo(100, 5);
    // A tick where each busy stretch begins, and at the end.
    expect(axis?.ticks.map((tick) => tick.label)).toEqual([
      '2026-11-30 08:00:00 UTC',
      '09:00:00',
      '10:00:00',
      '10:02:00',
    ]);
  });

  it('cut, keep the room ahead of a live job in proportion to the stretch now running', () => {
    // Two hours after a finished job, a job began a minute ago and runs: to scale from the
    // first job the axis would run on for half an hour past now.
    const running = Date.UTC(2026, 11, 5, 5, 33, 0);
    const clock = running + 60_000;
    const axis = boardAxis(
      [
        {
          key: 'done',
          job: {
            status: 'success',
            begin_time: '2026-12-05 03:34:06',
            end_time: '2026-12-05 03:35:46',
          },
        },
        { key: 'live', job: { status: 'running', begin_time: '2026-12-05 05:33:00' } },
      ],
      clock,
      'utc',
      { cutIdle: true },
    );
    expect(axis?.breaks).toHaveLength(1);
    // The axis ends a little after now, not half an hour later...
    expect(axis!.endMs - clock).toBeLessThan(60_000);
    expect(axis!.endMs).toBeGreaterThan(clock);
    // ...so the running job's bar takes most of its stretch, and "now" is near the end.
    expect(axis?.bars.get('live')?.width).toBeGreaterThan(25);
    expect(axis?.nowPct).toBeGreaterThan(75);
  });

  it('leave short idle stretches alone', () => {
    const close = [
      { key: 'a', job: { status: 'success', begin_time: at(0), end_time: at(8) } },
      { key: 'b', job: { status: 'success', begin_time: at(8, 30), end_time: at(10) } },
    ];
    expect(boardAxis(close, now, 'utc', { cutIdle: true })?.breaks).toEqual([]);
  });

  it('zoom to one stretch, clipping the bars outside it', () => {
    const axis = boardAxis(hoursApart, now, 'utc', {
      window: {
        startMs: Date.UTC(2026, 10, 30, 8, 0, 0) - 1_000,
        endMs: Date.UTC(2026, 10, 30, 8, 0, 14),
      },
    });
    expect(axis?.bars.get('a')?.left).toBeCloseTo(100 / 15, 5);
    expect(axis?.bars.get('a')?.width).toBeCloseTo((13 * 100) / 15, 5);
    expect(axis?.bars.get('b')?.width).toBe(0);
    expect(axis?.ticks[0]?.label).toBe('2026-11-30 07:59:59 UTC');
  });
});

describe('live spans', () => {
  it('grow the job page and the board alike, with a tenth to spare', () => {
    const begin = Date.UTC(2026, 10, 30, 10, 0, 0);
    // 28 s in: 30 s would put "now" at the very end; both axes run to 35 s.
    expect(liveAxisSpan(28_000)).toBe(35_000);
    const board = boardAxis(
      [{ key: 'r', job: { status: 'running', begin_time: at(0) } }],
      begin + 28_000,
      'utc',
    );
    const job = axisFor({
      jobStart: begin,
      first: begin,
      last: begin + 28_000,
      live: true,
      zone: 'utc',
      maxTicks: 8,
    });
    expect(board?.endMs).toBe(begin + 35_000);
    expect(job.endMs).toBe(begin + 35_000);
  });

  it("end near the job's age: a 1-hour-old job runs to 1 h 15 min, not to 2 h", () => {
    const hour = 3_600_000;
    expect(liveAxisSpan(hour)).toBe(75 * 60_000);
    const begin = Date.UTC(2026, 10, 30, 9, 0, 0);
    const job = axisFor({
      jobStart: begin,
      first: begin,
      last: begin + hour,
      live: true,
      zone: 'utc',
      maxTicks: 8,
    });
    expect(job.endMs - begin).toBeLessThanOrEqual(1.4 * hour);
  });

  it('keep a tenth to spare and stay within 40 % of the age, from seconds to years', () => {
    for (
      let elapsed = 10_000;
      elapsed < 3 * 365 * 24 * 3_600_000;
      elapsed = Math.ceil(elapsed * 1.013)
    ) {
      const span = liveAxisSpan(elapsed);
      expect(span).toBeGreaterThanOrEqual(elapsed * 1.1);
      expect(span).toBeLessThanOrEqual(elapsed * 1.1 * 1.25 + 1);
    }
    expect(liveAxisSpan(0)).toBe(10_000);
  });

  it('rescale only now and then: a dozen times in the second hour', () => {
    const spans = new Set<number>();
    for (let elapsed = 3_600_000; elapsed <= 7_200_000; elapsed += 1_000) {
      spans.add(liveAxisSpan(elapsed));
    }
    expect(spans.size).toBeLessThanOrEqual(12);
  });
});
