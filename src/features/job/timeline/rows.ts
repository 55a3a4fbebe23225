import { type ParsedTime } from '../../../../common/api-time';
import { isFinal, type StatusKind } from '../../../../common/job-status';
import { explainCode } from '../../../job/error-codes';
import type { Job, SubJob } from '../../../job/job-schema';
import { jobTypeLabel } from '../../../job/job-types';
import { statusText as statusTextOf } from '../../../job/status';
import { formatDateTime, formatDuration, type ZoneChoice } from '../../../job/time';
import { domIdOf } from './dom-id';

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
  /** The duration in words; empty while it ticks (`elapsedFrom`). */
  durationText: string;
  durationKind: 'finished' | 'elapsed' | 'negative' | 'unknown';
  /**
   * While the job is live, a running row's duration is the time since this moment (ms) on the
   * page's one clock, put into words by a small ticking element (`Elapsed`, `tickingWords`):
   * the row itself stays the same object as time passes, so a tick re-renders no row.
   */
  elapsedFrom: number | undefined;
  /** "queued 12 s": from the job's start to this sub-job's start. */
  queuedText: string | undefined;
  /**
   * Begin, end, duration and wait on one line, as the row shows them; while the duration
   * ticks, begin and end only (`tickingWords` adds the rest).
   */
  timesText: string;
  /** What is wrong with this row's times, in words. */
  problem: string | undefined;
  /** The bar in words, for screen readers; while the duration ticks, without it. */
  barLabel: string;
  errorCode: string | undefined;
  errorMeaning: string | undefined;
  failReason: string | undefined;
}

/** A job or sub-job with its status and times read. */
export interface Item {
  source: Job | SubJob;
  isJob: boolean;
  sourceIndex: number;
  kind: StatusKind;
  begin: ParsedTime;
  end: ParsedTime;
}

export const round = (value: number) => Math.round(value * 1000) / 1000;

/** A time as the row shows it: clock time, with the date when it is not the job's start date. */
export function timeText(
  ms: number,
  zone: ZoneChoice,
  withDate: boolean,
  refDate: string | undefined,
) {
  const { text, zone: label } = formatDateTime(ms, zone);
  const date = text.slice(0, 10);
  const shown = withDate || date !== refDate ? text : text.slice(11);
  return `${shown} ${label}`;
}

function offsetWords(ms: number): string {
  return ms < 0
    ? `${formatDuration(-ms)} before the job's start`
    : `+${formatDuration(ms)} after the job's start`;
}

export { domIdOf } from './dom-id';

export interface RowContext {
  key: string;
  linkId: string | undefined;
  idNote: TimelineRow['idNote'];
  jobLive: boolean;
  jobBegin: ParsedTime;
  /** Where a running bar ends once the job is over (while it is live, CSS ends it at now). */
  openEnd: number;
  zone: ZoneChoice;
  refDate: string | undefined;
  pct: (ms: number) => number;
}

/** Where the bar lies and how long the item ran, before any of it is put into words. */
interface Bar {
  state: RowState;
  barKind: TimelineRow['barKind'];
  from: number;
  to: number;
  open: boolean;
  problem: string | undefined;
  durationKind: TimelineRow['durationKind'];
  durationMs: number;
}

const noBar = {
  barKind: 'none',
  from: 0,
  to: 0,
  open: false,
  problem: undefined,
  durationKind: 'unknown',
  durationMs: 0,
} as const;

/** Both times known: a span, a mark when they are equal, or a flagged span when reversed. */
function finishedBar(beginMs: number, endMs: number): Bar {
  const durationMs = endMs - beginMs;
  if (durationMs > 0) {
    return {
      ...noBar,
      state: 'finished',
      barKind: 'span',
      from: beginMs,
      to: endMs,
      durationKind: 'finished',
      durationMs,
    };
  }
  if (durationMs === 0) {
    return {
      ...noBar,
      state: 'instant',
      barKind: 'mark',
      from: beginMs,
      to: beginMs,
      durationKind: 'finished',
      durationMs,
    };
  }
  return {
    ...noBar,
    state: 'reversed',
    barKind: 'span',
    from: endMs,
    to: beginMs,
    durationKind: 'negative',
    durationMs,
    problem: `The end time is ${formatDuration(-durationMs)} before the begin time.`,
  };
}

