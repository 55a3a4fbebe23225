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

/**
 * While a job is live the axis runs to one of these spans past its start, so the picture
 * rescales only now and then as the job grows, not on every tick of the clock.
 */
const LIVE_SPANS = [
  10 * S,
  20 * S,
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
  3 * D,
  7 * D,
  14 * D,
  30 * D,
] as const;

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
  if (input.live) {
    const wanted = endOffset * 1.1;
    endOffset = LIVE_SPANS.find((span) => span >= wanted) ?? endOffset;
  }
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
