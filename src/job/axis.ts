import type { Job } from './job-schema';
import { isFinal, statusKind, type StatusKind } from './status';
import { formatDateTime, parseApiTime, type ZoneChoice } from './time';

const S = 1_000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;
const YEAR = 365 * D;

/** Tick steps a reader can add up in their head, from a 1-second job to a months-long one. */
export const NICE_STEPS = [
  1 * S,
  2 * S,
  5 * S,
  10 * S,
  15 * S,
  30 * S,
  1 * MIN,
  2 * MIN,
  5 * MIN,
  10 * MIN,
  15 * MIN,
  30 * MIN,
  1 * H,
  2 * H,
  3 * H,
  6 * H,
  12 * H,
  1 * D,
  2 * D,
  5 * D,
  7 * D,
  14 * D,
  30 * D,
  60 * D,
  90 * D,
  180 * D,
  365 * D,
] as const;

/** A live axis never runs shorter than this: a job's first seconds get a readable scale. */
const MIN_LIVE_SPAN = 10 * S;
/** "Now" keeps at least this share of the elapsed time to spare before the axis's end. */
const LIVE_MARGIN = 0.1;
/** The end is rounded up to a nice step of at most this share of the span. */
const LIVE_GRAIN_SHARE = 1 / 4;

/**
 * How far a live axis runs past its start, `elapsed` in: a tenth to spare, rounded up to a
 * nice step of at most a quarter of that, so the picture rescales only now and then as the job
 * grows (at 1 h, every 15 minutes), and never runs far past "now": at most about 40 % more
 * than the job's age (a 1-hour-old job ends at 1 h 15 min, not at 2 h). The job page and the
 * board share it.
 */
export function liveAxisSpan(elapsed: number): number {
  const wanted = Math.max(MIN_LIVE_SPAN, elapsed * (1 + LIVE_MARGIN));
  const largest = wanted * LIVE_GRAIN_SHARE;
  const grain = NICE_STEPS.findLast((step) => step <= largest) ?? S;
  return Math.ceil(wanted / grain) * grain;
}

export interface Tick {
  /** Percent of the axis. */
  pct: number;
  ms: number;
  /** `HH:mm:ss` in the chosen zone. */
  clock: string;
  /**
   * `YYYY-MM-DD` on the first tick and wherever the date changes; the zone's new label (e.g.
   * `UTC+02:00`) where its offset changes. Wide screens only; the axis caption has the date.
   */
  date: string | undefined;
  /** Offset from the job's start, compact: `+0s`, `+30s`, `+2m`, `+1m30s`, `+1d12h`. */
  offset: string;
  /** Every other tick, counted from the job's start: the ones narrow screens keep. */
  major: boolean;
}

export interface Axis {
  startMs: number;
  endMs: number;
  stepMs: number;
  /** Zone label of the axis start, e.g. `UTC`, `UTC+01:00`. */
  zone: string;
  ticks: Tick[];
}

/** `+1m30s`: short enough that eight labels fit side by side on a laptop screen. */
export function formatOffset(ms: number): string {
  if (ms === 0) return '+0s';
  const sign = ms < 0 ? '−' : '+';
  let rest = Math.abs(ms);
  // Only absurd data spans years; its steps are whole 365-day "years" (see axisFor).
  if (rest >= YEAR && rest % YEAR === 0) return `${sign}${rest / YEAR}y`;
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', D],
    ['h', H],
    ['m', MIN],
    ['s', S],
  ] as const) {
    const value = Math.floor(rest / size);
    rest -= value * size;
    if (value > 0) parts.push(`${value}${unit}`);
  }
  if (parts.length === 0) parts.push(`${Math.abs(ms)}ms`);
  return sign + parts.join('');
}

function intervalsFor(step: number, startOffset: number, endOffset: number) {
  const lo = Math.floor(startOffset / step);
  const hi = Math.max(lo + 1, Math.ceil(endOffset / step));
  return { lo, hi };
}

export function axisFor(input: {
  jobStart: number;
  first: number;
  last: number;
  live: boolean;
  zone: ZoneChoice;
  maxTicks: number;
}): Axis {
  const { jobStart, zone } = input;
  const maxIntervals = Math.max(1, Math.floor(input.maxTicks) - 1);
  const startOffset = Math.min(0, input.first - jobStart);
  let endOffset = Math.max(0, input.last - jobStart);
  if (input.live) endOffset = liveAxisSpan(endOffset);
  if (endOffset - startOffset < S) endOffset = startOffset + S;

  let step: number | undefined;
  for (const candidate of NICE_STEPS) {
    const { lo, hi } = intervalsFor(candidate, startOffset, endOffset);
    if (hi - lo <= maxIntervals) {
      step = candidate;
      break;
    }
  }
  if (step === undefined) {
    // Beyond a year per tick (only broken data spans that): whole 365-day years.
    step = Math.ceil((endOffset - startOffset) / maxIntervals / YEAR) * YEAR;
    const fits = (candidate: number) => {
      const { lo, hi } = intervalsFor(candidate, startOffset, endOffset);
      return hi - lo <= maxIntervals;
    };
    while (!fits(step)) step += YEAR;
  }
  const { lo, hi } = intervalsFor(step, startOffset, endOffset);

  const ticks: Tick[] = [];
  let previousDate: string | undefined;
  let previousZone: string | undefined;
  for (let k = lo; k <= hi; k += 1) {
    const ms = jobStart + k * step;
    const { text, zone: label } = formatDateTime(ms, zone);
    const date = text.slice(0, 10);
    const zoneChanged = previousZone !== undefined && label !== previousZone;
    ticks.push({
      pct: Math.round(((k - lo) / (hi - lo)) * 100_000) / 1000,
      ms,
      clock: text.slice(11),
      // A daylight-saving change shows the new offset where the date would go.
      date: zoneChanged ? label : date !== previousDate ? date : undefined,
      offset: formatOffset(k * step),
      major: Math.abs(k) % 2 === 0,
    });
    previousDate = date;
    previousZone = label;
  }
  return {
    startMs: jobStart + lo * step,
    endMs: jobStart + hi * step,
    stepMs: step,
    zone: formatDateTime(jobStart + lo * step, zone).zone,
    ticks,
  };
}

