/**
 * The delivery engine: one row per message (watch, event, destination), claimed before it is
 * sent and marked after, over the store's `deliveries` table, on SQLite and PostgreSQL alike.
 *
 * Never twice for one event: the unique key (watch_id, event_key, target) makes a second
 * enqueue of the same event a no-op, whichever replica saw it; and a row is sent only by the
 * replica that holds its lease, taken by one conditional UPDATE. The lease outlasts the send's
 * time limit several times over, so it cannot lapse while its holder is still sending. Only a
 * holder that dies between sending and marking leaves a row that another replica sends again
 * once the lease has expired (webhook receivers drop it by its delivery ID).
 */
import { randomUUID } from 'node:crypto';
import type { WatchDelivery } from '../../../common/contract.ts';
import type { Store } from '../../store/open.ts';
import type { DeliveriesTable } from '../../store/schema.ts';
import type { NotifyMessage } from './message.ts';
import { SEND_TIMEOUT_MS, type SendResult } from './post.ts';

/** Waits after attempt 1, 2, …: the last failure of {@link MAX_ATTEMPTS} marks the row failed. */
export const BACKOFF_MS = [5_000, 15_000, 45_000, 120_000, 300_000, 600_000, 1_200_000] as const;
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1;
/** Six send time limits: a holder still sending never loses its lease. */
export const LEASE_MS = 6 * SEND_TIMEOUT_MS;
const BATCH = 10;

export type DeliveryOutcome = 'sent' | 'retry' | 'failed';

/** Reports each attempt's outcome by destination name (the metric `sfs_turbo_notifications_total`). */
export type DeliveryObserver = (target: string, outcome: DeliveryOutcome) => void;

export interface EnqueueRequest {
  watchId: string;
  /** `ended` or `sub-job-failed:<sub_job_id>`. */
  eventKey: string;
  /** The destination's name. */
  target: string;
  message: NotifyMessage;
}

/**
 * Records a message to send. Returns false when this event of this watch was already
 * recorded for this destination (by this replica or another): nothing is added.
 */
