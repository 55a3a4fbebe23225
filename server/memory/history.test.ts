import type { KyselyPlugin } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { leakCheck, NO_SECRETS } from '../credentials/leak-check.ts';
import type { Shared } from '../proxy/coalesce.ts';
import type { Forwarded } from '../proxy/forward.ts';
import { createJobSource, type Asker, type JobKey } from '../proxy/job-source.ts';
import type { Store } from '../store/open.ts';
import { ENGINES, storeEngines, type Engine } from '../testing/store-engines.ts';
import {
  createRecorder,
  historyOf,
  jobKeyOf,
  LATEST_REFRESH_MS,
  MAX_OBSERVATIONS_PER_JOB,
  prune,
  recordEntry,
  type ObservationResult,
} from './history.ts';

const PROJECT = 'e9993fc787d94b6c886cbaa340f9c0f4';
const T0 = Date.UTC(2026, 11, 5, 10, 0, 0);
const DAY = 24 * 60 * 60_000;
const SECRET = 'MIIE-test-token-0123456789abcdefghij';

const engines = storeEngines({ close: 'afterAll' });

async function freshStore(engine: Engine): Promise<Store> {
  const [store] = await engines.open(engine);
  return store!;
}

let jobs = 0;
const newJob = (): JobKey => {
  jobs += 1;
  return { region: 'eu-de', projectId: PROJECT, jobId: `job-${jobs}` };
};

function answer(
  status: number,
  body: unknown,
  at: number,
  options: { requestId?: string; sent?: string[] } = {},
): Shared<Forwarded> {
  return {
    value: {
      result: {
        ok: true,
        status,
        headers: {},
        contentType: 'application/json',
        requestId: options.requestId ?? `req-${at}`,
        body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
        ms: 1,
      },
      upstreamMs: 1,
      sent: options.sent ?? [],
    },
    at,
    coalesced: false,
  };
}

const asker = (viewer: string | null = 'alice'): Asker => ({
  payer: 'test',
  viewer,
  admit: () => ({ ok: true }),
});

const running = (jobId: string) => ({
  job_id: jobId,
  status: 'running',
  job_type: 'extend_share',
  sub_jobs: [
    { job_id: 's1', status: 'running' },
    { job_id: 's2', status: 'waiting' },
  ],
});
const subFailed = (jobId: string) => ({
  ...running(jobId),
  sub_jobs: [
    { job_id: 's1', status: 'failed', error_code: 'SFS.TURBO.0029' },
    { job_id: 's2', status: 'running' },
  ],
});

function recorderOn(store: Store, secrets = NO_SECRETS) {
  const counted: ObservationResult[] = [];
  const recorder = createRecorder({
    store,
    secrets,
    historyDays: 3650,
    count: (result) => counted.push(result),
  });
  return { recorder, counted };
}

async function row(store: Store, job: JobKey) {
  return store.db
    .selectFrom('jobs_seen')
    .selectAll()
    .where('job_key', '=', jobKeyOf(job))
    .executeTakeFirst();
}

async function observationCount(store: Store, job: JobKey): Promise<number> {
  const rows = await store.db
    .selectFrom('observations')
    .select('id')
    .where('job_key', '=', jobKeyOf(job))
    .execute();
  return rows.length;
}

