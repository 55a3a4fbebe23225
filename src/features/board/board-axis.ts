import type { Job } from '../../job/job-schema';
import { isFinal, statusKind, type StatusKind } from '../../job/status';
import { formatDateTime, parseApiTime, type ZoneChoice } from '../../job/time';

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

const S = 1_000;
const MIN = 60 * S;
const H = 60 * MIN;
/** A live axis grows in these steps, so it rescales now and then rather than every second. */
const LIVE_SPANS = [30 * S, MIN, 2 * MIN, 5 * MIN, 10 * MIN, 30 * MIN, H, 2 * H, 6 * H, 12 * H, 24 * H, 48 * H, 7 * 24 * H];
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
  const subs = (job.sub_jobs ?? []).map((sub) => ({ status: statusKind(sub.status), begin: ms(sub.begin_time), end: ms(sub.end_time) }));
  const subBegins = subs.flatMap((sub) => (sub.begin === undefined ? [] : [sub.begin]));
  const subEnds = subs.flatMap((sub) => (sub.end === undefined ? [] : [sub.end]));
  const begin = ms(job.begin_time) ?? (subBegins.length ? Math.min(...subBegins) : undefined);
  const end = ms(job.end_time) ?? (subEnds.length && isFinal(status) ? Math.max(...subEnds) : undefined);
  return { key, status, live: !isFinal(status), begin, end, subs };
}

/**
 * One time axis for the whole incident: from the earliest begin to the latest end (or now,
 * while a job runs), a bar per job that has begun, its sub-jobs within it. Pure.
 */
export function boardAxis(jobs: readonly { key: string; job: Job }[], now: number, zone: ZoneChoice): BoardAxis | undefined {
  const extents = jobs.map(({ key, job }) => extentOf(key, job)).filter((extent) => extent.begin !== undefined);
  if (extents.length === 0) return undefined;
  const live = extents.some((extent) => extent.live && extent.end === undefined);
  const starts = extents.map((extent) => extent.begin as number);
  const ends = extents.flatMap((extent) => [extent.end ?? extent.begin as number, ...extent.subs.flatMap((sub) => (sub.end === undefined ? [] : [sub.end]))]);
  const startMs = Math.min(...starts);
  let endMs = Math.max(...ends, live ? now : Number.NEGATIVE_INFINITY);
  if (live) endMs = startMs + (LIVE_SPANS.find((span) => startMs + span >= endMs) ?? endMs - startMs);
  if (endMs <= startMs) endMs = startMs + S;
  const span = endMs - startMs;
  const pct = (value: number) => ((value - startMs) / span) * 100;
  const place = (begin: number, end: number): AxisSpan => ({ left: pct(begin), width: Math.max(MIN_WIDTH_PCT, pct(end) - pct(begin)) });

  const bars = new Map<string, AxisBar>();
  for (const extent of extents) {
    const begin = extent.begin as number;
    const end = extent.end ?? (extent.live ? Math.min(now, endMs) : begin);
    const subs = extent.subs.flatMap((sub) => {
      if (sub.begin === undefined) return [];
      const subEnd = sub.end ?? (isFinal(sub.status) ? sub.begin : Math.max(sub.begin, Math.min(now, endMs)));
      return [{ ...place(sub.begin, subEnd), status: sub.status }];
    });
    bars.set(extent.key, { key: extent.key, status: extent.status, live: extent.live, ...place(begin, end), subs });
  }
  // The first tick carries the date and zone; the others the time (or day and time, past 20 h).
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((fraction, index) => {
    const { text, zone: label } = formatDateTime(startMs + span * fraction, zone);
    return { pct: fraction * 100, label: index === 0 ? `${text} ${label}` : span < 20 * H ? text.slice(11) : text.slice(5, 16) };
  });
  return { startMs, endMs, bars, nowPct: live ? pct(Math.min(now, endMs)) : undefined, ticks };
}