export async function enqueue(
  store: Store,
  request: EnqueueRequest,
  now: number = Date.now(),
): Promise<boolean> {
  const result = await store.db
    .insertInto('deliveries')
    .values({
      id: randomUUID(),
      watch_id: request.watchId,
      event_key: request.eventKey,
      target: request.target,
      message: JSON.stringify(request.message),
      state: 'pending',
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
      sent_at: null,
      last_error: null,
      lease_owner: null,
      lease_until: null,
    })
    .onConflict((conflict) => conflict.columns(['watch_id', 'event_key', 'target']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** A claimed row, as the sender gets it. */
export interface DueDelivery {
  id: string;
  watchId: string;
  eventKey: string;
  target: string;
  message: NotifyMessage;
  /** Attempts made before this one. */
  attempts: number;
}

export interface RunOptions {
  /** This replica's name, unique among replicas (e.g. host name and process ID). */
  owner: string;
  now?: () => number;
  /** One attempt; never rejects (a rejection counts as a retryable failure). */
  send: (delivery: DueDelivery) => Promise<SendResult>;
  observer?: DeliveryObserver;
  /** Most rows claimed per call; default 10, sent at the same time. */
  batch?: number;
  leaseMs?: number;
}

/** The wait before the next attempt, after `attempts` attempts (1 = the first failed). */
export function backoffMs(attempts: number): number {
  return BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1] ?? BACKOFF_MS[0];
}

/** Takes the lease of up to `limit` due rows; on PostgreSQL, rows another replica is claiming are skipped, not waited for. */
async function claim(
  store: Store,
  owner: string,
  now: number,
  leaseMs: number,
  limit: number,
): Promise<DeliveriesTable[]> {
  const { db } = store;
  let due = db
    .selectFrom('deliveries')
    .select('id')
    .where('state', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(limit);
  if (store.engine === 'postgres') due = due.forUpdate().skipLocked();
  return (
    db
      .updateTable('deliveries')
      .set({ lease_owner: owner, lease_until: now + leaseMs })
      .where('id', 'in', due)
      // Checked again on the row itself: the sub-select alone is not the condition of the write.
      .where('state', '=', 'pending')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .returningAll()
      .execute()
  );
}

function parseMessage(text: string): NotifyMessage {
  return JSON.parse(text) as NotifyMessage;
}

async function settle(
  store: Store,
  row: DeliveriesTable,
  owner: string,
  result: SendResult,
  at: number,
): Promise<DeliveryOutcome> {
  const attempts = row.attempts + 1;
  const mine = store.db
    .updateTable('deliveries')
    .where('id', '=', row.id)
    .where('lease_owner', '=', owner);
  if (result.ok) {
    await mine
      .set({
        state: 'sent',
        attempts,
        sent_at: at,
        last_error: null,
        lease_owner: null,
        lease_until: null,
      })
      .execute();
    return 'sent';
  }
  const last = !result.retryable || attempts >= MAX_ATTEMPTS;
  const wait = Math.max(backoffMs(attempts), result.retryAfterMs ?? 0);
  const reason =
    last && result.retryable
      ? `${result.reason} (gave up after ${attempts} attempts)`
      : result.reason;
  await mine
    .set({
      state: last ? 'failed' : 'pending',
      attempts,
      next_attempt_at: last ? row.next_attempt_at : at + wait,
      last_error: reason.slice(0, 500),
      lease_owner: null,
      lease_until: null,
    })
    .execute();
  return last ? 'failed' : 'retry';
}

/**
 * Sends what is due: claims up to a batch of pending rows whose time has come and whose lease
 * is free or expired, sends them at once, and records each outcome (sent, a retry after a
 * back-off, or failed after the last attempt or a refusal not worth repeating). Returns how
 * many rows it handled.
 */
export async function runDue(store: Store, options: RunOptions): Promise<number> {
  const now = options.now ?? Date.now;
  const rows = await claim(
    store,
    options.owner,
    now(),
    options.leaseMs ?? LEASE_MS,
    options.batch ?? BATCH,
  );
  await Promise.all(
    rows.map(async (row) => {
      let result: SendResult;
      try {
        result = await options.send({
          id: row.id,
          watchId: row.watch_id,
          eventKey: row.event_key,
          target: row.target,
          message: parseMessage(row.message),
          attempts: row.attempts,
        });
      } catch {
        // Not the error's words: a sender's exception may name the address.
        result = { ok: false, retryable: true, reason: 'the attempt failed unexpectedly' };
      }
      const outcome = await settle(store, row, options.owner, result, now());
      options.observer?.(row.target, outcome);
    }),
  );
  return rows.length;
}

/** Every delivery of the given watches, oldest first, by watch ID (for `Watch.deliveries`). */
export async function deliveriesOf(
  store: Store,
  watchIds: readonly string[],
): Promise<Map<string, WatchDelivery[]>> {
  const byWatch = new Map<string, WatchDelivery[]>(watchIds.map((id) => [id, []]));
  const unique = [...byWatch.keys()];
  // A few hundred at a time: both engines cap the parameters of one statement.
  for (let start = 0; start < unique.length; start += 500) {
    const rows = await store.db
      .selectFrom('deliveries')
      .select(['watch_id', 'event_key', 'target', 'state', 'attempts', 'sent_at', 'last_error'])
      .where('watch_id', 'in', unique.slice(start, start + 500))
      .orderBy('created_at')
      .orderBy('event_key')
      .execute();
    for (const row of rows) {
      byWatch.get(row.watch_id)?.push({
        event: row.event_key,
        target: row.target,
        state: row.state === 'sent' || row.state === 'failed' ? row.state : 'pending',
        attempts: row.attempts,
        sentAt: row.sent_at === null ? null : new Date(row.sent_at).toISOString(),
        lastError: row.last_error,
      });
    }
  }
  return byWatch;
}
