import { parseApiTime } from '../../common/api-time';
import { isFinal, statusKind, type StatusKind } from '../../common/job-status';
import type { Job } from './job-schema';
import { formatDateTime, type ZoneChoice } from './time';

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

/** Where an idle stretch was cut out of the board's axis, and how long it was. */
export interface AxisBreak {
  pct: number;
  hiddenMs: number;
}

export interface BoardAxis {
  startMs: number;
  endMs: number;
  bars: Map<string, AxisBar>;
  /** Where "now" falls, when a job on the axis is still live (and in view). */
  nowPct: number | undefined;
  ticks: { pct: number; label: string }[];
  /** Idle stretches cut out (only with `cutIdle`), in axis order. */
  breaks: AxisBreak[];
}

/**
 * The board's views beyond "everything, to scale" (the default): `cutIdle` narrows every
 * stretch longer than a tenth of the span in which no job runs to a break mark, so jobs hours
 * apart each keep a readable width; `window` shows one stretch only (zoom), bars clipped.
 */
export interface BoardAxisOptions {
  cutIdle?: boolean;
  window?: { startMs: number; endMs: number };
}

const MIN_WIDTH_PCT = 0.4;
/** An idle stretch is cut when longer than this share of the axis (and than a minute). */
const CUT_SHARE = 0.1;
const CUT_MIN_MS = MIN;
/** The width a cut stretch keeps, in percent: room for the break mark. */
const BREAK_PCT = 3;

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

/** A stretch of time drawn from `p0` to `p1` percent, linearly. */
interface Segment {
  t0: number;
  t1: number;
  p0: number;
  p1: number;
}

/**
 * The axis's pieces: one, to scale; or, with idle stretches cut, the busy stretches sharing
 * the width by their length and each cut stretch squeezed into BREAK_PCT.
 */
