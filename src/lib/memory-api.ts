import * as v from 'valibot';
import {
  type HistoryResponse as HistoryContract,
  type JobFactName,
  type ProxyErrorCode,
  type NotifyTargetsResponse as TargetsContract,
  type Watch as WatchContract,
  type WatchesResponse as WatchesContract,
  type WatchRequest,
} from '../../common/contract';
import { getJson } from './api-client';
import { ApiError, type LookupTarget } from './api-error';

// The server's memory (DESIGN.md "Memory (history and watches)"): what it saw of a job, the
// destinations it may post to, and the watches. Loaded after a page's first paint, never with
// it. Objects are `v.object`, which drops fields a newer server adds; every field the page reads
// is checked. Only the valibot functions the first load already carries are used (object, array,
// string, picklist, boolean, optional, custom): valibot is one module of the entry chunk, and
// every other function of it used here would be added to that chunk, not to this one.

const isIso = (input: unknown): input is string =>
  typeof input === 'string' && Number.isFinite(Date.parse(input));
const isCount = (input: unknown): input is number => Number.isInteger(input) && Number(input) >= 0;

/** An ISO 8601 time the browser can read (`Date.parse`); anything else is a bad answer. */
const isoTime = v.custom<string>(isIso, 'Expected an ISO 8601 time');
const isoTimeOrNull = v.custom<string | null>(
  (input) => input === null || isIso(input),
  'Expected an ISO 8601 time or null',
);
const textOrNull = v.custom<string | null>(
  (input) => input === null || typeof input === 'string',
  'Expected text or null',
);
const count = v.custom<number>(isCount, 'Expected a whole number, 0 or more');
const counts = v.custom<Record<string, number>>(
  (input) =>
    typeof input === 'object' &&
    input !== null &&
    !Array.isArray(input) &&
    Object.values(input).every(isCount),
  'Expected counts of sub-jobs by status word',
);
/** A whole answer of the cloud, kept as it came: read later with the job schema. */
const anyBody = v.custom<unknown>(() => true);

const FACT_NAMES: readonly string[] = [
  'status',
  'errorCode',
  'failReason',
  'subJobs',
  'failedSubJobs',
] satisfies JobFactName[];
const isFactName = (name: string): name is JobFactName => FACT_NAMES.includes(name);

const FactsSchema = v.object({
  status: v.optional(v.string()),
  errorCode: v.optional(v.string()),
  failReason: v.optional(v.string()),
  subJobs: v.optional(counts),
  failedSubJobs: v.optional(v.array(v.string())),
});

const AnswerSchema = v.object({ at: isoTime, requestId: textOrNull, body: anyBody });

/** The history as sent; `changed` is narrowed to the names this page knows by `fetchHistory`. */
export const HistorySchema = v.object({
  region: v.string(),
  projectId: v.string(),
  jobId: v.string(),
  changes: v.array(
    v.object({
      at: isoTime,
      requestId: textOrNull,
      viewer: textOrNull,
      facts: FactsSchema,
      changed: v.array(v.string()),
    }),
  ),
  truncated: v.boolean(),
  first: AnswerSchema,
  latest: AnswerSchema,
  goneSince: isoTimeOrNull,
});

export const NotifyTargetsSchema = v.object({
  targets: v.array(v.object({ name: v.string(), kind: v.picklist(['slack', 'teams', 'webhook']) })),
});

export const WatchSchema = v.object({
  id: v.string(),
  region: v.string(),
  projectId: v.string(),
  jobId: v.string(),
  target: v.string(),
  subJobFailures: v.boolean(),
  createdBy: textOrNull,
  createdAt: isoTime,
  state: v.picklist(['active', 'ended', 'gone', 'removed', 'expired']),
  endedAt: isoTimeOrNull,
  lastStatus: textOrNull,
  deliveries: v.array(
    v.object({
      event: v.string(),
      target: v.string(),
      state: v.picklist(['pending', 'sent', 'failed']),
      attempts: count,
      sentAt: isoTimeOrNull,
      lastError: textOrNull,
    }),
  ),
});