/**
 * The geometry the component draws the axis with, and the property tests check labels
 * against: 11 px monospace labels centred on their ticks, inside a drawing area inset from
 * the track's edges by at least half a label. Wide (viewport ≥ 640 px; the bars sit under
 * the text up to 1280 px and beside it from there): every tick with its date line, in at
 * least 500 px. Narrow (phones): major ticks only, no date line, in at least 210 px.
 */
export const AXIS_GEOMETRY = {
  charPx: 6.7,
  gapPx: 4,
  wide: { minWidthPx: 500, insetPx: 36 },
  narrow: { minWidthPx: 210, insetPx: 28 },
} as const;

/** Width, in characters, of the widest line of a tick's label. */
export function tickLabelChars(tick: Tick, narrow: boolean): number {
  return Math.max(tick.clock.length, tick.offset.length, narrow ? 0 : (tick.date?.length ?? 0));
}

// The incident board's axis: many jobs on one time line.

export interface AxisSpan {
  /** Percent of the axis from its start, and width in percent (at least a sliver). */
  left: number;
  width: number;
}

export interface AxisBar extends AxisSpan {
  key: string;
  status: StatusKind;
  live: boolean;
  subs: (AxisSpan & { status: StatusKind })[];
}

export interface BoardAxis {
  startMs: number;
  endMs: number;
  bars: Map<string, AxisBar>;
  /** Where "now" falls, when a job on the axis is still live. */
  nowPct: number | undefined;
  ticks: { pct: number; label: string }[];
}

const MIN_WIDTH_PCT = 0.4;

const ms = (raw: string | undefined) => {
  const parsed = parseApiTime(raw);
  return parsed.kind === 'ok' ? parsed.ms : undefined;
};

interface Extent {
  key: string;
  status: StatusKind;
  live: boolean;
  begin: number | undefined;
  end: number | undefined;
  subs: { status: StatusKind; begin: number | undefined; end: number | undefined }[];
}

function extentOf(key: string, job: Job): Extent {
  const status = statusKind(job.status);
  const subs = (job.sub_jobs ?? []).map((sub) => ({
    status: statusKind(sub.status),
    begin: ms(sub.begin_time),
    end: ms(sub.end_time),
  }));
  const subBegins = subs.flatMap((sub) => (sub.begin === undefined ? [] : [sub.begin]));
  const subEnds = subs.flatMap((sub) => (sub.end === undefined ? [] : [sub.end]));
  const begin = ms(job.begin_time) ?? (subBegins.length ? Math.min(...subBegins) : undefined);
  const end =
    ms(job.end_time) ?? (subEnds.length && isFinal(status) ? Math.max(...subEnds) : undefined);
  return { key, status, live: !isFinal(status), begin, end, subs };
}

/**
 * One time axis for the whole incident: from the earliest begin to the latest end (or now,
 * while a job runs), a bar per job that has begun, its sub-jobs within it. Pure.
 */
export function boardAxis(
  jobs: readonly { key: string; job: Job }[],
  now: number,
  zone: ZoneChoice,
): BoardAxis | undefined {
  const extents = jobs
    .map(({ key, job }) => extentOf(key, job))
    .filter((extent) => extent.begin !== undefined);
  if (extents.length === 0) return undefined;
  const live = extents.some((extent) => extent.live && extent.end === undefined);
  const starts = extents.map((extent) => extent.begin as number);
  const ends = extents.flatMap((extent) => [
    extent.end ?? (extent.begin as number),
    ...extent.subs.flatMap((sub) => (sub.end === undefined ? [] : [sub.end])),
  ]);
  const startMs = Math.min(...starts);
  let endMs = Math.max(...ends, live ? now : Number.NEGATIVE_INFINITY);
  if (live) endMs = startMs + liveAxisSpan(endMs - startMs);
  if (endMs <= startMs) endMs = startMs + S;
  const span = endMs - startMs;
  const pct = (value: number) => ((value - startMs) / span) * 100;
  const place = (begin: number, end: number): AxisSpan => ({
    left: pct(begin),
    width: Math.max(MIN_WIDTH_PCT, pct(end) - pct(begin)),
  });

  const bars = new Map<string, AxisBar>();
  for (const extent of extents) {
    const begin = extent.begin as number;
    const end = extent.end ?? (extent.live ? Math.min(now, endMs) : begin);
    const subs = extent.subs.flatMap((sub) => {
      if (sub.begin === undefined) return [];
      const subEnd =
        sub.end ?? (isFinal(sub.status) ? sub.begin : Math.max(sub.begin, Math.min(now, endMs)));
      return [{ ...place(sub.begin, subEnd), status: sub.status }];
    });
    bars.set(extent.key, {
      key: extent.key,
      status: extent.status,
      live: extent.live,
      ...place(begin, end),
      subs,
    });
  }
  // The first tick carries the date and zone; the others the time (or day and time, past 20 h).
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((fraction, index) => {
    const { text, zone: label } = formatDateTime(startMs + span * fraction, zone);
    return {
      pct: fraction * 100,
      label: index === 0 ? `${text} ${label}` : span < 20 * H ? text.slice(11) : text.slice(5, 16),
    };
  });
  return { startMs, endMs, bars, nowPct: live ? pct(Math.min(now, endMs)) : undefined, ticks };
}
