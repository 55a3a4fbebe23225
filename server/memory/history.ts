import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type {
  HistoryChange,
  HistoryResponse,
  JobFactName,
  JobFacts,
} from '../../common/contract.ts';
import type { LeakCheck } from '../credentials/leak-check.ts';
import type { Shared } from '../proxy/coalesce.ts';
import type { Forwarded } from '../proxy/forward.ts';
import type { AnswerObserver, Asker, JobKey, JobSource } from '../proxy/job-source.ts';
import { passOn } from '../proxy/pass-on.ts';
import type { HistoryReader } from '../proxy/steps/history.ts';
import type { Store } from '../store/open.ts';
import type { StoreTables } from '../store/schema.ts';
import { changedFacts, factsOf } from './facts.ts';
import type { Memory } from './memory.ts';

/** Observations kept per job: the first, and the newest up to this many in all. */
export const MAX_OBSERVATIONS_PER_JOB = 500;
/** An unchanged answer rewrites the stored latest one only when that is older than this. */
export const LATEST_REFRESH_MS = 60_000;
/** Writes waiting in the process; more are dropped (and counted), never queued without bound. */
export const MAX_PENDING_WRITES = 10_000;
const PRUNE_EVERY_MS = 60 * 60_000;
const CLOSE_WAIT_MS = 5_000;
const DAY_MS = 24 * 60 * 60_000;

export type ObservationResult = 'recorded' | 'unchanged' | 'skipped' | 'dropped' | 'error';
export const OBSERVATION_RESULTS: readonly ObservationResult[] = [
  'recorded',
  'unchanged',
  'skipped',
  'dropped',
  'error',
];

/** What is written for one exchange: a job's answer, or the cloud saying it no longer knows it. */
export type Entry =
  | {
      kind: 'answer';
      at: number;
      requestId: string | null;
      viewer: string | null;
      body: string;
      facts: JobFacts;
    }
  | { kind: 'gone'; at: number };

export const jobKeyOf = (job: JobKey): string => `${job.region}/${job.projectId}/${job.jobId}`;

/**
 * What of an exchange is worth writing, or undefined. The body is checked for credentials by
 * the very check the browser's answer passes: what would not be passed on is not kept either.
 */
function entryOf(answer: Shared<Forwarded>, asker: Asker, secrets: LeakCheck): Entry | undefined {
  const { result, sent } = answer.value;
  if (!result.ok) return undefined;
  if (result.status === 404) return { kind: 'gone', at: answer.at };
  if (result.status !== 200) return undefined;
  const passed = passOn(result, secrets.with(sent), answer.at);
  if (!passed) return undefined;
  const body = passed.body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  // A list or a bare string is no job: the page says "unexpected response", nothing to remember.
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  return {
    kind: 'answer',
    at: answer.at,
    requestId: passed.requestId ?? null,
    viewer: asker.viewer,
    body,
    facts: factsOf(parsed),
  };
}

type Trx = Transaction<StoreTables>;

/** Drops the oldest observations of a job but its first, down to the cap. */
async function trim(trx: Trx, key: string, kept: number): Promise<number> {
  const excess = kept - MAX_OBSERVATIONS_PER_JOB;
  if (excess <= 0) return kept;
  const doomed = await trx
    .selectFrom('observations')
    .select('id')
    .where('job_key', '=', key)
    .orderBy('observed_at')
    .orderBy('id')
    .limit(excess)
    .offset(1)
    .execute();
  if (doomed.length > 0) {
    await trx
      .deleteFrom('observations')
      .where(
        'id',
        'in',
        doomed.map((row) => row.id),
      )
      .execute();
  }
  await trx
    .updateTable('jobs_seen')
    .set({ observations: kept - doomed.length, truncated: 1 })
    .where('job_key', '=', key)
    .execute();
  return kept - doomed.length;
}

/**
 * Compares one answer with the job's last recorded facts and writes what changed, in one
 * transaction that reads the facts again under a lock: two replicas that saw the same change
 * record it once (the second one finds it already there).
 */