export const WatchesSchema = v.object({ watches: v.array(WatchSchema) });

type HistoryWire = v.InferOutput<typeof HistorySchema>;
export type HistoryResponse = HistoryContract;
export type HistoryChange = HistoryContract['changes'][number];
export type NotifyTargetsResponse = v.InferOutput<typeof NotifyTargetsSchema>;
export type Watch = v.InferOutput<typeof WatchSchema>;
export type WatchesResponse = v.InferOutput<typeof WatchesSchema>;

// The schemas and the contract the server answers by must not drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemasAreContract: [
  Same<
    Omit<HistoryWire, 'changes'> & { changes: Omit<HistoryWire['changes'][number], 'changed'>[] },
    Omit<HistoryContract, 'changes'> & { changes: Omit<HistoryChange, 'changed'>[] }
  >,
  Same<NotifyTargetsResponse, TargetsContract>,
  Same<Watch, WatchContract>,
  Same<WatchesResponse, WatchesContract>,
] = [true, true, true, true];
void schemasAreContract;

/**
 * A 404 that means "nothing here": the server saw nothing of the job, or it is an older server
 * without a memory (`PROXY.NOT_FOUND` for an unknown route). Either way there is nothing to show.
 */
function isNothing(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/**
 * An older server's answer to a route it does not have. Written out rather than read from
 * `PROXY_ERROR`: that object would join the first-load chunk, where the contract module lives.
 */
const NO_ROUTE = 'PROXY.NOT_FOUND' satisfies ProxyErrorCode;

/** What this server saw of the job, or null when it saw nothing (or keeps no memory). */
export async function fetchHistory(
  target: LookupTarget,
  signal?: AbortSignal,
): Promise<HistoryResponse | null> {
  // `historyApiPath` of the contract, written out: the contract module is part of the first
  // load, and every function of it used anywhere joins that chunk.
  const { region, projectId, jobId } = target;
  const path = `/api/history/${encodeURIComponent(region)}/${encodeURIComponent(projectId)}/${encodeURIComponent(jobId)}`;
  let wire: HistoryWire;
  try {
    wire = await getJson(path, HistorySchema, "the dashboard's history of a job", { signal });
  } catch (error) {
    if (isNothing(error)) return null;
    throw error;
  }
  // A fact a newer server compares is not one this page can word: it is left out rather than
  // the whole history refused.
  return {
    ...wire,
    changes: wire.changes.map((change) => ({
      ...change,
      changed: change.changed.filter(isFactName),
    })),
  };
}

/** The destinations a watch may post to; none when the server has no memory or none is set. */
export async function fetchNotifyTargets(signal?: AbortSignal): Promise<NotifyTargetsResponse> {
  try {
    return await getJson('/api/notify-targets', NotifyTargetsSchema, 'a list of destinations', {
      signal,
    });
  } catch (error) {
    if (isNothing(error) && (error as ApiError).code === NO_ROUTE) {
      return { targets: [] };
    }
    throw error;
  }
}

export async function fetchWatches(signal?: AbortSignal): Promise<WatchesResponse> {
  try {
    return await getJson('/api/watches', WatchesSchema, 'a list of watches', { signal });
  } catch (error) {
    if (isNothing(error) && (error as ApiError).code === NO_ROUTE) {
      return { watches: [] };
    }
    throw error;
  }
}

/** Starts a watch. JSON, so that only a same-origin page can send it (the server also checks). */
export function createWatch(watch: WatchRequest): Promise<Watch> {
  return getJson('/api/watches', WatchSchema, 'a watch', {
    init: {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(watch),
    },
  });
}

/** Ends a watch; the server answers 204 without a body. */
export async function deleteWatch(id: string): Promise<void> {
  await getJson(`/api/watches/${encodeURIComponent(id)}`, anyBody, 'an empty answer', {
    init: { method: 'DELETE' },
  });
}
