import { describe, expect, it, vi } from 'vitest';
import type { Store } from '../../store/open.ts';
import { ENGINES, storeEngines, type Engine } from '../../testing/store-engines.ts';
import {
  BACKOFF_MS,
  deliveriesOf,
  enqueue,
  LEASE_MS,
  MAX_ATTEMPTS,
  runDue,
  type DeliveryOutcome,
  type DueDelivery,
} from './deliveries.ts';
import { createNotifier } from './index.ts';
import { buildMessage } from './message.ts';
import type { SendResult } from './post.ts';

const T0 = Date.UTC(2026, 10, 29, 10, 0, 0);
const message = buildMessage({
  event: 'ended',
  body: { status: 'success', job_type: 'extend_share' },
  region: 'eu-de',
  projectId: 'e9993fc787d94b6c886cbaa340f9c0f4',
  jobId: 'job-1',
  publicUrl: undefined,
  at: T0,
  watchedBy: null,
});
const event = (watchId: string, eventKey = 'ended', target = 'inc-channel') => ({
  watchId,
  eventKey,
  target,
  message,
});
const OK: SendResult = { ok: true, status: 200 };
const RETRY: SendResult = {
  ok: false,
  retryable: true,
  reason: 'the destination answered HTTP 503 (a server error)',
};

const engines = storeEngines({ close: 'afterEach' });

/** Two replicas' stores on one database: one SQLite file, or one PostgreSQL database. */
const twoStores = async (engine: Engine) => (await engines.open(engine, 2)) as [Store, Store];

async function rows(store: Store) {
  return store.db
    .selectFrom('deliveries')
    .selectAll()
    .orderBy('created_at')
    .orderBy('watch_id')
    .orderBy('event_key')
    .execute();
}