export async function recordEntry(
  store: Store,
  job: JobKey,
  entry: Entry,
): Promise<'recorded' | 'unchanged'> {
  const key = jobKeyOf(job);
  return store.db.transaction().execute(async (trx) => {
    const read = () =>
      trx
        .selectFrom('jobs_seen')
        .select(['facts', 'latest_at', 'gone_at', 'observations'])
        .where('job_key', '=', key)
        .$if(store.engine === 'postgres', (query) => query.forUpdate())
        .executeTakeFirst();
    let row = await read();
    if (!row) {
      if (entry.kind === 'gone') return 'unchanged';
      const inserted = await trx
        .insertInto('jobs_seen')
        .values({
          job_key: key,
          region: job.region,
          project_id: job.projectId,
          job_id: job.jobId,
          first_at: entry.at,
          first_answer: entry.body,
          first_request_id: entry.requestId,
          latest_at: entry.at,
          latest_answer: entry.body,
          latest_request_id: entry.requestId,
          facts: JSON.stringify(entry.facts),
          gone_at: null,
          observations: 1,
          truncated: 0,
        })
        .onConflict((conflict) => conflict.column('job_key').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
        await insertObservation(trx, key, entry, []);
        return 'recorded';
      }
      // Another replica recorded the first answer meanwhile: compare with what it wrote.
      row = await read();
      if (!row) return 'unchanged';
    }
    // An answer older than the last one recorded (another replica's, written late) is news to nobody.
    if (entry.at < row.latest_at) return 'unchanged';
    if (entry.kind === 'gone') {
      if (row.gone_at !== null) return 'unchanged';
      await trx
        .updateTable('jobs_seen')
        .set({ gone_at: entry.at })
        .where('job_key', '=', key)
        .execute();
      return 'recorded';
    }
    const changed = changedFacts(JSON.parse(row.facts) as JobFacts, entry.facts);
    const latest = {
      latest_at: entry.at,
      latest_answer: entry.body,
      latest_request_id: entry.requestId,
      gone_at: null,
    };
    if (changed.length === 0) {
      if (row.gone_at === null && entry.at - row.latest_at < LATEST_REFRESH_MS) return 'unchanged';
      await trx.updateTable('jobs_seen').set(latest).where('job_key', '=', key).execute();
      return 'unchanged';
    }
    await insertObservation(trx, key, entry, changed);
    await trx
      .updateTable('jobs_seen')
      .set({ ...latest, facts: JSON.stringify(entry.facts), observations: row.observations + 1 })
      .where('job_key', '=', key)
      .execute();
    await trim(trx, key, row.observations + 1);
    return 'recorded';
  });
}

async function insertObservation(
  trx: Trx,
  key: string,
  entry: Extract<Entry, { kind: 'answer' }>,
  changed: JobFactName[],
): Promise<void> {
  await trx
    .insertInto('observations')
    .values({
      id: randomUUID(),
      job_key: key,
      observed_at: entry.at,
      request_id: entry.requestId,
      viewer: entry.viewer,
      facts: JSON.stringify(entry.facts),
      changed: JSON.stringify(changed),
    })
    .execute();
}

/**
 * Retention: observations older than `historyDays`, and jobs whose latest answer is, are
 * deleted; a job that lost observations says it is truncated; no job keeps more than the cap.
 */
