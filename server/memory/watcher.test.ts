import { describe, expect, it } from 'vitest';
import { leakCheck } from '../credentials/leak-check.ts';
import { createCoalescer } from '../proxy/coalesce.ts';
import type { Forwarded, JobRequest } from '../proxy/forward.ts';
import { createJobSource } from '../proxy/job-source.ts';
import type { TakeResult } from '../proxy/upstream-limit.ts';
import type { Store } from '../store/open.ts';
import { ENGINES, storeEngines, type Engine } from '../testing/store-engines.ts';
import { createWatcher, type Notifier, type WatcherOptions, type WatchEvent } from './watcher.ts';
import { startWatch, type WatchRow } from './watches.ts';

const PROJECT = 'e9993fc787d94b6c886cbaa340f9c0f4';
const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

const engines = storeEngines({ close: 'afterEach' });

/** Two connections to one new store: what two replicas (or two processes on one file) share. */
const twoStores = async (engine: Engine) => (await engines.open(engine, 2)) as [Store, Store];

const answer = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Forwarded => ({
  result: {
    ok: true,
    status,
    headers,
    contentType: 'application/json',
    requestId: 'req-1',
    body: Buffer.from(JSON.stringify(body)),
    ms: 1,
  },
  upstreamMs: 1,
  sent: [],
});

/** An upstream whose answers the test sets, counting what reaches it. */
function upstream(initial: Forwarded = answer(200, { status: 'running' })) {
  const state = {
    next: initial,
    sent: [] as JobRequest[],
    inFlight: new Map<string, number>(),
    mostAtOnce: 0,
    delayMs: 0,
    send: async (job: JobRequest): Promise<Forwarded> => {
      state.sent.push(job);
      const key = `${job.region}/${job.projectId}/${job.jobId}`;
      const now = (state.inFlight.get(key) ?? 0) + 1;
      state.inFlight.set(key, now);
      state.mostAtOnce = Math.max(state.mostAtOnce, now);
      try {
        if (state.delayMs > 0) {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * state.delayMs));
        }
        return state.next;
      } finally {
        state.inFlight.set(key, (state.inFlight.get(key) ?? 1) - 1);
      }
    },
  };
  return state;
}

function recording(): Notifier & { events: { watch: string; key: string }[]; bodies: unknown[] } {
  const events: { watch: string; key: string }[] = [];
  const bodies: unknown[] = [];
  return {
    events,
    bodies,
    eventSeen(watch, event: WatchEvent) {
      events.push({ watch: watch.id, key: event.key });
      bodies.push(event.body);
      return Promise.resolve();
    },
  };
}

const clock = { now: T0 };

function watcherOn(
  store: Store,
  send: (job: JobRequest) => Promise<Forwarded>,
  notifier: Notifier,
  more: Partial<WatcherOptions> = {},
) {
  return createWatcher({
    store,
    jobSource: createJobSource(send, undefined),
    notifier,
    admit: () => ({ ok: true }),
    regionUsable: () => true,
    secrets: leakCheck([]),
    now: () => clock.now,
    ...more,
  });
}

async function watch(
  store: Store,
  jobId = 'job-1',
  subJobFailures = false,
  createdBy = 'user:alice',
): Promise<WatchRow> {
  const started = await startWatch(
    store,
    {
      region: 'eu-de',
      projectId: PROJECT,
      jobId,
      target: 'inc',
      subJobFailures,
      createdBy,
      createdByName: 'Alice',
    },
    clock.now,
  );
  if (started.outcome === 'capped') throw new Error('capped');
  return started.watch;
}

