import { beforeAll, describe, expect, it } from 'vitest';
import {
  PROXY_ERROR,
  type NotifyTargetsResponse,
  type Watch,
  type WatchesResponse,
} from '../../common/contract.ts';
import type { Env } from '../config/variables.ts';
import { MAX_ACTIVE_PER_USER, startWatch } from '../memory/watches.ts';
import type { Store } from '../store/open.ts';
import { startApp, type AppUnderTest } from '../testing/app.ts';
import { fakeUpstream, getJson, PROJECT, type Running } from '../testing/servers.ts';
import { ENGINES, storeEngines, type Engine } from '../testing/store-engines.ts';

const HOOK = 'http://127.0.0.1:9/secret-hook-path-4f1c';
const TARGETS: Env = {
  NOTIFY_TARGETS: `inc=webhook:${HOOK},ops=slack:https://hooks.slack.example/services/T0/B0/xyzzy`,
  NOTIFY_WEBHOOK_SECRET: 'k'.repeat(32),
};
const JOB = 'job-watched-1';

const engines = storeEngines({ close: 'afterAll' });

async function app(engine: Engine, env: Env = TARGETS): Promise<AppUnderTest> {
  const where = await engines.settings(engine);
  const store: Env =
    where.engine === 'postgres'
      ? { DATABASE_URL: where.url }
      : { SFS_TURBO_DATA_DIR: where.dataDir };
  const started = await startApp({ ...store, ...env }, { fakeDist: true });
  engines.closeLater(started);
  return started;
}