function segmentsFor(
  startMs: number,
  endMs: number,
  busy: [number, number][],
  cutIdle: boolean,
): { segments: Segment[]; breaks: AxisBreak[] } {
  const span = endMs - startMs;
  const whole = { segments: [{ t0: startMs, t1: endMs, p0: 0, p1: 100 }], breaks: [] };
  if (!cutIdle) return whole;
  const merged: [number, number][] = [];
  for (const [b, e] of [...busy].sort((x, y) => x[0] - y[0])) {
    const last = merged.at(-1);
    if (last && b <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([b, e]);
  }
  const threshold = Math.max(CUT_MIN_MS, span * CUT_SHARE);
  const cuts: [number, number][] = [];
  for (let index = 1; index < merged.length; index += 1) {
    const gapStart = (merged[index - 1] as [number, number])[1];
    const gapEnd = (merged[index] as [number, number])[0];
    if (gapEnd - gapStart > threshold) cuts.push([gapStart, gapEnd]);
  }
  if (cuts.length === 0) return whole;
  const kept = span - cuts.reduce((sum, [b, e]) => sum + (e - b), 0);
  const perMs = (100 - BREAK_PCT * cuts.length) / Math.max(1, kept);
  const segments: Segment[] = [];
  const breaks: AxisBreak[] = [];
  let t = startMs;
  let p = 0;
  for (const [b, e] of cuts) {
    segments.push({ t0: t, t1: b, p0: p, p1: p + (b - t) * perMs });
    p += (b - t) * perMs;
    segments.push({ t0: b, t1: e, p0: p, p1: p + BREAK_PCT });
    breaks.push({ pct: p + BREAK_PCT / 2, hiddenMs: e - b });
    p += BREAK_PCT;
    t = e;
  }
  segments.push({ t0: t, t1: endMs, p0: p, p1: 100 });
  return { segments, breaks };
}

function pctOn(segments: readonly Segment[], value: number): number {
  const first = segments[0] as Segment;
  const last = segments.at(-1) as Segment;
  if (value <= first.t0)
    return first.p0 + ((value - first.t0) / (first.t1 - first.t0 || 1)) * (first.p1 - first.p0);
  const segment = segments.find((s) => value <= s.t1) ?? last;
  const length = segment.t1 - segment.t0;
  return (
    segment.p0 + (length > 0 ? ((value - segment.t0) / length) * (segment.p1 - segment.p0) : 0)
  );
}

/**
 * One time axis for the whole incident: from the earliest begin to the latest end (or now,
 * while a job runs), a bar per job that has begun, its sub-jobs within it. Pure. Without
 * options the axis is to scale over everything; see BoardAxisOptions for the others.
 */
export function boardAxis(
  jobs: readonly { key: string; job: Job }[],
  now: number,
  zone: ZoneChoice,
  options: BoardAxisOptions = {},
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
  let startMs = Math.min(...starts);
  let endMs = Math.max(...ends, live ? now : Number.NEGATIVE_INFINITY);
  if (live) endMs = startMs + liveAxisSpan(endMs - startMs);
  if (endMs <= startMs) endMs = startMs + S;
  let fullEnd = endMs;
  const windowed = options.window && options.window.endMs > options.window.startMs;
  if (options.window && windowed) ({ startMs, endMs } = options.window);
  const span = endMs - startMs;
  const endOf = (extent: Extent) =>
    extent.end ?? (extent.live ? Math.min(now, fullEnd) : (extent.begin as number));
  const busy = extents.map((extent): [number, number] => [
    extent.begin as number,
    Math.max(
      endOf(extent),
      ...extent.subs.flatMap((sub) => (sub.end === undefined ? [] : [sub.end])),
    ),
  ]);
  const cutIdle = !windowed && options.cutIdle === true;
  let { segments, breaks } = segmentsFor(startMs, endMs, busy, cutIdle);
  // Cut, a live axis's room ahead follows the busy stretch now running, not the whole board:
  // sized from the first job, it left jobs begun a minute ago in a tenth of the width, with
  // half an hour of empty future after them.
  const running = segments.at(-1) as Segment;
  if (breaks.length > 0 && live) {
    const busyEnd = Math.max(...busy.map(([, end]) => end));
    const roomEnd = running.t0 + liveAxisSpan(busyEnd - running.t0);
    if (roomEnd < endMs) {
      endMs = roomEnd;
      fullEnd = roomEnd;
      ({ segments, breaks } = segmentsFor(startMs, endMs, busy, cutIdle));
    }
  }
  const pct = (value: number) => pctOn(segments, value);
  const place = (begin: number, end: number): AxisSpan => {
    if (!windowed)
      return { left: pct(begin), width: Math.max(MIN_WIDTH_PCT, pct(end) - pct(begin)) };
    // Zoomed: what falls outside the window is cut at its edge.
    const left = Math.min(100, Math.max(0, pct(begin)));
    const right = Math.min(100, Math.max(0, pct(end)));
    return { left, width: right > left ? Math.max(MIN_WIDTH_PCT, right - left) : 0 };
  };

  const bars = new Map<string, AxisBar>();
  for (const extent of extents) {
    const begin = extent.begin as number;
    const end = endOf(extent);
    const subs = extent.subs.flatMap((sub) => {
      if (sub.begin === undefined) return [];
      const subEnd =
        sub.end ?? (isFinal(sub.status) ? sub.begin : Math.max(sub.begin, Math.min(now, fullEnd)));
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
  // With cuts, a tick where each busy stretch begins: the time there is not the eye's guess.
  const shown = breaks.length > 0 ? fullEnd - startMs : span;
  const label = (at: number, first: boolean) => {
    const { text, zone: name } = formatDateTime(at, zone);
    return first ? `${text} ${name}` : shown < 20 * H ? text.slice(11) : text.slice(5, 16);
  };
  const ticks =
    breaks.length > 0
      ? [
          ...segments
            .filter((_, index) => index % 2 === 0)
            .map((segment, index) => ({ pct: segment.p0, label: label(segment.t0, index === 0) })),
          { pct: 100, label: label(endMs, false) },
        ]
      : [0, 0.25, 0.5, 0.75, 1].map((fraction, index) => ({
          pct: fraction * 100,
          label: label(startMs + span * fraction, index === 0),
        }));
  const nowInView = live && (!windowed || (now >= startMs && now <= endMs));
  return {
    startMs,
    endMs,
    bars,
    nowPct: nowInView ? pct(Math.min(now, endMs)) : undefined,
    ticks,
    breaks,
  };
}
