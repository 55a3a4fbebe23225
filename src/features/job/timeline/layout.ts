import { explainCode } from '../../../lib/error-codes';
import type { Job, SubJob } from '../../../lib/job-schema';
import { isFinal, STATUS_LABEL, statusKind, type StatusKind } from '../../../lib/status';
import {
  formatDateTime,
  formatDuration,
  parseApiTime,
  type ParsedTime,
  type ZoneChoice,
} from '../../../lib/time';
import { jobTypeLabel } from '../job-types';
import { axisFor, type Axis } from './axis';

/**
 * How a row is drawn.
 * - `finished`: begin and end known, end after begin.
 * - `instant`: begin == end; drawn as a minimum-width mark.
 * - `running`: begun, no end yet, still live; the bar grows to "now".
 * - `waiting`: not begun; a placeholder that says "not started".
 * - `reversed`: end before begin; drawn from end to begin and flagged.
 * - `time-problem`: a time is malformed, or missing where the status says it must exist.
 */
export type RowState = 'finished' | 'instant' | 'running' | 'waiting' | 'reversed' | 'time-problem';

export type TimeKind = ParsedTime['kind'];

/**
 * One row, flat and made of primitives only, so a memoised row component can compare its
 * props shallowly: a refetch that changes nothing yields equal rows and re-renders none.
 */
export interface TimelineRow {
  /** Stable React key: the sub-job ID (with `#2`, `#3` for repeats) or its index when it has none. */
  key: string;
  /** DOM id of the row element. */
  domId: string;
  isJob: boolean;
  /** Index in `sub_jobs`; −1 for the job itself. */
  sourceIndex: number;
  /** The ID as received, for display. */
  id: string | undefined;
  /** The ID a `?sub=` link can name: non-empty and the first row carrying it. */
  linkId: string | undefined;
  /** Why the row cannot be linked, or that its ID repeats an earlier row's. */
  idNote: 'missing' | 'empty' | 'duplicate' | undefined;
  status: string | undefined;
  statusKind: StatusKind;
  /** The status in a word; an unrecognised value as it came. */
  statusText: string;
  jobType: string | undefined;
  /** Readable label of a documented `job_type`. */
  jobTypeLabel: string | undefined;
  state: RowState;
  /** `span`: a bar from `barLeft` over `barWidth`; `mark`: a point at `barLeft`; `none`. */
  barKind: 'span' | 'mark' | 'none';
  /** Percent of the axis, in [0, 100]. */
  barLeft: number;
  /** Percent of the axis, ≥ 0, and `barLeft + barWidth` ≤ 100. */
  barWidth: number;
  /** The bar's end is "now": it grows between polls. */
  open: boolean;
  /** Where the wait since the job's start begins (percent), when there is a wait to draw. */
  queueLeft: number | null;
  beginText: string;
  beginKind: TimeKind;
  endText: string;
  endKind: TimeKind;
  durationText: string;
  durationKind: 'finished' | 'elapsed' | 'negative' | 'unknown';
  /** "queued 12 s": from the job's start to this sub-job's start. */
  queuedText: string | undefined;
  /** Begin, end, duration and wait on one line, as the row shows them. */
  timesText: string;
  /** What is wrong with this row's times, in words. */
  problem: string | undefined;
  /** The bar in words, for screen readers. */
  barLabel: string;
  errorCode: string | undefined;
  errorMeaning: string | undefined;
  failReason: string | undefined;
}

export interface TimelineLayout {
  /** The job's own row first, then sub-jobs in start order, then those not started. */
  rows: TimelineRow[];
  axis: Axis | null;
  /** The job's start (or the earliest time known), date, time and zone: the axis's origin. */
  startText: string | undefined;
  /** Where "now" is on the axis while the job is live, else null. */
  nowPct: number | null;
  live: boolean;
  subJobCount: number;
  counts: Record<StatusKind, number>;
  failedCount: number;
  /** The first failed sub-job in display order. */
  firstFailed: { key: string; domId: string; linkId: string | undefined } | undefined;
}

/**
 * The layout without its rows built: what the page needs at once (axis, counts, order), and
 * each row on demand, so a thousand-row job costs little until its rows are drawn.
 */
