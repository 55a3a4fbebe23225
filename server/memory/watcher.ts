import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { Watch } from '../../common/contract.ts';
import { isFinal, statusKind } from '../../common/job-status.ts';
import { retryAfterMs } from '../../common/retry-after.ts';
import type { LeakCheck } from '../credentials/leak-check.ts';
import { CredentialError } from '../credentials/provider.ts';
import { UpstreamLimited, type JobSource } from '../proxy/job-source.ts';
import type { TakeResult } from '../proxy/upstream-limit.ts';
import type { Store } from '../store/open.ts';
import type { WatchesTable } from '../store/schema.ts';
import {
  BACKOFF_MAX_MS,
  backoffDelay,
  beganAt,
  NOT_FOUND_INTERVAL_MS,
  pollInterval,
} from './polling.ts';
import { watchOf, type WatchRow } from './watches.ts';

/**
 * `ended`: the job succeeded or failed; `gone` and `expired`: the watch ended before the job
 * did (an hour of 404s, or its time was up), which the channel is told too, with the last
 * status seen; `sub-job-failed:<id>`: a sub-job failed while the job went on.
 */
export type WatchEventKey = 'ended' | 'gone' | 'expired' | `sub-job-failed:${string}`;

export interface WatchEvent {
  key: WatchEventKey;
  /** The job's answer (parsed JSON) that showed the event. */
  body: unknown;
}

/**
 * Where a watch's events go (the notification engine's `enqueue`). It must be idempotent per
 * (watch, event): after a lease changes hands, or when a poll's store write failed, the same
 * event may be seen again. A rejection means "not taken": the watch stays as it was and the
 * next poll sees the event again, so none is lost.
 */
export interface Notifier {
  eventSeen(watch: Watch, event: WatchEvent): Promise<void>;
}

export type WatcherLine = Record<string, string | number | null>;

export interface WatcherOptions {
  store: Store;
  jobSource: JobSource;
  notifier: Notifier;
  /** Takes one upstream call from the watcher's share (`created_by`): the upstream limit. */
  admit(payer: string, now: number): TakeResult;
  /** Whether the credential may go to a region now (known and allowed): else nothing is sent. */
  regionUsable(region: string): boolean;
  /** The server's secrets: an answer holding one is not handed to the notifier. */
  secrets: LeakCheck;
  log?: (line: WatcherLine) => void;
  now?: () => number;
  /** This replica's name in `lease_owner` (default: a random UUID). */
  owner?: string;
  leaseMs?: number;
  tickMs?: number;
  /** Most polls in flight at once on this replica. */
  concurrency?: number;
  /** A watch this old ends as `expired`. */
  maxAgeMs?: number;
  /** A job answering 404 this long ends its watch as `gone`. */
  goneAfterMs?: number;
}

export interface Watcher {
  owner: string;
  /** Polls every `tickMs` until stopped (the timer does not keep the process alive). */
  start(): void;
  /** Claims the due watches it has room for and polls them; resolves when those polls are done. */
  tick(): Promise<void>;
  /** Stops claiming, lets polls in flight finish (for at most `graceMs`), gives up its leases. */
  stop(graceMs?: number): Promise<void>;
  /** Stops without giving anything up, as a replica that dies would (tests). */
  halt(): void;
  /** Polls in flight now. */
  inFlight(): number;
}

export const LEASE_MS = 30_000;
export const TICK_MS = 1_000;
export const CONCURRENCY = 20;
export const MAX_AGE_MS = 7 * 24 * 60 * 60_000;
export const GONE_AFTER_MS = 60 * 60_000;
/** Most sub-job failures announced per watch (a job of 500 sub-jobs failing has said enough). */
const MAX_ANNOUNCED = 200;

type Outcome = Updateable<WatchesTable>;