/**
 * Begun and not ended. While the job is live the bar ends at the now line, which CSS draws
 * (`--tl-now`), and the duration ticks (`elapsedFrom`): nothing here depends on the clock.
 * Once the job is over, the bar and the duration end at the open end.
 */
function runningBar(beginMs: number, isJob: boolean, context: RowContext): Bar {
  const to = context.jobLive ? beginMs : Math.max(beginMs, context.openEnd);
  return {
    ...noBar,
    state: 'running',
    barKind: 'span',
    from: beginMs,
    to,
    open: true,
    durationKind: 'elapsed',
    durationMs: to - beginMs,
    problem:
      !context.jobLive && !isJob
        ? 'The job has ended but this sub-job still reports no end.'
        : undefined,
  };
}

/** A malformed time, or one missing that the status says must exist: a mark where it can be. */
function timeProblemBar(begin: ParsedTime, end: ParsedTime, itemLive: boolean, noun: string): Bar {
  const problems: string[] = [];
  if (begin.kind === 'invalid') problems.push('the begin time is malformed');
  if (begin.kind === 'missing') problems.push('the begin time is missing');
  if (end.kind === 'invalid') problems.push('the end time is malformed');
  if (end.kind === 'missing' && !itemLive)
    problems.push(`the end time is missing though the ${noun} is over`);
  const sentence = problems.join(', and ');
  const problem = `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
  const point = begin.kind === 'ok' ? begin.ms : end.kind === 'ok' ? end.ms : undefined;
  return point === undefined
    ? { ...noBar, state: 'time-problem', problem }
    : { ...noBar, state: 'time-problem', barKind: 'mark', from: point, to: point, problem };
}

function barOf(item: Item, context: RowContext): Bar {
  const { begin, end, kind, isJob } = item;
  const itemLive = !isFinal(kind);
  if (begin.kind === 'ok' && end.kind === 'ok') return finishedBar(begin.ms, end.ms);
  if (begin.kind === 'ok' && end.kind === 'missing' && itemLive) {
    return runningBar(begin.ms, isJob, context);
  }
  if (begin.kind === 'missing' && end.kind === 'missing' && itemLive) {
    return { ...noBar, state: 'waiting' };
  }
  return timeProblemBar(begin, end, itemLive, isJob ? 'job' : 'sub-job');
}

/** A sub-job's wait since the job's start (or how early it began), and where to draw it. */
function queueOf(item: Item, context: RowContext, state: RowState) {
  const { begin } = item;
  if (item.isJob || begin.kind !== 'ok' || context.jobBegin.kind !== 'ok') {
    return { queuedText: undefined, queueLeft: null, offsetMs: undefined };
  }
  const offsetMs = begin.ms - context.jobBegin.ms;
  if (offsetMs > 0) {
    return {
      queuedText: `queued ${formatDuration(offsetMs)}`,
      // The wait is drawn up to the bar's left end, which is the begin except when reversed.
      queueLeft: state !== 'reversed' ? context.pct(context.jobBegin.ms) : null,
      offsetMs,
    };
  }
  return {
    queuedText: offsetMs < 0 ? `began ${formatDuration(-offsetMs)} before the job` : undefined,
    queueLeft: null,
    offsetMs,
  };
}

function durationWords(kind: TimelineRow['durationKind'], ms: number): string {
  if (kind === 'finished') return formatDuration(ms);
  if (kind === 'elapsed') return `${formatDuration(ms)} so far`;
  if (kind === 'negative') return `${formatDuration(ms)} (end before begin)`;
  return '—';
}

interface RowWords {
  beginShown: string;
  endShown: string;
  durationText: string;
  queuedText: string | undefined;
  offsetMs: number | undefined;
}

/** The bar in words, for screen readers. */
function barLabelOf(item: Item, bar: Bar, words: RowWords): string {
  const { state, problem } = bar;
  if (state === 'waiting') return 'not started';
  const parts: string[] = [];
  if (item.begin.kind === 'ok') parts.push(`began ${words.beginShown}`);
  if (words.offsetMs !== undefined) parts.push(offsetWords(words.offsetMs));
  if (state === 'finished' || state === 'instant') parts.push(`ran ${words.durationText}`);
  if (state === 'running' && words.durationText !== '')
    parts.push(`running for ${words.durationText}`);
  if (state === 'reversed') parts.push(`ended ${words.endShown}, before it began`);
  if (problem && state !== 'reversed') parts.push(problem.replace(/\.$/, '').toLowerCase());
  return parts.join(', ');
}

/** Parts of the times line: each keeps together when the line wraps (no-break spaces inside). */
function timesLine(parts: readonly string[]): string {
  return parts
    .map((part) => (part.length <= 40 ? part.replaceAll(' ', '\u00a0') : part))
    .join(' · ');
}

/** Begin, end, duration and wait on one line; begin and end only while the duration ticks. */
function timesTextOf(item: Item, words: RowWords): string {
  const lead = [
    `Begin ${words.beginShown}${item.begin.kind === 'invalid' ? ' (unrecognised format)' : ''}`,
    `End ${words.endShown}${item.end.kind === 'invalid' ? ' (unrecognised format)' : ''}`,
  ];
  if (words.durationText === '') return timesLine(lead);
  return timesLine([
    ...lead,
    `Took ${words.durationText}`,
    ...(words.queuedText ? [words.queuedText] : []),
  ]);
}

/**
 * What a ticking row (`elapsedFrom` set) says `elapsedMs` after it began: its duration, its
 * times line and its bar in words, as `buildRow` words a row that does not tick.
 */
export function tickingWords(
  row: Pick<TimelineRow, 'timesText' | 'queuedText' | 'barLabel'>,
  elapsedMs: number,
): Pick<TimelineRow, 'durationText' | 'timesText' | 'barLabel'> {
  const durationText = durationWords('elapsed', elapsedMs);
  return {
    durationText,
    timesText: `${row.timesText} · ${timesLine([
      `Took ${durationText}`,
      ...(row.queuedText ? [row.queuedText] : []),
    ])}`,
    barLabel: `${row.barLabel}, running for ${durationText}`,
  };
}

/** A time as the row shows it, or what stands in for it when it is not known. */
function shownTime(
  time: ParsedTime,
  missing: string,
  isJob: boolean,
  { zone, refDate }: RowContext,
): string {
  if (time.kind === 'ok') return timeText(time.ms, zone, isJob, refDate);
  return time.kind === 'invalid' ? time.raw : missing;
}

function nonBlank(value: string | undefined): string | undefined {
  return value?.trim() ? value : undefined;
}

/** One row, all of it text and percentages: what the row component draws. */
export function buildRow(item: Item, context: RowContext): TimelineRow {
  const { begin, end, kind, isJob, source } = item;
  const bar = barOf(item, context);
  const { state, barKind } = bar;
  const barLeft = barKind === 'none' ? 0 : context.pct(bar.from);
  const barWidth = barKind === 'span' ? round(Math.max(0, context.pct(bar.to) - barLeft)) : 0;
  const { queuedText, queueLeft, offsetMs } = queueOf(item, context, state);
  const ticking = state === 'running' && context.jobLive && begin.kind === 'ok';
  const words: RowWords = {
    beginShown: shownTime(begin, state === 'waiting' ? 'not started' : 'not given', isJob, context),
    endShown: shownTime(
      end,
      state === 'running' ? 'not ended' : state === 'waiting' ? '—' : 'not given',
      isJob,
      context,
    ),
    durationText: ticking ? '' : durationWords(bar.durationKind, bar.durationMs),
    queuedText,
    offsetMs,
  };
  const errorCode = nonBlank(source.error_code);
  return {
    key: context.key,
    domId: domIdOf(item),
    isJob,
    sourceIndex: item.sourceIndex,
    id: source.job_id,
    linkId: context.linkId,
    idNote: context.idNote,
    status: source.status,
    statusKind: kind,
    // "Failed (FAIL)": a status in another form than the documented word is shown as it came.
    statusText: statusTextOf(source.status),
    jobType: source.job_type,
    jobTypeLabel: jobTypeLabel(source.job_type),
    state,
    barKind,
    barLeft,
    barWidth: Math.min(barWidth, round(100 - barLeft)),
    open: bar.open,
    queueLeft,
    beginText: words.beginShown,
    beginKind: begin.kind,
    endText: words.endShown,
    endKind: end.kind,
    durationText: words.durationText,
    durationKind: bar.durationKind,
    elapsedFrom: ticking ? begin.ms : undefined,
    queuedText,
    timesText: timesTextOf(item, words),
    problem: bar.problem,
    barLabel: barLabelOf(item, bar, words),
    errorCode,
    errorMeaning: explainCode(errorCode),
    failReason: nonBlank(source.fail_reason),
  };
}
