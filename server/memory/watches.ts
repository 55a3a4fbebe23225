import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Watch, WatchState } from '../../common/contract.ts';
import type { Store } from '../store/open.ts';
import type { WatchesTable } from '../store/schema.ts';

export type WatchRow = Selectable<WatchesTable>;

/** Most active watches one user (or address) may hold. */
export const MAX_ACTIVE_PER_USER = 100;
/** How long an ended watch stays in the list. */
export const LISTED_AFTER_END_MS = 7 * 24 * 60 * 60_000;
/** Most watches one list shows. */
export const MAX_LISTED = 500;

export interface NewWatch {
  region: string;
  projectId: string;
  jobId: string;
  target: string;
  subJobFailures: boolean;
  /** The watcher's limit key (`limitKey`). */
  createdBy: string;
  /** The signed-in user's name, or null without sign-in. */
  createdByName: string | null;
}

export type Started =
  | { outcome: 'created'; watch: WatchRow }
  /** The job was already watched for that destination: the watch that does it. */
  | { outcome: 'existing'; watch: WatchRow }
  | { outcome: 'capped'; limit: number };

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** A row as the API shows it: the watcher's name, never their limit key (an address). */
export function watchOf(row: WatchRow): Watch {
  return {
    id: row.id,
    region: row.region,
    projectId: row.project_id,
    jobId: row.job_id,
    target: row.target,
    subJobFailures: row.sub_job_failures === 1,
    createdBy: row.created_by_name,
    createdAt: new Date(row.created_at).toISOString(),
    state: row.state as WatchState,
    endedAt: iso(row.ended_at),
    lastStatus: row.last_status,
    deliveries: [],
  };
}

function activeFor(
  store: Store,
  watch: Pick<NewWatch, 'region' | 'projectId' | 'jobId' | 'target'>,
) {
  return store.db
    .selectFrom('watches')
    .selectAll()
    .where('state', '=', 'active')
    .where('region', '=', watch.region)
    .where('project_id', '=', watch.projectId)
    .where('job_id', '=', watch.jobId)
    .where('target', '=', watch.target)
    .executeTakeFirst();
}

/**
 * Starts a watch, first poll due at once. A job already watched for the same destination
 * keeps its one watch (whoever started it): the unique index on active watches settles two
 * requests racing, on one replica or two.
 */
export async function startWatch(store: Store, input: NewWatch, now: number): Promise<Started> {
  const existing = await activeFor(store, input);
  if (existing) return { outcome: 'existing', watch: existing };
  const { count } = await store.db
    .selectFrom('watches')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('created_by', '=', input.createdBy)
    .where('state', '=', 'active')
    .executeTakeFirstOrThrow();
  if (Number(count) >= MAX_ACTIVE_PER_USER)
    return { outcome: 'capped', limit: MAX_ACTIVE_PER_USER };
  const inserted = await store.db
    .insertInto('watches')
    .values({
      id: randomUUID(),
      region: input.region,
      project_id: input.projectId,
      job_id: input.jobId,
      target: input.target,
      sub_job_failures: input.subJobFailures ? 1 : 0,
      created_by: input.createdBy,
      created_by_name: input.createdByName,
      created_at: now,
      state: 'active',
      ended_at: null,
      next_poll_at: now,
      lease_owner: null,
      lease_until: null,
      last_status: null,
      gone_since: null,
      failures_announced: '[]',
      poll_failures: 0,
    })
    .onConflict((conflict) =>
      conflict
        .columns(['region', 'project_id', 'job_id', 'target'])
        // The index's own condition, as a literal: SQLite matches it to the index by its text.
        .where(sql.ref('state'), '=', sql.lit('active'))
        .doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { outcome: 'created', watch: inserted };
  const winner = await activeFor(store, input);
  if (!winner) throw new Error('A watch conflicted with one that is gone');
  return { outcome: 'existing', watch: winner };
}

/** Active watches and those ended in the last 7 days, newest first. */
export function listWatches(store: Store, now: number): Promise<WatchRow[]> {
  return store.db
    .selectFrom('watches')
    .selectAll()
    .where((eb) =>
      eb.or([eb('state', '=', 'active'), eb('ended_at', '>=', now - LISTED_AFTER_END_MS)]),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(MAX_LISTED)
    .execute();
}

/**
 * Ends a watch by a user's hand. False when there is no such watch; one that already ended
 * keeps the state it ended in.
 */
export async function removeWatch(store: Store, id: string, now: number): Promise<boolean> {
  const found = await store.db
    .selectFrom('watches')
    .select('state')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!found) return false;
  await store.db
    .updateTable('watches')
    .set({ state: 'removed', ended_at: now, lease_owner: null, lease_until: null })
    .where('id', '=', id)
    .where('state', '=', 'active')
    .execute();
  return true;
}