/** The failed sub-jobs of an answer: their IDs, or their place when the cloud sent none. */
function failedSubJobs(body: Record<string, unknown>): string[] {
  const subJobs = body.sub_jobs;
  if (!Array.isArray(subJobs)) return [];
  const failed: string[] = [];
  subJobs.forEach((subJob: unknown, index) => {
    if (typeof subJob !== 'object' || subJob === null) return;
    const { status, job_id: id } = subJob as Record<string, unknown>;
    if (statusKind(status) !== 'failed') return;
    failed.push(typeof id === 'string' && id !== '' ? id.slice(0, 64) : `#${index + 1}`);
  });
  return failed;
}

function parseAnnounced(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Polls watched jobs until they end, on no one's screen. Replicas share the work through a
 * lease in the database: one statement claims due watches no live replica holds, so a watch
 * is polled by one replica at a time, and when the holder dies another takes it once its
 * lease has run out. A claimed watch is not due again until its lease ends, so a replica
 * never polls one watch twice at once either.
 */
export function createWatcher(options: WatcherOptions): Watcher {
  const { store, jobSource, notifier, secrets } = options;
  const now = options.now ?? Date.now;
  const owner = options.owner ?? randomUUID();
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const tickMs = options.tickMs ?? TICK_MS;
  const concurrency = options.concurrency ?? CONCURRENCY;
  const maxAgeMs = options.maxAgeMs ?? MAX_AGE_MS;
  const goneAfterMs = options.goneAfterMs ?? GONE_AFTER_MS;
  const log = options.log ?? (() => {});

  const polling = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let claiming = false;
  /** The last claim filled every free slot: more may be due now, not only at the next tick. */
  let moreDue = false;
  let stopped = false;
  let renewedAt = 0;

  async function claim(limit: number): Promise<WatchRow[]> {
    const at = now();
    const due = store.db
      .selectFrom('watches')
      .select('id')
      .where('state', '=', 'active')
      .where('next_poll_at', '<=', at)
      .where((eb) =>
        eb.or([
          eb('lease_owner', 'is', null),
          eb('lease_until', '<', at),
          eb('lease_owner', '=', owner),
        ]),
      )
      // Those this replica is polling are kept by `renew`, not claimed again.
      .$if(polling.size > 0, (query) => query.where('id', 'not in', [...polling.keys()]))
      .orderBy('next_poll_at')
      .limit(limit)
      .$if(store.engine === 'postgres', (query) => query.forUpdate().skipLocked());
    // Not due again while the lease holds: if this replica dies mid-poll, the next holder
    // finds it due the moment the lease has run out.
    return store.db
      .updateTable('watches')
      .set({ lease_owner: owner, lease_until: at + leaseMs, next_poll_at: at + leaseMs })
      .where('id', 'in', due)
      .returningAll()
      .execute();
  }

  /** Keeps the leases of polls still running (a slow upstream, an IAM login). */
  async function renew(): Promise<void> {
    const at = now();
    if (polling.size === 0 || at - renewedAt < leaseMs / 3) return;
    renewedAt = at;
    await store.db
      .updateTable('watches')
      .set({ lease_until: at + leaseMs, next_poll_at: at + leaseMs })
      .where('id', 'in', [...polling.keys()])
      .where('lease_owner', '=', owner)
      .where('state', '=', 'active')
      .execute();
  }

  /** Writes a poll's outcome, if this replica still holds the watch. */
  async function settle(row: WatchRow, outcome: Outcome): Promise<void> {
    await store.db
      .updateTable('watches')
      .set({ lease_until: now() + leaseMs, ...outcome })
      .where('id', '=', row.id)
      .where('lease_owner', '=', owner)
      .where('state', '=', 'active')
      .execute();
  }

  /**
   * Whether this replica still holds the watch, asked before each event: a poll that outlived
   * its lease (a stalled process) leaves the event to the new holder. The notifier's
   * idempotency covers the moment between this answer and the event.
   */
  async function stillHeld(row: WatchRow): Promise<boolean> {
    const found = await store.db
      .selectFrom('watches')
      .select('id')
      .where('id', '=', row.id)
      .where('lease_owner', '=', owner)
      .where('state', '=', 'active')
      .executeTakeFirst();
    return found !== undefined;
  }

  const later = (row: WatchRow, delayMs: number): Outcome => ({
    next_poll_at: now() + delayMs,
    poll_failures: row.poll_failures + 1,
  });

  async function end(row: WatchRow, state: string, extra: Outcome = {}): Promise<void> {
    const at = now();
    await settle(row, {
      ...extra,
      state,
      ended_at: at,
      lease_owner: null,
      lease_until: null,
    });
    log({ event: `watch-${state}`, watch: row.id, owner });
  }

  /**
   * A watch that ends before its job does: the channel hears of it (with the last status the
   * watch saw), as it would of the job's end, then the watch ends. Left to the new holder when
   * this replica's lease is gone.
   */
  async function stopWatching(
    row: WatchRow,
    state: 'gone' | 'expired',
    extra: Outcome = {},
  ): Promise<void> {
    if (!(await stillHeld(row))) return;
    await notifier.eventSeen(watchOf(row), { key: state, body: { status: row.last_status } });
    await end(row, state, extra);
  }

  /** What a finished or still-running answer means for the watch. */
  async function answered(row: WatchRow, body: unknown): Promise<Outcome | 'ended' | 'lost'> {
    const job = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const kind = statusKind(job.status);
    const lastStatus = typeof job.status === 'string' ? job.status.slice(0, 64) : null;
    const watch = watchOf(row);
    let announced = parseAnnounced(row.failures_announced);
    const fresh =
      row.sub_job_failures === 1 ? failedSubJobs(job).filter((id) => !announced.includes(id)) : [];
    if ((fresh.length > 0 || isFinal(kind)) && !(await stillHeld(row))) return 'lost';
    if (row.sub_job_failures === 1) {
      for (const id of fresh) {
        if (announced.length >= MAX_ANNOUNCED) break;
        // One at a time, recorded as it goes: a failing notifier loses none and repeats none.
        await notifier.eventSeen(watch, { key: `sub-job-failed:${id}`, body });
        announced = [...announced, id];
        await settle(row, { failures_announced: JSON.stringify(announced) });
      }
    }
    const common: Outcome = {
      last_status: lastStatus,
      gone_since: null,
      poll_failures: 0,
      failures_announced: JSON.stringify(announced),
    };
    if (isFinal(kind)) {
      await notifier.eventSeen(watch, { key: 'ended', body });
      await end(row, 'ended', common);
      return 'ended';
    }
    const began = beganAt(job.begin_time);
    const age = now() - (began ?? row.created_at);
    return { ...common, next_poll_at: now() + pollInterval(kind, age) };
  }

  async function poll(row: WatchRow): Promise<void> {
    const at = now();
    if (at - row.created_at >= maxAgeMs) return stopWatching(row, 'expired');
    if (!options.regionUsable(row.region)) {
      // The configuration changed since the watch began: nothing may be sent there now.
      log({ event: 'watch-region-refused', watch: row.id, owner });
      return settle(row, later(row, backoffDelay(row.poll_failures + 1)));
    }
    let answer;
    try {
      answer = await jobSource.fetch(
        { region: row.region, projectId: row.project_id, jobId: row.job_id },
        'GET',
        {
          payer: row.created_by,
          viewer: 'watch',
          admit: () => options.admit(row.created_by, now()),
        },
      );
    } catch (error) {
      if (error instanceof UpstreamLimited) {
        // Nothing was sent: the watcher's share is spent; ask again when it has refilled.
        return settle(row, { next_poll_at: now() + error.retryAfterSec * 1000 });
      }
      if (error instanceof CredentialError) {
        const asked =
          error.retryAfterSeconds === undefined ? undefined : error.retryAfterSeconds * 1000;
        return settle(row, later(row, backoffDelay(row.poll_failures + 1, asked)));
      }
      throw error;
    }
    const { result, sent } = answer.value;
    if (!result.ok) return settle(row, later(row, backoffDelay(row.poll_failures + 1)));
    if (result.status === 404) {
      const goneSince = row.gone_since ?? at;
      if (now() - goneSince >= goneAfterMs) {
        return stopWatching(row, 'gone', { gone_since: goneSince });
      }
      return settle(row, { gone_since: goneSince, next_poll_at: now() + NOT_FOUND_INTERVAL_MS });
    }
    if (result.status < 200 || result.status > 299) {
      const asked = retryAfterMs(result.headers['retry-after'], {
        now: now(),
        maxMs: BACKOFF_MAX_MS,
      });
      return settle(row, later(row, backoffDelay(row.poll_failures + 1, asked)));
    }
    // What is handed to the notifier may leave for another host: never a credential.
    if (secrets.with(sent).holdsSecret(result.body)) {
      log({ event: 'watch-answer-withheld', watch: row.id, owner });
      return settle(row, later(row, backoffDelay(row.poll_failures + 1)));
    }
    let body: unknown;
    try {
      body = JSON.parse(result.body.toString('utf8'));
    } catch {
      return settle(row, later(row, backoffDelay(row.poll_failures + 1)));
    }
    const outcome = await answered(row, body);
    if (typeof outcome === 'object') await settle(row, outcome);
  }

  function start(row: WatchRow): Promise<void> {
    const running = poll(row)
      .catch(async (error: unknown) => {
        // A store or notifier failure: the watch is asked again after a back-off.
        log({
          event: 'watch-poll-failed',
          watch: row.id,
          owner,
          error: error instanceof Error ? error.name : typeof error,
        });
        await settle(row, later(row, backoffDelay(row.poll_failures + 1))).catch(() => {});
      })
      .finally(() => {
        polling.delete(row.id);
        // A slot came free while watches wait: fill it now. A tick a second with 20 slots
        // would otherwise cap a replica at 20 polls a second, behind the rules at 1,000 watches.
        if (moreDue && !stopped) void tick();
      });
    polling.set(row.id, running);
    return running;
  }

  async function tick(): Promise<void> {
    if (stopped || claiming) return;
    claiming = true;
    let started: Promise<void>[] = [];
    try {
      await renew();
      const room = concurrency - polling.size;
      if (room <= 0) return;
      const rows = await claim(room);
      moreDue = rows.length >= room;
      started = rows.filter((row) => !polling.has(row.id)).map(start);
    } catch (error) {
      log({
        event: 'watch-claim-failed',
        owner,
        error: error instanceof Error ? error.name : typeof error,
      });
    } finally {
      claiming = false;
    }
    await Promise.all(started);
  }

  return {
    owner,
    start() {
      if (timer || stopped) return;
      timer = setInterval(() => void tick(), tickMs);
      timer.unref();
      void tick();
    },
    tick,
    async stop(graceMs = 5_000) {
      stopped = true;
      clearInterval(timer);
      let wait: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(polling.values()),
        new Promise((resolve) => {
          wait = setTimeout(resolve, graceMs);
        }),
      ]);
      clearTimeout(wait);
      // The leases go back, so that another replica need not wait them out. A store already
      // closed (or gone) has nothing to give back to: the leases then simply expire.
      try {
        const unfinished = [...polling.keys()];
        if (unfinished.length > 0) {
          // Cut short: due at once for whoever is next, rather than when its lease would run out.
          await store.db
            .updateTable('watches')
            .set({ next_poll_at: now() })
            .where('id', 'in', unfinished)
            .where('lease_owner', '=', owner)
            .execute();
        }
        // Another replica takes these over when they are due, without waiting out the lease.
        await store.db
          .updateTable('watches')
          .set({ lease_owner: null, lease_until: null })
          .where('lease_owner', '=', owner)
          .execute();
      } catch (error) {
        log({
          event: 'watch-leases-kept',
          error: error instanceof Error ? error.name : typeof error,
        });
      }
    },
    halt() {
      stopped = true;
      clearInterval(timer);
    },
    inFlight: () => polling.size,
  };
}