describe.each(ENGINES)('history on %s', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(engine);
  }, 60_000);

  it('records the first answer whole, with its time, request ID and viewer', async () => {
    const { recorder, counted } = recorderOn(store);
    const job = newJob();
    recorder.observe(job, answer(200, running(job.jobId), T0, { requestId: 'req-first' }), asker());
    await recorder.close();
    expect(counted).toEqual(['recorded']);
    const history = await historyOf(store, job);
    expect(history).toEqual({
      region: 'eu-de',
      projectId: PROJECT,
      jobId: job.jobId,
      changes: [
        {
          at: new Date(T0).toISOString(),
          requestId: 'req-first',
          viewer: 'alice',
          facts: { status: 'running', subJobs: { running: 1, waiting: 1 } },
          changed: [],
        },
      ],
      truncated: false,
      first: { at: new Date(T0).toISOString(), requestId: 'req-first', body: running(job.jobId) },
      latest: { at: new Date(T0).toISOString(), requestId: 'req-first', body: running(job.jobId) },
      goneSince: null,
    });
  });

  it('writes nothing for unchanged answers, refreshes the latest answer after a minute, and one observation per change', async () => {
    const { recorder, counted } = recorderOn(store);
    const job = newJob();
    const body = running(job.jobId);
    recorder.observe(job, answer(200, body, T0), asker());
    recorder.observe(job, answer(200, body, T0 + 2_000), asker());
    recorder.observe(job, answer(200, body, T0 + 4_000), asker());
    await recorder.idle();
    expect((await row(store, job))?.latest_at).toBe(T0);
    expect(await observationCount(store, job)).toBe(1);

    recorder.observe(job, answer(200, body, T0 + LATEST_REFRESH_MS + 1), asker());
    await recorder.idle();
    expect((await row(store, job))?.latest_at).toBe(T0 + LATEST_REFRESH_MS + 1);
    expect(await observationCount(store, job)).toBe(1);

    recorder.observe(job, answer(200, subFailed(job.jobId), T0 + 70_000), asker('bob'));
    recorder.observe(job, answer(200, subFailed(job.jobId), T0 + 72_000), asker('bob'));
    await recorder.close();
    expect(counted).toEqual([
      'recorded',
      'unchanged',
      'unchanged',
      'unchanged',
      'recorded',
      'unchanged',
    ]);
    const history = await historyOf(store, job);
    expect(history?.changes).toHaveLength(2);
    expect(history?.changes[1]).toEqual({
      at: new Date(T0 + 70_000).toISOString(),
      requestId: `req-${T0 + 70_000}`,
      viewer: 'bob',
      facts: { status: 'running', subJobs: { failed: 1, running: 1 }, failedSubJobs: ['s1'] },
      changed: ['subJobs', 'failedSubJobs'],
    });
    expect(history?.first.body).toEqual(running(job.jobId));
    expect(history?.latest.body).toEqual(subFailed(job.jobId));
  });

  it('marks a job gone at its first 404, once, and clears that when the cloud answers again', async () => {
    const { recorder, counted } = recorderOn(store);
    const job = newJob();
    const unseen = newJob();
    const notFound = { errCode: 'SFS.TURBO.0019', errMsg: 'Invalid Job Id' };
    recorder.observe(unseen, answer(404, notFound, T0), asker());
    recorder.observe(job, answer(200, running(job.jobId), T0), asker());
    recorder.observe(job, answer(404, notFound, T0 + 1_000), asker());
    recorder.observe(job, answer(404, notFound, T0 + 2_000), asker());
    await recorder.idle();
    expect(await row(store, unseen)).toBeUndefined();
    expect((await historyOf(store, job))?.goneSince).toBe(new Date(T0 + 1_000).toISOString());
    recorder.observe(job, answer(200, running(job.jobId), T0 + 3_000), asker());
    await recorder.close();
    const history = await historyOf(store, job);
    expect(history?.goneSince).toBeNull();
    expect(history?.changes).toHaveLength(1);
    expect(counted).toEqual(['unchanged', 'recorded', 'recorded', 'unchanged', 'unchanged']);
  });

  it('keeps no answer that holds a credential (held or sent), nor what is not a job', async () => {
    const { recorder, counted } = recorderOn(store, leakCheck([SECRET]));
    const job = newJob();
    const sentToken = 'issued-token-ABCDEFGHIJKLMNOP-0123';
    recorder.observe(job, answer(200, { ...running(job.jobId), echo: SECRET }, T0), asker());
    recorder.observe(
      job,
      answer(200, { ...running(job.jobId), echo: Buffer.from(sentToken).toString('base64') }, T0, {
        sent: [sentToken],
      }),
      asker(),
    );
    recorder.observe(job, answer(200, '[]', T0), asker());
    recorder.observe(job, answer(200, 'not json', T0), asker());
    recorder.observe(job, answer(500, { errCode: 'SFS.TURBO.0005' }, T0), asker());
    await recorder.close();
    expect(counted).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
    expect(await row(store, job)).toBeUndefined();
    const all = await store.db.selectFrom('jobs_seen').select('first_answer').execute();
    for (const { first_answer } of all) expect(first_answer).not.toContain(SECRET);
  });

  it('does not keep the lookup waiting while the store is slow', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Every statement's result waits for the gate: a store that has stopped answering.
    const slow: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        await gate;
        return args.result;
      },
    };
    const { recorder, counted } = recorderOn({ ...store, db: store.db.withPlugin(slow) });
    const job = newJob();
    const source = createJobSource(
      () => Promise.resolve(answer(200, running(job.jobId), Date.now()).value),
      undefined,
    );
    source.observe(recorder.observe);
    const got = await source.fetch(job, 'GET', asker());
    expect(got.value.result.ok && got.value.result.status).toBe(200);
    await new Promise((resolve) => setImmediate(resolve));
    expect(recorder.pending()).toBe(1);
    expect(counted).toEqual([]);
    release();
    await recorder.close();
    expect(counted).toEqual(['recorded']);
    expect(await observationCount(store, job)).toBe(1);
  });

  it('does not hold the shutdown open for a store that hangs', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const hung: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        await gate;
        return args.result;
      },
    };
    const recorder = createRecorder({
      store: { ...store, db: store.db.withPlugin(hung) },
      secrets: NO_SECRETS,
      historyDays: 3650,
      closeWaitMs: 100,
    });
    const job = newJob();
    recorder.observe(job, answer(200, running(job.jobId), T0), asker());
    await recorder.close();
    expect(recorder.pending()).toBe(1);
    release();
    await recorder.idle();
  });

  it('drops and counts writes beyond the bound instead of queueing them', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        await gate;
        return args.result;
      },
    };
    const counted: ObservationResult[] = [];
    const recorder = createRecorder({
      store: { ...store, db: store.db.withPlugin(slow) },
      secrets: NO_SECRETS,
      historyDays: 3650,
      maxPending: 2,
      count: (result) => counted.push(result),
    });
    const job = newJob();
    for (let n = 0; n < 4; n += 1) {
      recorder.observe(job, answer(200, { status: `s${n}` }, T0 + n), asker());
    }
    expect(counted).toEqual(['dropped', 'dropped']);
    release();
    await recorder.close();
    expect(counted).toEqual(['dropped', 'dropped', 'recorded', 'recorded']);
  });

  it('retention deletes old observations and jobs whose latest answer is old, and says what it cut', async () => {
    const now = T0 + 200 * DAY;
    const old = newJob();
    const lasting = newJob();
    await recordEntry(store, old, entry({ status: 'running' }, now - 100 * DAY));
    await recordEntry(store, lasting, entry({ status: 'waiting' }, now - 95 * DAY));
    await recordEntry(store, lasting, entry({ status: 'running' }, now - 91 * DAY));
    await recordEntry(store, lasting, entry({ status: 'success' }, now - 10 * DAY));
    await prune(store, 90, now);
    expect(await row(store, old)).toBeUndefined();
    expect(await observationCount(store, old)).toBe(0);
    const history = await historyOf(store, lasting);
    expect(history?.changes.map((change) => change.facts.status)).toEqual(['success']);
    expect(history?.truncated).toBe(true);
    expect((await row(store, lasting))?.observations).toBe(1);
    // The first answer is still there whole, though its observation is gone.
    expect(history?.first.body).toEqual({ status: 'waiting' });
  });

  it('prunes when it starts', async () => {
    const job = newJob();
    await recordEntry(store, job, entry({ status: 'success' }, Date.now() - 100 * DAY));
    const recorder = createRecorder({ store, secrets: NO_SECRETS, historyDays: 90 });
    await recorder.close();
    expect(await row(store, job)).toBeUndefined();
  });

  it('counts a failing store and logs the error by name only, never throwing at the asker', async () => {
    const broken: Store = {
      ...store,
      db: store.db.withPlugin({
        transformQuery: (args) => args.node,
        transformResult: () => Promise.reject(new TypeError(`store down ${SECRET}`)),
      }),
    };
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const { recorder, counted } = recorderOn(broken);
      const job = newJob();
      expect(() =>
        recorder.observe(job, answer(200, running(job.jobId), T0), asker()),
      ).not.toThrow();
      await recorder.close();
      expect(counted).toEqual(['error']);
    } finally {
      console.error = original;
    }
    expect(logged.map((args) => args.join(' '))).toContain(
      'sfs-turbo history: an observation could not be written: TypeError',
    );
    expect(JSON.stringify(logged)).not.toContain(SECRET);
  });

  it('keeps at most 500 observations per job: the first and the newest', async () => {
    const job = newJob();
    const total = MAX_OBSERVATIONS_PER_JOB + 5;
    for (let n = 0; n < total; n += 1) {
      await recordEntry(store, job, entry({ status: `step-${n}` }, T0 + n * 1000));
    }
    const history = await historyOf(store, job);
    expect(history?.changes).toHaveLength(MAX_OBSERVATIONS_PER_JOB);
    expect(history?.truncated).toBe(true);
    expect(history?.changes[0]?.facts.status).toBe('step-0');
    expect(history?.changes[0]?.changed).toEqual([]);
    expect(history?.changes[1]?.facts.status).toBe('step-6');
    expect(history?.changes.at(-1)?.facts.status).toBe(`step-${total - 1}`);
    expect((await row(store, job))?.observations).toBe(MAX_OBSERVATIONS_PER_JOB);
  }, 60_000);
});

