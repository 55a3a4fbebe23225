import { parseApiTime } from '../../../../common/api-time';
import { isFinal, statusKind, type StatusKind } from '../../../../common/job-status';
import { axisFor, type Axis } from '../../../job/axis';
import type { Job, SubJob } from '../../../job/job-schema';
import { formatDateTime, type ZoneChoice } from '../../../job/time';
import { buildRow, domIdOf, round, timeText, type Item, type TimelineRow } from './rows';

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
  firstFailed:
    { index: number; key: string; domId: string; linkId: string | undefined } | undefined;
  /** Each row's state, in display order (index 0 is the whole job). */
  kinds: StatusKind[];
  /**
   * What a search finds row `index` by, lower-cased: its sub-job ID, error code and failure
   * reason. Read from the data, without building the row; worked out on the first search.
   */
  searchText: (index: number) => string;
  /**
   * Where each row lies on the axis, for the overview: `[left, right]` in percent per row in
   * display order (`[-1, -1]` when it has no time to place it; a running one ends at now).
   * Computed on first use, without building the rows.
   */
  spans: () => Float32Array;
}

export interface LayoutOptions {
  /** At most this many axis ticks (default 8). */
  maxTicks?: number;
  /**
   * The "now" that running sub-jobs end at in `spans` (default: `now`). A page showing a large
   * live job passes a coarser clock here, so that its overview redraws every few seconds while
   * the now line follows every second. Rows do not depend on the clock at all: a running row's
   * duration ticks by itself (`TimelineRow.elapsedFrom`).
   */
  overviewNow?: number;
}

/*
 * Memo tables keyed by the job's and sub-jobs' own objects. React-query's structural sharing
 * hands back the same object for a sub-job that did not change, so a refetch in which one
 * sub-job changed rebuilds only the rows that did, and a tick of the clock none: the rest keep
 * their row objects, which also lets the row components skip at once. The API data is never
 * mutated, so a table can only ever return what a fresh computation would.
 */
const itemCache = new WeakMap<Job | SubJob, Omit<Item, 'sourceIndex' | 'isJob'>>();
const rowCache = new WeakMap<Job | SubJob, { context: string; row: TimelineRow }>();
/** Display order's states per job object: the same array on every tick of the clock. */
const kindsCache = new WeakMap<Job, StatusKind[]>();

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

function kindsOf(job: Job, order: readonly Item[]): StatusKind[] {
  let kinds = kindsCache.get(job);
  if (!kinds) {
    kinds = order.map((item) => item.kind);
    kindsCache.set(job, kinds);
  }
  return kinds;
}

/** Display order's search texts per job object, like `kindsCache`: once per answer. */
const searchCache = new WeakMap<Job, string[]>();

