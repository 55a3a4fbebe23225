import { explainCode } from '../../../job/error-codes';
import type { Job, SubJob } from '../../../job/job-schema';
import { jobTypeLabel } from '../../../job/job-types';
import { isFinal, statusText as statusTextOf, type StatusKind } from '../../../job/status';
import {
  formatDateTime,
  formatDuration,
  type ParsedTime,
  type ZoneChoice,
} from '../../../job/time';
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
  openEnd: number;
  zone: ZoneChoice;
  refDate: string | undefined;
  pct: (ms: number) => number;
}

/** One row, all of it text and percentages: what the row component draws. */
export function buildRow(item: Item, context: RowContext): TimelineRow {
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
    if (end.kind === 'missing' && !itemLive)
      problems.push(`the end time is missing though the ${noun} is over`);
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
  const endShown = shown(
    end,
    state === 'running' ? 'not ended' : state === 'waiting' ? '—' : 'not given',
  );
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
  // "Failed (FAIL)": a status in another form than the documented word is shown as it came.
  const statusText = statusTextOf(status);
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