function entry(body: Record<string, unknown>, at: number) {
  return {
    kind: 'answer' as const,
    at,
    requestId: null,
    viewer: null,
    body: JSON.stringify(body),
    facts: { status: String(body.status) },
  };
}

describe('two replicas on one PostgreSQL', () => {
  it('record a change both saw once, and the first answer once', async () => {
    const [one, two] = (await engines.open('postgres', 2)) as [Store, Store];
    const keys = Array.from({ length: 20 }, () => newJob());
    // Each replica had its own exchange, a moment apart, and both write at once.
    await Promise.all(
      keys.flatMap((job) => [
        recordEntry(one, job, entry({ status: 'running' }, T0)),
        recordEntry(two, job, entry({ status: 'running' }, T0 + 1)),
      ]),
    );
    await Promise.all(
      keys.flatMap((job) => [
        // The same instant: only the lock, not the age of an answer, keeps the second out.
        recordEntry(one, job, entry({ status: 'failed' }, T0 + 5_000)),
        recordEntry(two, job, entry({ status: 'failed' }, T0 + 5_000)),
      ]),
    );
    for (const job of keys) {
      const history = await historyOf(one, job);
      expect(history?.changes.map((change) => change.facts.status)).toEqual(['running', 'failed']);
      expect((await row(two, job))?.observations).toBe(2);
    }
  }, 60_000);
});