function searchTextsOf(job: Job, order: readonly Item[]): string[] {
  let texts = searchCache.get(job);
  if (!texts) {
    texts = order.map((item) => {
      if (item.isJob) return '';
      const sub: SubJob = item.source;
      return [sub.job_id, sub.error_code, sub.fail_reason]
        .filter((part) => part !== undefined)
        .join('\n')
        .toLowerCase();
    });
    searchCache.set(job, texts);
  }
  return texts;
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
      return {
        key: `index:${index}`,
        linkId: undefined,
        idNote: id === undefined ? ('missing' as const) : ('empty' as const),
      };
    }
    const count = (seen.get(id) ?? 0) + 1;
    seen.set(id, count);
    return count === 1
      ? { key: `id:${id}`, linkId: id, idNote: undefined }
      : { key: `id:${id}#${count}`, linkId: undefined, idNote: 'duplicate' as const };
  });
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
  const {
    rowAt,
    rowCount,
    indexOfLink: _indexOfLink,
    firstFailed,
    kinds: _kinds,
    spans: _spans,
    searchText: _searchText,
    ...rest
  } = planTimeline(job, now, zone, options);
  return {
    ...rest,
    rows: Array.from({ length: rowCount }, (_, index) => rowAt(index)),
    firstFailed: firstFailed && {
      key: firstFailed.key,
      domId: firstFailed.domId,
      linkId: firstFailed.linkId,
    },
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

/** A row's key, the ID a `?sub=` link can name, and why it cannot. */
type SubJobIds = Pick<TimelineRow, 'key' | 'linkId' | 'idNote'>;

/** Where open bars end and how times map onto the axis: everything a row is placed by. */
interface Frame {
  axis: Axis | null;
  jobStart: number | undefined;
  live: boolean;
  /** The job's own open bar ends here, and, once the job is over, every open bar. */
  openEnd: number;
  /** Sub-jobs' open bars end here in the overview (`spans`). */
  subOpenEnd: number;
  pct: (ms: number) => number;
  /** The axis origin's date, so rows on that day show the clock time only. */
  refDate: string | undefined;
}

function anyOpen(items: readonly Item[]): boolean {
  return items.some(
    (item) => item.begin.kind === 'ok' && item.end.kind === 'missing' && !isFinal(item.kind),
  );
}

/** The earliest and latest time the answer gives, and whether a bar is open: once per answer. */
interface Known {
  first: number | undefined;
  last: number | undefined;
  anyOpen: boolean;
}

function knownOf(jobItem: Item, subItems: readonly Item[]): Known {
  let first: number | undefined;
  let last: number | undefined;
  const all = [jobItem, ...subItems];
  for (const item of all) {
    for (const time of [item.begin, item.end]) {
      if (time.kind !== 'ok') continue;
      if (first === undefined || time.ms < first) first = time.ms;
      if (last === undefined || time.ms > last) last = time.ms;
    }
  }
  return { first, last, anyOpen: anyOpen(all) };
}

function frameOf(
  jobItem: Item,
  known: Known,
  live: boolean,
  now: number,
  zone: ZoneChoice,
  options: LayoutOptions,
): Frame {
  // Open bars run to now while the job is live; once the job is over, to its end at most.
  const openEnd = live ? now : jobItem.end.kind === 'ok' ? jobItem.end.ms : (known.last ?? now);
  let { first, last } = known;
  if (first !== undefined && last !== undefined && (live || known.anyOpen)) {
    first = Math.min(first, openEnd);
    last = Math.max(last, openEnd);
  }

  const jobStart = jobItem.begin.kind === 'ok' ? jobItem.begin.ms : first;
  const axis =
    jobStart === undefined || first === undefined || last === undefined
      ? null
      : axisFor({
          jobStart,
          first,
          last,
          live,
          zone,
          maxTicks: options.maxTicks ?? 8,
        });
  return {
    axis,
    jobStart,
    live,
    openEnd,
    // In the overview, sub-jobs' open bars end at the coarser clock, never past the job's own.
    subOpenEnd: live ? Math.min(openEnd, options.overviewNow ?? openEnd) : openEnd,
    pct: (ms: number) =>
      axis ? clampPct(((ms - axis.startMs) / (axis.endMs - axis.startMs)) * 100) : 0,
    refDate: jobStart === undefined ? undefined : formatDateTime(jobStart, zone).text.slice(0, 10),
  };
}

/** The job first, then sub-jobs in start order (ties in source order), then those not started. */
function displayOrder(jobItem: Item, subItems: readonly Item[]): Item[] {
  const started = subItems
    .filter((item) => item.begin.kind === 'ok')
    .sort((a, b) => {
      const am = a.begin.kind === 'ok' ? a.begin.ms : 0;
      const bm = b.begin.kind === 'ok' ? b.begin.ms : 0;
      return am - bm || a.sourceIndex - b.sourceIndex;
    });
  const notStarted = subItems.filter((item) => item.begin.kind !== 'ok');
  return [jobItem, ...started, ...notStarted];
}

function idsOf(item: Item, keys: readonly SubJobIds[]): SubJobIds {
  if (item.isJob) return { key: 'job', linkId: undefined, idNote: undefined };
  return (
    keys[item.sourceIndex] ?? {
      key: `index:${item.sourceIndex}`,
      linkId: undefined,
      idNote: undefined,
    }
  );
}

/** Builds an item's row, or hands back the one built before if nothing it depends on changed. */
function rowMaker(
  jobItem: Item,
  keys: readonly SubJobIds[],
  frame: Frame,
  zone: ZoneChoice,
): (item: Item) => TimelineRow {
  const { live, refDate, pct } = frame;
  const jobBeginKey = jobItem.begin.kind === 'ok' ? jobItem.begin.ms : jobItem.begin.kind;
  const axisKey = frame.axis ? `${frame.axis.startMs}-${frame.axis.endMs}` : 'none';
  return (item) => {
    const ids = idsOf(item, keys);
    const mayBeOpen =
      item.begin.kind === 'ok' && item.end.kind === 'missing' && !isFinal(item.kind);
    // Everything besides the item itself that its row depends on. Not the clock: while the
    // job is live an open row's bar ends at the now line (CSS) and its duration ticks by itself.
    const context = [
      ids.key,
      ids.linkId,
      ids.idNote,
      item.sourceIndex,
      live,
      jobBeginKey,
      mayBeOpen && !live ? frame.openEnd : '',
      zone,
      refDate,
      axisKey,
    ].join('|');
    const cached = rowCache.get(item.source);
    if (cached && cached.context === context) return cached.row;
    const row = buildRow(item, {
      ...ids,
      jobLive: live,
      jobBegin: jobItem.begin,
      openEnd: frame.openEnd,
      zone,
      refDate,
      pct,
    });
    rowCache.set(item.source, { context, row });
    return row;
  };
}

/** Display index of the row a `?sub=` link names, the index built on first use. */
function linkFinder(order: readonly Item[], keys: readonly SubJobIds[]) {
  let linkIndex: Map<string, number> | undefined;
  return (linkId: string): number => {
    linkIndex ??= new Map(
      order.flatMap((item, index) => {
        const id = item.isJob ? undefined : keys[item.sourceIndex]?.linkId;
        return id === undefined ? [] : [[id, index] as const];
      }),
    );
    return linkIndex.get(linkId) ?? -1;
  };
}

function statusCounts(items: readonly Item[]): Record<StatusKind, number> {
  const counts: Record<StatusKind, number> = {
    success: 0,
    failed: 0,
    running: 0,
    waiting: 0,
    unknown: 0,
  };
  for (const item of items) counts[item.kind] += 1;
  return counts;
}

function firstFailedOf(order: readonly Item[], keys: readonly SubJobIds[]) {
  const index = order.findIndex((item) => !item.isJob && item.kind === 'failed');
  const item = order[index];
  const ids = item ? keys[item.sourceIndex] : undefined;
  return item && ids
    ? { index, key: ids.key, domId: domIdOf(item), linkId: ids.linkId }
    : undefined;
}

/** Each row's `[left, right]` on the axis, computed once on first use; see `TimelinePlan`. */
function spanFinder(order: readonly Item[], frame: Frame): () => Float32Array {
  let spanCache: Float32Array | undefined;
  return () => {
    if (spanCache) return spanCache;
    const out = new Float32Array(order.length * 2).fill(-1);
    order.forEach((item, index) => {
      const from =
        item.begin.kind === 'ok' ? item.begin.ms : item.end.kind === 'ok' ? item.end.ms : undefined;
      if (from === undefined) return;
      const to =
        item.end.kind === 'ok'
          ? item.end.ms
          : item.begin.kind === 'ok' && !isFinal(item.kind)
            ? item.isJob
              ? frame.openEnd
              : frame.subOpenEnd
            : from;
      out[index * 2] = frame.pct(Math.min(from, to));
      out[index * 2 + 1] = frame.pct(Math.max(from, to));
    });
    spanCache = out;
    return out;
  };
}

/** `layoutTimeline` with rows built on demand; see `TimelinePlan`. */
/**
 * What a plan needs from the answer alone, whatever the clock says: worked out once per job
 * object. A live job is planned again every second, and reading, ordering and keying a
 * thousand sub-jobs each time made part of a long task of every tick (issue 22).
 */
interface Prepared {
  jobItem: Item;
  subItems: Item[];
  known: Known;
  keys: SubJobIds[];
  order: Item[];
  counts: Record<StatusKind, number>;
  firstFailed: TimelinePlan['firstFailed'];
  indexOfLink: (linkId: string) => number;
}

const preparedCache = new WeakMap<Job, Prepared>();

function prepare(job: Job): Prepared {
  const cached = preparedCache.get(job);
  if (cached) return cached;
  const subJobs = job.sub_jobs ?? [];
  const jobItem = itemOf(job, true, -1);
  const subItems = subJobs.map((sub, index) => itemOf(sub, false, index));
  const keys = subJobKeys(subJobs);
  const order = displayOrder(jobItem, subItems);
  const prepared = {
    jobItem,
    subItems,
    known: knownOf(jobItem, subItems),
    keys,
    order,
    counts: statusCounts(subItems),
    firstFailed: firstFailedOf(order, keys),
    indexOfLink: linkFinder(order, keys),
  };
  preparedCache.set(job, prepared);
  return prepared;
}

export function planTimeline(
  job: Job,
  now: number,
  zone: ZoneChoice,
  options: LayoutOptions = {},
): TimelinePlan {
  const subJobs = job.sub_jobs ?? [];
  const { jobItem, known, keys, order, counts, firstFailed, indexOfLink } = prepare(job);
  const live = isLiveJob(job);
  const frame = frameOf(jobItem, known, live, now, zone, options);
  const { axis, jobStart } = frame;
  const rowOf = rowMaker(jobItem, keys, frame, zone);
  const built: (TimelineRow | undefined)[] = [];
  return {
    rowCount: order.length,
    rowAt: (index: number): TimelineRow => {
      const item = order[index];
      if (!item) throw new RangeError(`no timeline row ${index}`);
      return (built[index] ??= rowOf(item));
    },
    indexOfLink,
    kinds: kindsOf(job, order),
    searchText: (index: number): string => searchTextsOf(job, order)[index] ?? '',
    spans: spanFinder(order, frame),
    axis,
    startText: jobStart === undefined ? undefined : timeText(jobStart, zone, true, undefined),
    nowPct: live && axis ? frame.pct(now) : null,
    live,
    subJobCount: subJobs.length,
    counts,
    failedCount: counts.failed,
    firstFailed,
  };
}
