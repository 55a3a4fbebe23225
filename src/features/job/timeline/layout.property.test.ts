import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AXIS_GEOMETRY, tickLabelChars, type Tick } from '../../../job/axis';
import type { Job, SubJob } from '../../../job/job-schema';
import { layoutTimeline, type TimelineLayout } from './layout';

const apiTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** Times near a base at one of several scales, from a second to a year, plus broken ones. */
const timeField = (base: number, scale: number) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .integer({ min: -Math.floor(scale / 10), max: scale })
        .map((offset) => apiTime(base + offset)),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        'yesterday',
        '2026-02-30 10:00:00',
        '1700000000',
        '2026-03-01T10:00:00+05:30',
      ),
    },
  );

const statusField = fc.constantFrom(
  'success',
  'failed',
  'running',
  'waiting',
  'FAIL',
  'INIT',
  'DOING',
  'paused',
  '',
  undefined,
);

const jobArbitrary = fc
  .record({
    base: fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(9000, 0, 1) }),
    scale: fc.constantFrom(
      1_000,
      10_000,
      60_000,
      3_600_000,
      86_400_000,
      3 * 86_400_000,
      365 * 86_400_000,
    ),
  })
  .chain(({ base, scale }) => {
    const sub: fc.Arbitrary<SubJob> = fc.record(
      {
        job_id: fc.constantFrom('a', 'b', 'c', '', undefined, 'd-1', 'e'),
        status: statusField,
        job_type: fc.constantFrom('create_share', 'unknown_type', undefined),
        begin_time: timeField(base, scale),
        end_time: timeField(base, scale),
        error_code: fc.constantFrom(undefined, 'SFS.TURBO.0029', 'X'),
        fail_reason: fc.option(fc.string(), { nil: undefined }),
      },
      { requiredKeys: [] },
    );
    return fc.record({
      job: fc.record({
        status: statusField,
        begin_time: timeField(base, scale),
        end_time: timeField(base, scale),
        sub_jobs: fc.option(fc.array(sub, { maxLength: 12 }), { nil: undefined }),
      }) as fc.Arbitrary<Job>,
      now: fc.integer({ min: base - scale, max: base + 2 * scale }),
      zone: fc.constantFrom('utc' as const, 'local' as const),
    });
  });

function numbersOf(layout: TimelineLayout): number[] {
  const numbers: number[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'number') numbers.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(layout);
  return numbers;
}

/** Label boxes in px, centred on their ticks, as the component draws them. */
function overlaps(ticks: Tick[], widthPx: number, narrow: boolean): string | undefined {
  const shown = narrow ? ticks.filter((t) => t.major) : ticks;
  const { charPx, gapPx } = AXIS_GEOMETRY;
  for (let i = 1; i < shown.length; i += 1) {
    const a = shown[i - 1] as Tick;
    const b = shown[i] as Tick;
    const room = ((b.pct - a.pct) / 100) * widthPx;
    const needed = ((tickLabelChars(a, narrow) + tickLabelChars(b, narrow)) / 2) * charPx + gapPx;
    if (room < needed)
      return `${a.offset}/${b.offset}: ${room.toFixed(1)} px < ${needed.toFixed(1)} px`;
  }
  for (const tick of [shown[0], shown.at(-1)]) {
    const inset = narrow ? AXIS_GEOMETRY.narrow.insetPx : AXIS_GEOMETRY.wide.insetPx;
    if (tick && (tickLabelChars(tick, narrow) * charPx) / 2 > inset)
      return `${tick.offset} sticks out of the inset`;
  }
  return undefined;
}

/**
 * 400 generated jobs per property is CPU work that a busy machine stretches past the default
 * 5 s (5.2 s at load 25 on two cores); the limit is there to catch a hang, not to time it.
 */
const CPU_BOUND_MS = 60_000;

describe('layoutTimeline properties', () => {
  it(
    'yields, for any job, finite numbers, bars within the axis and no negative widths',
    () => {
      fc.assert(
        fc.property(jobArbitrary, ({ job, now, zone }) => {
          const layout = layoutTimeline(job, now, zone);
          expect(numbersOf(layout).every(Number.isFinite)).toBe(true);
          expect(layout.rows).toHaveLength((job.sub_jobs?.length ?? 0) + 1);
          expect(new Set(layout.rows.map((r) => r.key)).size).toBe(layout.rows.length);
          for (const row of layout.rows) {
            expect(row.barWidth).toBeGreaterThanOrEqual(0);
            expect(row.barLeft).toBeGreaterThanOrEqual(0);
            expect(row.barLeft + row.barWidth).toBeLessThanOrEqual(100.001);
            if (row.queueLeft !== null) {
              expect(row.queueLeft).toBeGreaterThanOrEqual(0);
              expect(row.queueLeft).toBeLessThanOrEqual(row.barLeft);
            }
            expect(row.barLabel.length).toBeGreaterThan(0);
          }
          if (layout.nowPct !== null) {
            expect(layout.nowPct).toBeGreaterThanOrEqual(0);
            expect(layout.nowPct).toBeLessThanOrEqual(100);
          }
        }),
        { numRuns: 400 },
      );
    },
    CPU_BOUND_MS,
  );

  it(
    'draws at most 8 ticks, in order, from 0 % to 100 %, whose labels never overlap on a laptop or a phone',
    () => {
      fc.assert(
        fc.property(jobArbitrary, ({ job, now, zone }) => {
          const axis = layoutTimeline(job, now, zone).axis;
          if (!axis) return;
          const ticks = axis.ticks;
          expect(ticks.length).toBeGreaterThanOrEqual(2);
          expect(ticks.length).toBeLessThanOrEqual(8);
          expect(ticks[0]?.pct).toBe(0);
          expect(ticks.at(-1)?.pct).toBe(100);
          ticks
            .slice(1)
            .forEach((tick, i) => expect(tick.pct).toBeGreaterThan(ticks[i]?.pct ?? Infinity));
          expect(ticks.some((t) => t.major)).toBe(true);
          expect(overlaps(ticks, AXIS_GEOMETRY.wide.minWidthPx, false)).toBeUndefined();
          expect(overlaps(ticks, AXIS_GEOMETRY.narrow.minWidthPx, true)).toBeUndefined();
        }),
        { numRuns: 400 },
      );
    },
    CPU_BOUND_MS,
  );

  it('is pure: the same input gives an equal layout', () => {
    fc.assert(
      fc.property(jobArbitrary, ({ job, now, zone }) => {
        expect(layoutTimeline(structuredClone(job), now, zone)).toEqual(
          layoutTimeline(job, now, zone),
        );
      }),
      { numRuns: 100 },
    );
  });
});