const post = (base: AppUnderTest, body: unknown, headers: Record<string, string> = {}) =>
  getJson(`${base.url}/api/watches`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const request = { region: 'eu-de', projectId: PROJECT, jobId: JOB, target: 'inc' };

const storeOf = (base: AppUnderTest): Store => {
  const store = base.server.app.memory.store();
  if (!store) throw new Error('store not open');
  return store;
};

describe.each(ENGINES)('the watch routes on %s', (engine) => {
  let api: AppUnderTest;
  beforeAll(async () => {
    api = await app(engine);
  });

  it('names the destinations, never their addresses', async () => {
    const answer = await getJson(`${api.url}/api/notify-targets`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual<NotifyTargetsResponse>({
      targets: [
        { name: 'inc', kind: 'webhook' },
        { name: 'ops', kind: 'slack' },
      ],
    });
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.text).not.toMatch(/http|secret-hook|slack\.example|127\.0\.0\.1/);
  });

  it('starts a watch (201), finds it again rather than making a second (200), lists and removes it', async () => {
    const created = await post(api, { ...request, subJobFailures: true });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const watch = created.body as Watch;
    expect(watch).toEqual<Watch>({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      region: 'eu-de',
      projectId: PROJECT,
      jobId: JOB,
      target: 'inc',
      subJobFailures: true,
      createdBy: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
      state: 'active',
      endedAt: null,
      lastStatus: null,
      deliveries: [],
    });
    expect(created.text).not.toMatch(/hook|127\.0\.0\.1|addr:/);
    expect(api.log.at(-1)).toMatchObject({ route: 'api:watches', status: 201, watch: watch.id });
    expect(JSON.stringify(api.log)).not.toContain('secret-hook');

    const again = await post(api, request);
    expect(again.status).toBe(200);
    expect((again.body as Watch).id).toBe(watch.id);
    const otherTarget = await post(api, { ...request, target: 'ops' });
    expect(otherTarget.status).toBe(201);
    expect((otherTarget.body as Watch).id).not.toBe(watch.id);

    const list = await getJson(`${api.url}/api/watches`);
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('no-store');
    const listed = (list.body as WatchesResponse).watches.filter((item) => item.jobId === JOB);
    expect(listed.map((item) => item.id).sort()).toEqual(
      [watch.id, (otherTarget.body as Watch).id].sort(),
    );

    const removed = await fetch(`${api.url}/api/watches/${watch.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect(removed.headers.get('cache-control')).toBe('no-store');
    expect(await removed.text()).toBe('');
    const after = (await getJson(`${api.url}/api/watches`)).body as WatchesResponse;
    expect(after.watches.find((item) => item.id === watch.id)).toMatchObject({
      state: 'removed',
      endedAt: expect.any(String) as string,
    });
    // Removed: the next request starts a new one.
    expect((await post(api, request)).status).toBe(201);

    const unknown = await getJson(`${api.url}/api/watches/00000000-0000-4000-8000-000000000000`, {
      method: 'DELETE',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ errCode: PROXY_ERROR.notFound });
    // A malformed ID is said to be malformed (it was "only GET, HEAD are allowed").
    const malformed = await getJson(`${api.url}/api/watches/not-a-uuid`, { method: 'DELETE' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({
      errCode: PROXY_ERROR.badRequest,
      errMsg: 'Watch ID is malformed',
    });
  });

  it('refuses what is not a watch request, with a clear message', async () => {
    const cases: [unknown, Record<string, string>, number, RegExp][] = [
      [request, { 'Content-Type': 'text/plain' }, 415, /Content-Type: application\/json/],
      ['{"region":', {}, 400, /not valid JSON/],
      [{ ...request, extra: 1 }, {}, 400, /extra/],
      [{ ...request, target: 7 }, {}, 400, /"target"/],
      [{ ...request, projectId: 'ABC' }, {}, 400, /Project ID must be 32/],
      [{ ...request, jobId: '../x' }, {}, 400, /Job ID must be/],
      [{ ...request, region: 'xx-nowhere-9' }, {}, 400, /Region xx-nowhere-9 is not configured/],
      [
        { ...request, target: 'pager' },
        {},
        400,
        /No destination named "pager": pick one of inc, ops/,
      ],
      [{ ...request, target: 'https://evil.example/x' }, {}, 400, /No destination named given/],
      [{ ...request, padding: 'x'.repeat(5000) }, {}, 413, /at most 4096 bytes/],
    ];
    for (const [body, headers, status, message] of cases) {
      const answer = await post(api, body, headers);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect((answer.body as { errMsg: string }).errMsg).toMatch(message);
      expect(answer.text).not.toContain('evil.example');
    }
    const unknownRegion = await post(api, { ...request, region: 'xx-nowhere-9' });
    expect(unknownRegion.body).toMatchObject({ errCode: PROXY_ERROR.unknownRegion });
    const put = await getJson(`${api.url}/api/watches`, { method: 'PUT' });
    expect(put.status).toBe(405);
  });

  it('refuses a POST another site made the browser send, and starts nothing', async () => {
    const before = ((await getJson(`${api.url}/api/watches`)).body as WatchesResponse).watches;
    const answer = await post(
      api,
      { ...request, jobId: 'job-cross-site' },
      { 'Sec-Fetch-Site': 'cross-site' },
    );
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ errCode: PROXY_ERROR.crossSite });
    const after = ((await getJson(`${api.url}/api/watches`)).body as WatchesResponse).watches;
    expect(after).toHaveLength(before.length);
    const rows = await storeOf(api)
      .db.selectFrom('watches')
      .select('id')
      .where('job_id', '=', 'job-cross-site')
      .execute();
    expect(rows).toEqual([]);
  });

  it(`holds one user to ${MAX_ACTIVE_PER_USER} active watches`, async () => {
    const capped = await app(engine);
    const store = storeOf(capped);
    for (let index = 0; index < MAX_ACTIVE_PER_USER; index += 1) {
      await startWatch(
        store,
        {
          ...request,
          jobId: `job-cap-${index}`,
          subJobFailures: false,
          createdBy: 'addr:127.0.0.1',
          createdByName: null,
        },
        Date.now() + 3_600_000,
      );
    }
    const refused = await post(capped, { ...request, jobId: 'job-cap-extra' });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ errCode: PROXY_ERROR.rateLimited });
    expect(refused.headers.get('retry-after')).toBe('60');
    // Another user's watches are not theirs to count.
    await store.db.updateTable('watches').set({ created_by: 'user:someone-else' }).execute();
    expect((await post(capped, { ...request, jobId: 'job-cap-extra' })).status).toBe(201);
  });

  it('answers 503 while the store is not open', async () => {
    const opening = await app(engine);
    const memory = opening.server.app.memory;
    const open = memory.store;
    memory.store = () => undefined;
    try {
      for (const [path, method] of [
        ['/api/watches', 'GET'],
        ['/api/watches', 'POST'],
        ['/api/notify-targets', 'GET'],
        ['/api/watches/00000000-0000-4000-8000-000000000000', 'DELETE'],
      ] as const) {
        const answer = await getJson(`${opening.url}${path}`, {
          method,
          headers: { 'Content-Type': 'application/json' },
          ...(method === 'POST' ? { body: JSON.stringify(request) } : {}),
        });
        expect(answer.status, `${method} ${path}`).toBe(503);
        expect(answer.body).toMatchObject({ errCode: PROXY_ERROR.storeUnavailable });
        expect(answer.headers.get('retry-after')).toBe('5');
      }
    } finally {
      memory.store = open;
    }
  });
});

describe('watching with no destinations, or in a region the credential may not go to', () => {
  let upstream: Running;
  beforeAll(async () => {
    upstream = await fakeUpstream();
    engines.closeLater(upstream);
  });

  it('says watching is off when no destination is configured', async () => {
    const off = await app('sqlite', {});
    expect((await getJson(`${off.url}/api/notify-targets`)).body).toEqual({ targets: [] });
    const answer = await post(off, request);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      errCode: PROXY_ERROR.badRequest,
      errMsg: expect.stringMatching(/Watching is off.*NOTIFY_TARGETS/) as string,
    });
  });

  it('refuses a region outside SFS_TURBO_REGIONS with the lookup’s words (403), and sends nothing', async () => {
    const scoped = await app('sqlite', {
      ...TARGETS,
      SFS_TURBO_ENDPOINT: upstream.url,
      OS_TOKEN: 'watch-test-token-0123456789',
      SFS_TURBO_REGIONS: 'eu-de',
    });
    const answer = await post(scoped, { ...request, region: 'eu-nl' });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      errCode: PROXY_ERROR.regionNotAllowed,
      errMsg: expect.stringMatching(
        /region eu-nl.*It serves eu-de \(SFS_TURBO_REGIONS\)/,
      ) as string,
    });
    const lookup = await getJson(`${scoped.url}/api/eu-nl/v1/${PROJECT}/sfs-turbo/jobs/${JOB}`);
    expect((lookup.body as { errMsg: string }).errMsg).toBe(
      (answer.body as { errMsg: string }).errMsg,
    );
    expect((upstream as Running & { seen: unknown[] }).seen).toHaveLength(0);
  });
});