describe.each(ENGINES)('the delivery engine on %s', (engine) => {
  it('records one event once, however often it is enqueued', async () => {
    const [a, b] = await twoStores(engine);
    expect(await enqueue(a, event('w1'), T0)).toBe(true);
    expect(await enqueue(b, event('w1'), T0 + 1)).toBe(false);
    expect(await enqueue(a, event('w1'), T0 + 2)).toBe(false);
    // Another event, another destination, another watch: each its own message.
    expect(await enqueue(b, event('w1', 'sub-job-failed:s1'), T0)).toBe(true);
    expect(await enqueue(a, event('w1', 'ended', 'ops'), T0)).toBe(true);
    expect(await enqueue(b, event('w2'), T0)).toBe(true);
    const stored = await rows(a);
    expect(stored).toHaveLength(4);
    expect(stored[0]).toMatchObject({
      watch_id: 'w1',
      event_key: 'ended',
      target: 'inc-channel',
      state: 'pending',
      attempts: 0,
      next_attempt_at: T0,
      created_at: T0,
    });
    expect(JSON.parse(stored[0]?.message ?? '')).toEqual(message);
  });

  it('two replicas racing send each message exactly once', async () => {
    const [a, b] = await twoStores(engine);
    for (let index = 0; index < 25; index += 1) await enqueue(a, event(`w${index}`), T0);
    const sent = new Map<string, string[]>();
    const replica = (store: Store, owner: string) => async () => {
      // Bounded: 25 rows need at most 3 rounds of 10; a few spare for the other's leases.
      for (let round = 0; round < 10; round += 1) {
        await runDue(store, {
          owner,
          now: () => T0,
          batch: 10,
          send: async (delivery) => {
            sent.set(delivery.id, [...(sent.get(delivery.id) ?? []), owner]);
            await new Promise((resolve) => setTimeout(resolve, 5));
            return OK;
          },
        });
      }
    };
    await Promise.all([replica(a, 'replica-a')(), replica(b, 'replica-b')()]);
    expect(sent.size).toBe(25);
    for (const owners of sent.values()) expect(owners).toHaveLength(1);
    const stored = await rows(b);
    expect(stored.every((row) => row.state === 'sent' && row.attempts === 1)).toBe(true);
    expect(stored.every((row) => row.lease_owner === null && row.sent_at === T0)).toBe(true);
  });

  it('retries after the back-off and counts each outcome', async () => {
    const [store] = await twoStores(engine);
    await enqueue(store, event('w1'), T0);
    let now = T0;
    const outcomes: [string, DeliveryOutcome][] = [];
    const results = [RETRY, { ...RETRY, retryAfterMs: 30_000 }, OK];
    const attempts: DueDelivery[] = [];
    const run = () =>
      runDue(store, {
        owner: 'r',
        now: () => now,
        send: (delivery) => {
          attempts.push(delivery);
          return Promise.resolve(results[attempts.length - 1] ?? OK);
        },
        observer: (target, outcome) => outcomes.push([target, outcome]),
      });

    expect(await run()).toBe(1);
    expect((await rows(store))[0]).toMatchObject({
      state: 'pending',
      attempts: 1,
      next_attempt_at: T0 + BACKOFF_MS[0],
      last_error: RETRY.ok ? null : RETRY.reason,
      lease_owner: null,
    });
    now = T0 + BACKOFF_MS[0] - 1;
    expect(await run()).toBe(0);
    now = T0 + BACKOFF_MS[0];
    expect(await run()).toBe(1);
    // The destination asked for 30 s, longer than the second back-off (15 s).
    expect((await rows(store))[0]).toMatchObject({ attempts: 2, next_attempt_at: now + 30_000 });
    now += 30_000;
    expect(await run()).toBe(1);
    expect((await rows(store))[0]).toMatchObject({
      state: 'sent',
      attempts: 3,
      sent_at: now,
      last_error: null,
    });
    expect(attempts.map((attempt) => attempt.attempts)).toEqual([0, 1, 2]);
    expect(attempts[0]?.message).toEqual(message);
    expect(outcomes).toEqual([
      ['inc-channel', 'retry'],
      ['inc-channel', 'retry'],
      ['inc-channel', 'sent'],
    ]);
    expect(await run()).toBe(0);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts, and at once on a refusal`, async () => {
    const [store] = await twoStores(engine);
    await enqueue(store, event('w1'), T0);
    await enqueue(store, event('w2'), T0);
    let now = T0;
    let calls = 0;
    const outcomes: DeliveryOutcome[] = [];
    const run = () =>
      runDue(store, {
        owner: 'r',
        now: () => now,
        send: (delivery) => {
          calls += 1;
          return Promise.resolve(
            delivery.watchId === 'w2'
              ? {
                  ok: false,
                  retryable: false,
                  reason: 'the destination answered HTTP 404 (a refusal)',
                }
              : RETRY,
          );
        },
        observer: (_target, outcome) => outcomes.push(outcome),
      });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS + 2; attempt += 1) {
      await run();
      now += 60 * 60_000;
    }
    expect(calls).toBe(MAX_ATTEMPTS + 1);
    const [w1, w2] = await rows(store);
    expect(w1).toMatchObject({
      state: 'failed',
      attempts: MAX_ATTEMPTS,
      last_error: `${RETRY.ok ? '' : RETRY.reason} (gave up after ${MAX_ATTEMPTS} attempts)`,
    });
    expect(w2).toMatchObject({
      state: 'failed',
      attempts: 1,
      last_error: 'the destination answered HTTP 404 (a refusal)',
    });
    expect(outcomes.filter((outcome) => outcome === 'failed')).toHaveLength(2);
    expect(outcomes.filter((outcome) => outcome === 'retry')).toHaveLength(MAX_ATTEMPTS - 1);
  });

  it('lets another replica take over a row whose holder stopped before sending, once its lease expired', async () => {
    const [a, b] = await twoStores(engine);
    await enqueue(a, event('w1'), T0);
    let releaseA: (result: SendResult) => void = () => undefined;
    let aStarted = false;
    // Replica A claims the row and hangs before its message leaves (a frozen or dying process).
    const stuck = runDue(a, {
      owner: 'replica-a',
      now: () => T0,
      send: () => {
        aStarted = true;
        return new Promise<SendResult>((resolve) => {
          releaseA = resolve;
        });
      },
    });
    await vi.waitFor(() => expect(aStarted).toBe(true));
    const sentByB: string[] = [];
    const runB = (now: number) =>
      runDue(b, {
        owner: 'replica-b',
        now: () => now,
        send: (delivery) => {
          sentByB.push(delivery.id);
          return Promise.resolve(OK);
        },
      });
    expect(await runB(T0 + LEASE_MS - 1)).toBe(0);
    expect(await runB(T0 + LEASE_MS + 1)).toBe(1);
    expect(sentByB).toHaveLength(1);
    // A comes back: its late outcome must not overwrite what B recorded.
    releaseA(RETRY);
    await stuck;
    expect((await rows(a))[0]).toMatchObject({
      state: 'sent',
      attempts: 1,
      sent_at: T0 + LEASE_MS + 1,
      lease_owner: null,
      last_error: null,
    });
    expect(await runB(T0 + 10 * LEASE_MS)).toBe(0);
  });

  it('lists each watch’s deliveries for the API', async () => {
    const [store] = await twoStores(engine);
    await enqueue(store, event('w1'), T0);
    await enqueue(store, event('w1', 'sub-job-failed:s1'), T0 - 1000);
    await enqueue(store, event('w2', 'ended', 'ops'), T0);
    await runDue(store, {
      owner: 'r',
      now: () => T0,
      send: (delivery) => Promise.resolve(delivery.target === 'ops' ? RETRY : OK),
    });
    const listed = await deliveriesOf(store, ['w1', 'w2', 'w3', 'w1']);
    expect([...listed.keys()]).toEqual(['w1', 'w2', 'w3']);
    expect(listed.get('w1')).toEqual([
      {
        event: 'sub-job-failed:s1',
        target: 'inc-channel',
        state: 'sent',
        attempts: 1,
        sentAt: new Date(T0).toISOString(),
        lastError: null,
      },
      {
        event: 'ended',
        target: 'inc-channel',
        state: 'sent',
        attempts: 1,
        sentAt: new Date(T0).toISOString(),
        lastError: null,
      },
    ]);
    expect(listed.get('w2')).toEqual([
      {
        event: 'ended',
        target: 'ops',
        state: 'pending',
        attempts: 1,
        sentAt: null,
        lastError: RETRY.ok ? null : RETRY.reason,
      },
    ]);
    expect(listed.get('w3')).toEqual([]);
    expect((await deliveriesOf(store, [])).size).toBe(0);
  });
});

describe('the notifier loop', () => {
  it('sends a message soon after it is recorded, and refuses a destination no longer configured', async () => {
    const [store] = await twoStores('sqlite');
    const sent: string[] = [];
    const outcomes: [string, DeliveryOutcome][] = [];
    const notifier = createNotifier({
      store,
      targets: [{ name: 'inc-channel', kind: 'slack', url: new URL('http://127.0.0.1:9/x') }],
      webhookSecret: undefined,
      owner: 'replica-a',
      intervalMs: 60_000,
      observer: (target, outcome) => outcomes.push([target, outcome]),
      send: (target, _message, delivery) => {
        sent.push(`${target.name}:${delivery.id}`);
        return Promise.resolve(OK);
      },
    });
    notifier.start();
    engines.closeLater({ close: () => notifier.stop() });
    // The first round finds nothing; the next comes only in a minute unless enqueue wakes it.
    await vi.waitFor(async () => expect(await notifier.runOnce()).toBe(0));
    expect(await notifier.enqueue(event('w1'))).toBe(true);
    expect(await notifier.enqueue(event('w1'))).toBe(false);
    expect(await notifier.enqueue(event('w2', 'ended', 'gone-channel'))).toBe(true);
    await vi.waitFor(() => expect(outcomes).toHaveLength(2), { timeout: 5_000 });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^inc-channel:/);
    expect(outcomes).toContainEqual(['gone-channel', 'failed']);
    const gone = (await notifier.deliveriesOf(['w2'])).get('w2');
    expect(gone?.[0]).toMatchObject({
      state: 'failed',
      lastError: 'the destination "gone-channel" is no longer in NOTIFY_TARGETS',
    });
  });
});