export async function prune(store: Store, historyDays: number, now = Date.now()): Promise<void> {
  const cutoff = now - historyDays * DAY_MS;
  await store.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('observations')
      .where('job_key', 'in', (query) =>
        query.selectFrom('jobs_seen').select('job_key').where('latest_at', '<', cutoff),
      )
      .execute();
    await trx.deleteFrom('jobs_seen').where('latest_at', '<', cutoff).execute();
    // The count as it will be, not decremented: two replicas pruning at once agree on it.
    await sql`
      UPDATE jobs_seen SET truncated = 1,
        observations = (SELECT count(*) FROM observations o
          WHERE o.job_key = jobs_seen.job_key AND o.observed_at >= ${cutoff})
      WHERE EXISTS (SELECT 1 FROM observations o
        WHERE o.job_key = jobs_seen.job_key AND o.observed_at < ${cutoff})`.execute(trx);
    await trx.deleteFrom('observations').where('observed_at', '<', cutoff).execute();
  });
  const over = await store.db
    .selectFrom('jobs_seen')
    .select(['job_key', 'observations'])
    .where('observations', '>', MAX_OBSERVATIONS_PER_JOB)
    .execute();
  for (const row of over) {
    await store.db.transaction().execute((trx) => trim(trx, row.job_key, row.observations));
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

function parsedOr(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

/** What this server saw of a job, oldest change first; undefined when it saw nothing. */
export async function historyOf(store: Store, job: JobKey): Promise<HistoryResponse | undefined> {
  const key = jobKeyOf(job);
  // One snapshot for both reads: a change committed between them would pair the new list of
  // changes with the old latest answer (PostgreSQL reads each statement's own snapshot by
  // default; SQLite's transaction is one snapshot already).
  const begin = store.db.transaction();
  const read = await (
    store.engine === 'postgres' ? begin.setIsolationLevel('repeatable read') : begin
  ).execute(async (trx) => {
    const row = await trx
      .selectFrom('jobs_seen')
      .selectAll()
      .where('job_key', '=', key)
      .executeTakeFirst();
    if (!row) return undefined;
    const observations = await trx
      .selectFrom('observations')
      .select(['observed_at', 'request_id', 'viewer', 'facts', 'changed'])
      .where('job_key', '=', key)
      .orderBy('observed_at')
      .orderBy('id')
      .execute();
    return { row, observations };
  });
  if (!read) return undefined;
  const { row, observations } = read;
  const changes: HistoryChange[] = observations.map((observation) => ({
    at: iso(observation.observed_at),
    requestId: observation.request_id,
    viewer: observation.viewer,
    facts: parsedOr(observation.facts, {}) as JobFacts,
    changed: parsedOr(observation.changed, []) as JobFactName[],
  }));
  return {
    region: row.region,
    projectId: row.project_id,
    jobId: row.job_id,
    changes,
    truncated: row.truncated === 1,
    first: {
      at: iso(row.first_at),
      requestId: row.first_request_id,
      body: parsedOr(row.first_answer, null),
    },
    latest: {
      at: iso(row.latest_at),
      requestId: row.latest_request_id,
      body: parsedOr(row.latest_answer, null),
    },
    goneSince: row.gone_at === null ? null : iso(row.gone_at),
  };
}

export interface RecorderOptions {
  store: Store;
  /** The server's own credentials (`credentials.secrets`); each exchange adds what it sent. */
  secrets: LeakCheck;
  historyDays: number;
  /** Each exchange's outcome (the metric `sfs_turbo_observations_total`). */
  count?: (result: ObservationResult) => void;
  maxPending?: number;
  /** How long `close` waits for the writes still queued (default 5 s). */
  closeWaitMs?: number;
}

export interface Recorder {
  /** For `JobSource.observe`: queues the write and returns at once. */
  observe: AnswerObserver;
  /** Resolves once every write queued so far is done (tests, benches). */
  idle(): Promise<void>;
  /** Writes waiting. */
  pending(): number;
  close(): Promise<void>;
}

/**
 * Records what the cloud answered for each job. The request path only queues: the writes
 * run after it, one at a time per job (so a job's answers are compared in the order they
 * came), bounded in number, and a failing store is logged and counted, never thrown at a
 * request. Retention runs at start and hourly.
 */
export function createRecorder(options: RecorderOptions): Recorder {
  const { store, secrets } = options;
  const count = options.count ?? (() => {});
  const maxPending = options.maxPending ?? MAX_PENDING_WRITES;
  const closeWaitMs = options.closeWaitMs ?? CLOSE_WAIT_MS;
  const tails = new Map<string, Promise<void>>();
  let waiting = 0;
  let closed = false;

  const enqueue = (job: JobKey, entry: Entry) => {
    if (waiting >= maxPending) return count('dropped');
    waiting += 1;
    const key = jobKeyOf(job);
    const tail = (tails.get(key) ?? Promise.resolve())
      .then(() => recordEntry(store, job, entry))
      .then(count, (error: unknown) => {
        count('error');
        console.error(
          'sfs-turbo history: an observation could not be written:',
          error instanceof Error ? error.name : typeof error,
        );
      })
      .finally(() => {
        waiting -= 1;
        if (tails.get(key) === tail) tails.delete(key);
      });
    tails.set(key, tail);
  };

  const runPrune = () =>
    prune(store, options.historyDays).catch((error: unknown) => {
      console.error(
        'sfs-turbo history: retention failed:',
        error instanceof Error ? error.name : typeof error,
      );
    });
  let pruning = runPrune();
  const timer = setInterval(() => {
    pruning = pruning.then(runPrune);
  }, PRUNE_EVERY_MS);
  timer.unref();

  return {
    observe(job, answer, asker) {
      if (closed) return;
      const entry = entryOf(answer, asker, secrets);
      if (!entry) return count('skipped');
      enqueue(job, entry);
    },
    async idle() {
      while (tails.size > 0) await Promise.all(tails.values());
    },
    pending: () => waiting,
    async close() {
      closed = true;
      clearInterval(timer);
      // A store that hangs must not hold the shutdown open: what is not written by then is lost.
      let giveUp: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all([pruning, this.idle()]),
        new Promise((resolve) => (giveUp = setTimeout(resolve, closeWaitMs))),
      ]);
      clearTimeout(giveUp);
    },
  };
}

/**
 * The app's history: once the store is open, every upstream exchange of `jobSource` is
 * recorded. A store that never opens records nothing (the server is not ready then anyway).
 */
export function recordHistory(options: {
  memory: Memory;
  jobSource: JobSource;
  secrets: LeakCheck;
  count?: (result: ObservationResult) => void;
}): { recorder(): Recorder | undefined; close(): Promise<void> } {
  let recorder: Recorder | undefined;
  let closed = false;
  const started = options.memory.opened.then(
    (store) => {
      if (closed) return;
      recorder = createRecorder({
        store,
        secrets: options.secrets,
        historyDays: options.memory.config.historyDays,
        ...(options.count ? { count: options.count } : {}),
      });
      options.jobSource.observe(recorder.observe);
    },
    () => {},
  );
  return {
    recorder: () => recorder,
    async close() {
      closed = true;
      await started;
      await recorder?.close();
    },
  };
}

export function historyReader(memory: Memory): HistoryReader {
  return {
    read(job) {
      const store = memory.store();
      return store ? historyOf(store, job) : undefined;
    },
  };
}