export interface TimelinePlan extends Omit<TimelineLayout, 'rows' | 'firstFailed'> {
  rowCount: number;
  /** Row `index` in display order; built on first use, and kept for unchanged sub-jobs. */
  rowAt: (index: number) => TimelineRow;
  /** Display index of the row a `?sub=` link names, or −1. */
  indexOfLink: (linkId: string) => number;
  firstFailed: { index: number; key: string; domId: string; linkId: string | undefined } | undefined;
}

export interface LayoutOptions {
  /** At most this many axis ticks (default 8). */
  maxTicks?: number;
  /**
   * The "now" that running sub-jobs' times are given at (default: `now`). A page showing a
   * large live job passes a coarser clock here, so that its many running rows re-render every
   * few seconds while the job's own row and the now line follow every second.
   */
  subJobNow?: number;
}

interface Item {
  source: Job | SubJob;
  isJob: boolean;
  sourceIndex: number;
  kind: StatusKind;
  begin: ParsedTime;
  end: ParsedTime;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/*
 * Memo tables keyed by the job's and sub-jobs' own objects. React-query's structural sharing
 * hands back the same object for a sub-job that did not change, so a refetch in which one
 * sub-job changed (or a tick of the clock) rebuilds only the rows that did: the rest keep
 * their row objects, which also lets the row components skip at once. The API data is never
 * mutated, so a table can only ever return what a fresh computation would.
 */
const itemCache = new WeakMap<Job | SubJob, Omit<Item, 'sourceIndex' | 'isJob'>>();
const rowCache = new WeakMap<Job | SubJob, { context: string; row: TimelineRow }>();

function itemOf(source: Job | SubJob, isJob: boolean, sourceIndex: number): Item {
  let parsed = itemCache.get(source);
  if (!parsed) {
    parsed = {
      source,
      kind: statusKind(source.status),
      begin: parseApiTime(source.begin_time),
      end: parseApiTime(source.end_time),
    };
    itemCache.set(source, parsed);
  }
  return { ...parsed, isJob, sourceIndex };
}

function clampPct(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return round(Math.min(100, Math.max(0, value)));
}

function subJobKeys(subJobs: readonly SubJob[]) {
  const seen = new Map<string, number>();
  return subJobs.map((sub, index) => {
    const id = sub.job_id;
    if (id === undefined || id.trim() === '') {
      return { key: `index:${index}`, linkId: undefined, idNote: id === undefined ? ('missing' as const) : ('empty' as const) };
    }
    const count = (seen.get(id) ?? 0) + 1;
    seen.set(id, count);
    return count === 1
      ? { key: `id:${id}`, linkId: id, idNote: undefined }
      : { key: `id:${id}#${count}`, linkId: undefined, idNote: 'duplicate' as const };
  });
}

/** A time as the row shows it: clock time, with the date when it is not the job's start date. */
function timeText(ms: number, zone: ZoneChoice, withDate: boolean, refDate: string | undefined) {
  const { text, zone: label } = formatDateTime(ms, zone);
  const date = text.slice(0, 10);
  const shown = withDate || date !== refDate ? text : text.slice(11);
  return `${shown} ${label}`;
}

function offsetWords(ms: number): string {
  return ms < 0 ? `${formatDuration(-ms)} before the job's start` : `+${formatDuration(ms)} after the job's start`;
}

/**
 * Lays a job and its sub-jobs out on one time axis. Pure: the same job, `now`, zone and
 * options give the same layout. Positions are percentages of the axis, so the picture
 * does not depend on the width it is drawn at.
 */
export function layoutTimeline(
  job: Job,
  now: number,
  zone: ZoneChoice,
  options: LayoutOptions = {},
): TimelineLayout {
  const { rowAt, rowCount, indexOfLink: _indexOfLink, firstFailed, ...rest } = planTimeline(job, now, zone, options);
  return {
    ...rest,
    rows: Array.from({ length: rowCount }, (_, index) => rowAt(index)),
    firstFailed: firstFailed && { key: firstFailed.key, domId: firstFailed.domId, linkId: firstFailed.linkId },
  };
}

/**
 * Whether the job is still going, for the picture: not succeeded or failed, and no end time.
 * An unrecognised status with an end time has ended, whatever the word says (the page still
 * polls it; the timeline just stops drawing it to "now").
 */
export function isLiveJob(job: Job): boolean {
  return !isFinal(statusKind(job.status)) && parseApiTime(job.end_time).kind !== 'ok';
}

/** `layoutTimeline` with rows built on demand; see `TimelinePlan`. */
export function planTimeline(
  job: Job,
  now: number,
  zone: ZoneChoice,
  options: LayoutOptions = {},
): TimelinePlan {
  const subJobs = job.sub_jobs ?? [];
  const jobItem = itemOf(job, true, -1);
  const subItems = subJobs.map((sub, index) => itemOf(sub, false, index));
  const live = isLiveJob(job);

  const known: number[] = [];
  for (const item of [jobItem, ...subItems]) {
    if (item.begin.kind === 'ok') known.push(item.begin.ms);
    if (item.end.kind === 'ok') known.push(item.end.ms);
  }
  const latestKnown = known.length > 0 ? Math.max(...known) : undefined;
  // Open bars run to now while the job is live; once the job is over, to its end at most.
  const openEnd = live
    ? now
    : jobItem.end.kind === 'ok'
      ? jobItem.end.ms
      : (latestKnown ?? now);
  const anyOpen = [jobItem, ...subItems].some(
    (item) => item.begin.kind === 'ok' && item.end.kind === 'missing' && !isFinal(item.kind),
  );
  if (known.length > 0 && (live || anyOpen)) known.push(openEnd);

  const jobStart =
    jobItem.begin.kind === 'ok' ? jobItem.begin.ms : known.length > 0 ? Math.min(...known) : undefined;
  const axis =
    jobStart === undefined
      ? null
      : axisFor({
          jobStart,
          first: Math.min(...known),
          last: Math.max(...known),
          live,
          zone,
          maxTicks: options.maxTicks ?? 8,
        });
  const pct = (ms: number) =>
    axis ? clampPct(((ms - axis.startMs) / (axis.endMs - axis.startMs)) * 100) : 0;
  const refDate =
    jobStart === undefined ? undefined : formatDateTime(jobStart, zone).text.slice(0, 10);

  const keys = subJobKeys(subJobs);
  const started = subItems
    .filter((item) => item.begin.kind === 'ok')
    .sort((a, b) => {
      const am = a.begin.kind === 'ok' ? a.begin.ms : 0;
      const bm = b.begin.kind === 'ok' ? b.begin.ms : 0;
      return am - bm || a.sourceIndex - b.sourceIndex;
    });
  const notStarted = subItems.filter((item) => item.begin.kind !== 'ok');

  const jobBeginKey = jobItem.begin.kind === 'ok' ? jobItem.begin.ms : jobItem.begin.kind;
  const axisKey = axis ? `${axis.startMs}-${axis.endMs}` : 'none';
  // Sub-jobs' open bars end at the coarser clock, never past the job's own open end.
  const subOpenEnd = live ? Math.min(openEnd, options.subJobNow ?? openEnd) : openEnd;
  const rowOf = (item: Item): TimelineRow => {
    const itemOpenEnd = item.isJob ? openEnd : subOpenEnd;
    const ids = item.isJob
      ? { key: 'job', linkId: undefined, idNote: undefined }
      : (keys[item.sourceIndex] ?? { key: `index:${item.sourceIndex}`, linkId: undefined, idNote: undefined });
    const mayBeOpen = item.begin.kind === 'ok' && item.end.kind === 'missing' && !isFinal(item.kind);
    // Everything besides the item itself that its row depends on.
    const context = [
      ids.key, ids.linkId, ids.idNote, item.sourceIndex, live, jobBeginKey, mayBeOpen ? itemOpenEnd : '',
      zone, refDate, axisKey,
    ].join('|');
    const cached = rowCache.get(item.source);
    if (cached && cached.context === context) return cached.row;
    const row = buildRow(item, { ...ids, jobLive: live, jobBegin: jobItem.begin, openEnd: itemOpenEnd, zone, refDate, pct });
    rowCache.set(item.source, { context, row });
    return row;
  };
  const order = [jobItem, ...started, ...notStarted];
  const built: (TimelineRow | undefined)[] = [];
  const rowAt = (index: number): TimelineRow => {
    const item = order[index];
    if (!item) throw new RangeError(`no timeline row ${index}`);
    return (built[index] ??= rowOf(item));
  };
  let linkIndex: Map<string, number> | undefined;
  const indexOfLink = (linkId: string): number => {
    linkIndex ??= new Map(
      order.flatMap((item, index) => {
        const id = item.isJob ? undefined : keys[item.sourceIndex]?.linkId;
        return id === undefined ? [] : [[id, index] as const];
      }),
    );
    return linkIndex.get(linkId) ?? -1;
  };

  const counts: Record<StatusKind, number> = { success: 0, failed: 0, running: 0, waiting: 0, unknown: 0 };
  for (const item of subItems) counts[item.kind] += 1;
  const failedIndex = order.findIndex((item) => !item.isJob && item.kind === 'failed');
  const failedItem = order[failedIndex];
  const failedIds = failedItem ? keys[failedItem.sourceIndex] : undefined;

  return {
    rowCount: order.length,
    rowAt,
    indexOfLink,
    axis,
    startText: jobStart === undefined ? undefined : timeText(jobStart, zone, true, undefined),
    nowPct: live && axis ? pct(now) : null,
    live,
    subJobCount: subJobs.length,
    counts,
    failedCount: counts.failed,
    firstFailed:
      failedItem && failedIds
        ? { index: failedIndex, key: failedIds.key, domId: domIdOf(failedItem), linkId: failedIds.linkId }
        : undefined,
  };
}

function domIdOf(item: { isJob: boolean; sourceIndex: number }): string {
  return item.isJob ? 'timeline-row-job' : `timeline-row-${item.sourceIndex}`;
}

interface RowContext {
  key: string;
  linkId: string | undefined;
  idNote: TimelineRow['idNote'];
  jobLive: boolean;
  jobBegin: ParsedTime;
  openEnd: number;
  zone: ZoneChoice;
  refDate: string | undefined;
  pct: (ms: number) => number;
}

function buildRow(item: Item, context: RowContext): TimelineRow {
  const { begin, end, kind, isJob } = item;
  const { zone, refDate, pct } = context;
  const itemLive = !isFinal(kind);
  const noun = isJob ? 'job' : 'sub-job';

  const shown = (time: ParsedTime, missing: string) =>
    time.kind === 'ok'
      ? timeText(time.ms, zone, isJob, refDate)
      : time.kind === 'invalid'
        ? time.raw
        : missing;

  let state: RowState;
  let barKind: TimelineRow['barKind'] = 'none';
  let from = 0;
  let to = 0;
  let open = false;
  let problem: string | undefined;
  let durationKind: TimelineRow['durationKind'] = 'unknown';
  let durationMs = 0;

  if (begin.kind === 'ok' && end.kind === 'ok') {
    durationMs = end.ms - begin.ms;
    barKind = 'span';
    if (durationMs > 0) {
      state = 'finished';
      durationKind = 'finished';
      [from, to] = [begin.ms, end.ms];
    } else if (durationMs === 0) {
      state = 'instant';
      durationKind = 'finished';
      barKind = 'mark';
      [from, to] = [begin.ms, begin.ms];
    } else {
      state = 'reversed';
      durationKind = 'negative';
      [from, to] = [end.ms, begin.ms];
      problem = `The end time is ${formatDuration(-durationMs)} before the begin time.`;
    }
  } else if (begin.kind === 'ok' && end.kind === 'missing' && itemLive) {
    state = 'running';
    durationKind = 'elapsed';
    open = true;
    barKind = 'span';
    to = Math.max(begin.ms, context.openEnd);
    from = begin.ms;
    durationMs = to - from;
    if (!context.jobLive && !isJob) {
      problem = 'The job has ended but this sub-job still reports no end.';
    }
  } else if (begin.kind === 'missing' && end.kind === 'missing' && itemLive) {
    state = 'waiting';
  } else {
    state = 'time-problem';
    const problems: string[] = [];
    if (begin.kind === 'invalid') problems.push('the begin time is malformed');
    if (begin.kind === 'missing') problems.push('the begin time is missing');
    if (end.kind === 'invalid') problems.push('the end time is malformed');
    if (end.kind === 'missing' && !itemLive) problems.push(`the end time is missing though the ${noun} is over`);
    const sentence = problems.join(', and ');
    problem = `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
    const point = begin.kind === 'ok' ? begin.ms : end.kind === 'ok' ? end.ms : undefined;
    if (point !== undefined) {
      barKind = 'mark';
      [from, to] = [point, point];
    }
  }

  const barLeft = barKind === 'none' ? 0 : pct(from);
  const barWidth = barKind === 'span' ? round(Math.max(0, pct(to) - barLeft)) : 0;

  let queuedText: string | undefined;
  let queueLeft: number | null = null;
  let offsetMs: number | undefined;
  if (!isJob && begin.kind === 'ok' && context.jobBegin.kind === 'ok') {
    offsetMs = begin.ms - context.jobBegin.ms;
    if (offsetMs > 0) {
      queuedText = `queued ${formatDuration(offsetMs)}`;
      // The wait is drawn up to the bar's left end, which is the begin except when reversed.
      if (state !== 'reversed') queueLeft = pct(context.jobBegin.ms);
    } else if (offsetMs < 0) {
      queuedText = `began ${formatDuration(-offsetMs)} before the job`;
    }
  }

  const beginShown = shown(begin, state === 'waiting' ? 'not started' : 'not given');
  const endShown = shown(end, state === 'running' ? 'not ended' : state === 'waiting' ? '—' : 'not given');
  const durationText =
    durationKind === 'finished'
      ? formatDuration(durationMs)
      : durationKind === 'elapsed'
        ? `${formatDuration(durationMs)} so far`
        : durationKind === 'negative'
          ? `${formatDuration(durationMs)} (end before begin)`
          : '—';

  const labelParts: string[] = [];
  if (state === 'waiting') {
    labelParts.push('not started');
  } else {
    if (begin.kind === 'ok') labelParts.push(`began ${beginShown}`);
    if (offsetMs !== undefined) labelParts.push(offsetWords(offsetMs));
    if (state === 'finished' || state === 'instant') labelParts.push(`ran ${durationText}`);
    if (state === 'running') labelParts.push(`running for ${durationText}`);
    if (state === 'reversed') labelParts.push(`ended ${endShown}, before it began`);
    if (problem && state !== 'reversed') labelParts.push(problem.replace(/\.$/, '').toLowerCase());
  }

  const status = item.source.status;
  const statusText =
    kind !== 'unknown' ? STATUS_LABEL[kind] : status === undefined ? 'No status' : status === '' ? 'Empty status' : status;
  // Each part keeps together when the line wraps (no-break spaces inside, breaks between).
  const timesText = [
    `Begin ${beginShown}${begin.kind === 'invalid' ? ' (unrecognised format)' : ''}`,
    `End ${endShown}${end.kind === 'invalid' ? ' (unrecognised format)' : ''}`,
    `Took ${durationText}`,
    ...(queuedText ? [queuedText] : []),
  ]
    .map((part) => (part.length <= 40 ? part.replaceAll(' ', '\u00a0') : part))
    .join(' · ');

  const errorCode = item.source.error_code?.trim() ? item.source.error_code : undefined;
  const failReason = item.source.fail_reason?.trim() ? item.source.fail_reason : undefined;

  return {
    key: context.key,
    domId: domIdOf(item),
    isJob,
    sourceIndex: item.sourceIndex,
    id: item.source.job_id,
    linkId: context.linkId,
    idNote: context.idNote,
    status,
    statusKind: kind,
    statusText,
    jobType: item.source.job_type,
    jobTypeLabel: jobTypeLabel(item.source.job_type),
    state,
    barKind,
    barLeft,
    barWidth: Math.min(barWidth, round(100 - barLeft)),
    open,
    queueLeft,
    beginText: beginShown,
    beginKind: begin.kind,
    endText: endShown,
    endKind: end.kind,
    durationText,
    durationKind,
    queuedText,
    timesText,
    problem,
    barLabel: labelParts.join(', '),
    errorCode,
    errorMeaning: explainCode(errorCode),
    failReason,
  };
}