const row = (store: Store, id: string) =>
  store.db.selectFrom('watches').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe.each(ENGINES)('the watcher on %s', (engine) => {
  it('polls a running job by the polling rules and ends a finished one with exactly one event', async () => {
    clock.now = T0;
    const [store, other] = await twoStores(engine);
    const cloud = upstream(answer(200, { status: 'running', begin_time: '2026-01-05 11:55:00' }));
    const notifier = recording();
    const a = watcherOn(store, cloud.send, notifier);
    const b = watcherOn(other, cloud.send, notifier);
    const started = await watch(store);

    await a.tick();
    const polled = await row(store, started.id);
    expect(polled).toMatchObject({ state: 'active', last_status: 'running', lease_owner: a.owner });
    // Five minutes old: a thirtieth of its age, 10 s.
    expect(polled.next_poll_at).toBe(T0 + 10_000);
    expect(cloud.sent).toHaveLength(1);

    cloud.next = answer(200, { status: 'FAIL' });
    clock.now += 10_000;
    // Both replicas keep trying: only the lease holder polls, and the event is seen once.
    for (let round = 0; round < 3; round += 1) {
      await Promise.all([a.tick(), b.tick()]);
      clock.now += 60_000;
    }
    expect(notifier.events).toEqual([{ watch: started.id, key: 'ended' }]);
    expect(await row(store, started.id)).toMatchObject({
      state: 'ended',
      last_status: 'FAIL',
      ended_at: T0 + 10_000,
      lease_owner: null,
    });
    expect(cloud.sent).toHaveLength(2);
  });

  it('announces each failed sub-job once, then the end, when asked to', async () => {
    clock.now = T0;
    const [store] = await twoStores(engine);
    const cloud = upstream();
    const notifier = recording();
    const watcher = watcherOn(store, cloud.send, notifier);
    const withFailures = await watch(store, 'job-1', true);
    const without = await watch(store, 'job-2', false);
    const poll = async (body: unknown) => {
      cloud.next = answer(200, body);
      await watcher.tick();
      clock.now += 60_000;
    };

    await poll({
      status: 'running',
      sub_jobs: [
        { job_id: 'sub-a', status: 'failed' },
        { job_id: 'sub-b', status: 'running' },
      ],
    });
    await poll({
      status: 'running',
      sub_jobs: [{ job_id: 'sub-a', status: 'failed' }, { job_id: 'sub-b', status: 'FAIL' }, {}],
    });
    await poll({
      status: 'failed',
      sub_jobs: [
        { job_id: 'sub-a', status: 'failed' },
        { job_id: 'sub-b', status: 'failed' },
      ],
    });

    expect(notifier.events.filter((event) => event.watch === withFailures.id)).toEqual([
      { watch: withFailures.id, key: 'sub-job-failed:sub-a' },
      { watch: withFailures.id, key: 'sub-job-failed:sub-b' },
      { watch: withFailures.id, key: 'ended' },
    ]);
    expect(notifier.events.filter((event) => event.watch === without.id)).toEqual([
      { watch: without.id, key: 'ended' },
    ]);
    expect(JSON.parse((await row(store, withFailures.id)).failures_announced)).toEqual([
      'sub-a',
      'sub-b',
    ]);
  });

  it('loses no event when the notifier fails: the same answer is seen again on the next poll', async () => {
    clock.now = T0;
    const [store] = await twoStores(engine);
    const cloud = upstream(answer(200, { status: 'success' }));
    const seen: string[] = [];
    let failing = true;
    const notifier: Notifier = {
      eventSeen(_watch, event) {
        if (failing) return Promise.reject(new Error('store busy'));
        seen.push(event.key);
        return Promise.resolve();
      },
    };
    const watcher = watcherOn(store, cloud.send, notifier);
    const started = await watch(store);
    await watcher.tick();
    expect(await row(store, started.id)).toMatchObject({ state: 'active', poll_failures: 1 });
    failing = false;
    clock.now += 5_000;
    await watcher.tick();
    expect(seen).toEqual(['ended']);
    expect((await row(store, started.id)).state).toBe('ended');
  });

  it('ends a watch as gone after an hour of 404s, and keeps one that answers again', async () => {
    clock.now = T0;
    const [store] = await twoStores(engine);
    const cloud = upstream(answer(404, { errCode: 'SFS.TURBO.0019', errMsg: 'Invalid Job Id' }));
    const notifier = recording();
    const watcher = watcherOn(store, cloud.send, notifier);
    const started = await watch(store);
    await watcher.tick();
    expect(await row(store, started.id)).toMatchObject({ state: 'active', gone_since: T0 });
    expect((await row(store, started.id)).next_poll_at).toBe(T0 + 60_000);

    // An answer in between: the hour starts again at the next 404.
    clock.now += 60_000;
    cloud.next = answer(200, { status: 'running' });
    await watcher.tick();
    expect(await row(store, started.id)).toMatchObject({ state: 'active', gone_since: null });

    cloud.next = answer(404, { errCode: 'SFS.TURBO.0019' });
    const goneFrom = (await row(store, started.id)).next_poll_at;
    clock.now = goneFrom;
    while (clock.now < goneFrom + 60 * 60_000) {
      await watcher.tick();
      expect((await row(store, started.id)).state).toBe('active');
      clock.now += 60_000;
    }
    expect(notifier.events).toEqual([]);
    await watcher.tick();
    expect(await row(store, started.id)).toMatchObject({ state: 'gone', gone_since: goneFrom });
    // The channel hears that the watch ended without the job's end, with the last status seen.
    expect(notifier.events).toEqual([{ watch: started.id, key: 'gone' }]);
    expect(notifier.bodies).toEqual([{ status: 'running' }]);
    await watcher.tick();
    expect(notifier.events).toHaveLength(1);
  });

  it('backs off on errors and honours Retry-After, never ending the watch', async () => {
    clock.now = T0;
    const [store] = await twoStores(engine);
    const cloud = upstream(answer(500, { errCode: 'SFS.TURBO.0005' }));
    const watcher = watcherOn(store, cloud.send, recording());
    const started = await watch(store);
    const delays: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await watcher.tick();
      const next = (await row(store, started.id)).next_poll_at;
      delays.push(next - clock.now);
      clock.now = next;
    }
    expect(delays).toEqual([5_000, 10_000, 20_000, 40_000]);
    cloud.next = answer(429, { error_code: 'APIG.0308' }, { 'retry-after': '120' });
    await watcher.tick();
    expect((await row(store, started.id)).next_poll_at - clock.now).toBe(120_000);
    clock.now += 120_000;
    cloud.next = {
      result: { ok: false, reason: 'timeout', detail: '10 s', ms: 10_000 },
      upstreamMs: 10_000,
      sent: [],
    };
    await watcher.tick();
    expect(await row(store, started.id)).toMatchObject({ state: 'active', poll_failures: 6 });
  });

  it('polls later when the watcher’s upstream share is spent, and loses no event', async () => {
    clock.now = T0;
    const [store] = await twoStores(engine);
    const cloud = upstream(answer(200, { status: 'success' }));
    const notifier = recording();
    const taken: string[] = [];
    let refuse = true;
    const watcher = watcherOn(store, cloud.send, notifier, {
      admit: (payer): TakeResult => {
        taken.push(payer);
        return refuse ? { ok: false, retryAfterSec: 30 } : { ok: true };
      },
    });
    const started = await watch(store, 'job-1', false, 'user:bob');
    await watcher.tick();
    expect(cloud.sent).toHaveLength(0);
    expect(await row(store, started.id)).toMatchObject({
      state: 'active',
      next_poll_at: T0 + 30_000,
    });
    expect(notifier.events).toEqual([]);
    refuse = false;
    clock.now += 29_000;
    await watcher.tick();
    expect(cloud.sent).toHaveLength(0);
    clock.now += 1_000;
    await watcher.tick();
    expect(notifier.events).toEqual([{ watch: started.id, key: 'ended' }]);
    // Counted against the one who started the watch.
    expect(taken).toEqual(['user:bob', 'user:bob']);
  });

  it('ends a watch after seven days as expired, and never polls a region it may not use', async () => {
    clock.now = T0;
    const [store] = await twoStores(engine);
    const cloud = upstream();
    const notifier = recording();
    const watcher = watcherOn(store, cloud.send, notifier, {
      regionUsable: (region) => region !== 'eu-de',
    });
    const started = await watch(store);
    await watcher.tick();
    expect(cloud.sent).toHaveLength(0);
    expect((await row(store, started.id)).state).toBe('active');
    clock.now = T0 + 7 * 24 * 60 * 60_000;
    await watcher.tick();
    expect(await row(store, started.id)).toMatchObject({ state: 'expired', ended_at: clock.now });
    expect(notifier.events).toEqual([{ watch: started.id, key: 'expired' }]);
    expect(notifier.bodies).toEqual([{ status: null }]);
  });

  it('lets one replica poll a watch at a time; another takes over when the holder dies', async () => {
    clock.now = T0;
    const [storeA, storeB] = await twoStores(engine);
    const releases: ((value: Forwarded) => void)[] = [];
    const held: JobRequest[] = [];
    const slow = (job: JobRequest) => {
      held.push(job);
      return new Promise<Forwarded>((resolve) => releases.push(resolve));
    };
    const notifier = recording();
    const a = watcherOn(storeA, slow, notifier, { owner: 'replica-a' });
    const b = watcherOn(storeB, slow, notifier, { owner: 'replica-b' });
    const started = await watch(storeA);

    const first = a.tick();
    await expect.poll(() => held.length).toBe(1);
    // A's poll is in flight: B finds nothing to claim, however often it looks.
    for (let round = 0; round < 3; round += 1) {
      clock.now += 5_000;
      await b.tick();
    }
    expect(held).toHaveLength(1);

    // A dies mid-poll: nothing is given up. B waits out the lease, then takes the watch.
    a.halt();
    clock.now = T0 + 30_001;
    const second = b.tick();
    await expect.poll(() => held.length).toBe(2);
    expect((await row(storeB, started.id)).lease_owner).toBe('replica-b');
    releases[1]?.(answer(200, { status: 'success' }));
    await second;
    expect(notifier.events).toEqual([{ watch: started.id, key: 'ended' }]);
    // A's answer arriving late changes nothing: the watch is no longer its to write or announce.
    releases[0]?.(answer(200, { status: 'success' }));
    await first;
    expect(notifier.events).toHaveLength(1);
    expect(await row(storeA, started.id)).toMatchObject({ state: 'ended', ended_at: T0 + 30_001 });
  });

  it('never polls one watch twice at once with two replicas claiming side by side', async () => {
    clock.now = T0;
    const [storeA, storeB] = await twoStores(engine);
    const cloud = upstream();
    cloud.delayMs = 5;
    const a = watcherOn(storeA, cloud.send, recording(), { owner: 'replica-a', concurrency: 7 });
    const b = watcherOn(storeB, cloud.send, recording(), { owner: 'replica-b', concurrency: 7 });
    for (let index = 0; index < 12; index += 1) await watch(storeA, `job-${index}`);
    const perRound: number[] = [];
    for (let round = 0; round < 6; round += 1) {
      const before = cloud.sent.length;
      await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
      perRound.push(cloud.sent.length - before);
      // Every other round the leases run out too, so both replicas compete for every watch.
      clock.now += round % 2 === 0 ? 31_000 : 10_000;
    }
    expect(cloud.mostAtOnce).toBe(1);
    for (const count of perRound) expect(count).toBeLessThanOrEqual(12);
    const owners = await storeA.db.selectFrom('watches').select('lease_owner').execute();
    expect(new Set(owners.map((owner) => owner.lease_owner))).toEqual(
      new Set(['replica-a', 'replica-b']),
    );
  });

  it('gives its leases up when stopped: another replica polls the next due poll without waiting', async () => {
    clock.now = T0;
    const [storeA, storeB] = await twoStores(engine);
    const cloud = upstream();
    const a = watcherOn(storeA, cloud.send, recording(), { owner: 'replica-a' });
    const b = watcherOn(storeB, cloud.send, recording(), { owner: 'replica-b' });
    const started = await watch(storeA);
    await a.tick();
    const next = (await row(storeA, started.id)).next_poll_at;
    clock.now = next;
    await b.tick();
    expect(cloud.sent).toHaveLength(1);
    await a.stop();
    expect((await row(storeA, started.id)).lease_owner).toBeNull();
    await b.tick();
    expect(cloud.sent).toHaveLength(2);
    expect((await row(storeB, started.id)).lease_owner).toBe('replica-b');
  });

  it('renews the lease of a poll that takes long, so no other replica takes the watch meanwhile', async () => {
    clock.now = T0;
    const [storeA, storeB] = await twoStores(engine);
    const releases: (() => void)[] = [];
    const slow = () =>
      new Promise<Forwarded>((resolve) =>
        releases.push(() => resolve(answer(200, { status: 'running' }))),
      );
    const a = watcherOn(storeA, slow, recording(), { owner: 'replica-a' });
    const b = watcherOn(storeB, slow, recording(), { owner: 'replica-b' });
    const started = await watch(storeA);
    const first = a.tick();
    await expect.poll(() => releases.length).toBe(1);
    for (let second = 10; second <= 60; second += 10) {
      clock.now = T0 + second * 1000;
      await a.tick();
      await b.tick();
      expect((await row(storeA, started.id)).lease_owner).toBe('replica-a');
    }
    expect((await row(storeA, started.id)).lease_until).toBe(T0 + 90_000);
    expect(releases).toHaveLength(1);
    releases[0]?.();
    await first;
  });

  it('fills a slot the moment a poll ends, not at the next tick (1,000 watches keep their pace)', async () => {
    clock.now = T0;
    const [store] = await twoStores(engine);
    const cloud = upstream();
    const watcher = watcherOn(store, cloud.send, recording(), { concurrency: 2 });
    for (let index = 0; index < 7; index += 1) await watch(store, `job-${index}`);
    // One tick, and no timer: the slots refill themselves while watches are due.
    await watcher.tick();
    await expect.poll(() => cloud.sent.length).toBe(7);
    expect(cloud.mostAtOnce).toBeLessThanOrEqual(2);
  });

  it('holds at most `concurrency` polls in flight', async () => {
    clock.now = T0;
    const [store] = await twoStores(engine);
    const releases: (() => void)[] = [];
    const slow = () =>
      new Promise<Forwarded>((resolve) =>
        releases.push(() => resolve(answer(200, { status: 'running' }))),
      );
    const watcher = watcherOn(store, slow, recording(), { concurrency: 3 });
    for (let index = 0; index < 5; index += 1) await watch(store, `job-${index}`);
    const first = watcher.tick();
    await expect.poll(() => releases.length).toBe(3);
    await watcher.tick();
    expect(watcher.inFlight()).toBe(3);
    expect(releases).toHaveLength(3);
    for (const release of releases.splice(0)) release();
    await first;
    const second = watcher.tick();
    await expect.poll(() => releases.length).toBe(2);
    for (const release of releases.splice(0)) release();
    await second;
  });
});

describe('a watch and a viewer of the same job', () => {
  it('share one upstream exchange per coalescing window', async () => {
    clock.now = T0;
    const [store] = await twoStores('sqlite');
    const cloud = upstream();
    cloud.delayMs = 20;
    const source = createJobSource(cloud.send, createCoalescer<Forwarded>(1_000));
    const watcher = createWatcher({
      store,
      jobSource: source,
      notifier: recording(),
      admit: () => ({ ok: true }),
      regionUsable: () => true,
      secrets: leakCheck([]),
      now: () => clock.now,
    });
    const started = await watch(store);
    const viewer = { payer: 'user:carol', viewer: 'Carol', admit: () => ({ ok: true }) as const };
    const job = { region: 'eu-de', projectId: PROJECT, jobId: 'job-1' };
    const [viewed] = await Promise.all([source.fetch(job, 'GET', viewer), watcher.tick()]);
    expect(cloud.sent).toHaveLength(1);
    expect((await row(store, started.id)).last_status).toBe('running');
    expect(viewed.value.result.ok).toBe(true);
  });
});
