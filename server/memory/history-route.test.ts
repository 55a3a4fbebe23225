import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { historyApiPath, PROXY_ERROR, type HistoryResponse } from '../../common/contract.ts';
import type { Env } from '../config/variables.ts';
import { NO_SECRETS } from '../credentials/leak-check.ts';
import { staticToken } from '../credentials/provider.ts';
import type { ApiContext } from '../proxy/api-context.ts';
import { history } from '../proxy/steps/history.ts';
import { startApp, type AppUnderTest } from '../testing/app.ts';
import { startTestPostgres, type TestPostgres } from '../testing/postgres.ts';
import {
  fakeUpstream,
  getJson,
  JOB,
  jobPath,
  listen,
  PROJECT,
  type Closable,
} from '../testing/servers.ts';

const TOKEN = 'MIIEhistory-route-token-0123456789abcdefghij';

let postgres: TestPostgres;
let databases = 0;
const dirs: string[] = [];
const cleanup: Closable[] = [];

beforeAll(async () => {
  postgres = await startTestPostgres();
}, 120_000);
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((running) => running.close()));
});
afterAll(async () => {
  await postgres?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function track<T extends Closable>(running: Promise<T>): Promise<T> {
  const value = await running;
  cleanup.push(value);
  return value;
}

/** A cloud whose answer the test sets: a job body (200), or `404` once it forgot the job. */
async function cloud() {
  const state: { body: Record<string, unknown> | 404; requests: number } = {
    body: { job_id: JOB, status: 'running', sub_jobs: [{ job_id: 's1', status: 'running' }] },
    requests: 0,
  };
  const upstream = await track(
    fakeUpstream((_req: IncomingMessage, res: ServerResponse) => {
      state.requests += 1;
      const requestId = `req-${state.requests}`;
      if (state.body === 404) {
        res.writeHead(404, { 'Content-Type': 'application/json', 'X-request-id': requestId });
        res.end(JSON.stringify({ errCode: 'SFS.TURBO.0019', errMsg: 'Invalid Job Id' }));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-request-id': requestId });
      res.end(JSON.stringify(state.body));
    }),
  );
  return { upstream, state };
}

function appOn(env: Env, simulatorUrl: string): Promise<AppUnderTest> {
  return track(
    startApp(
      { RATE_LIMIT_UPSTREAM_PER_MIN: '1000000', ...env },
      { simulatorUrl, coalesce: false, fakeDist: true },
    ),
  );
}

const historyUrl = (app: AppUnderTest, region = 'eu-de', project = PROJECT, job = JOB) =>
  `${app.url}${historyApiPath(region, project, job)}`;

/** The history once it satisfies `done`: the writes run after the lookup's answer. */
async function historyWhen(
  app: AppUnderTest,
  done: (history: HistoryResponse) => boolean,
): Promise<HistoryResponse> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const answer = await getJson(historyUrl(app));
    if (answer.status === 200 && done(answer.body as HistoryResponse)) {
      return answer.body as HistoryResponse;
    }
    if (Date.now() > deadline) {
      throw new Error(`history never got there: ${answer.status} ${answer.text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const engines: [string, () => Promise<Env>][] = [
  [
    'sqlite',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'sfs-history-route-'));
      dirs.push(dir);
      return Promise.resolve({ SFS_TURBO_DATA_DIR: dir });
    },
  ],
  [
    'postgres',
    async () => {
      databases += 1;
      return { DATABASE_URL: await postgres.createDatabase(`history_route_${databases}`) };
    },
  ],
];

describe.each(engines)('GET /api/history on %s', (_engine, storeEnv) => {
  it('is 404 before the job was seen, then lists its changes, and says when the cloud forgot it', async () => {
    const { upstream, state } = await cloud();
    const app = await appOn(await storeEnv(), upstream.url);

    const before = await getJson(historyUrl(app));
    expect(before.status).toBe(404);
    expect(before.body).toEqual({
      errCode: PROXY_ERROR.notFound,
      errMsg: 'This dashboard has not seen this job',
    });
    expect(before.headers.get('cache-control')).toBe('no-store');
    expect(state.requests).toBe(0);

    expect((await getJson(`${app.url}${jobPath()}`)).status).toBe(200);
    const first = await historyWhen(app, (h) => h.changes.length === 1);
    expect(first).toMatchObject({
      region: 'eu-de',
      projectId: PROJECT,
      jobId: JOB,
      truncated: false,
      goneSince: null,
      changes: [
        {
          requestId: 'req-1',
          viewer: null,
          changed: [],
          facts: { status: 'running', subJobs: { running: 1 } },
        },
      ],
      first: { requestId: 'req-1', body: state.body },
    });
    expect(first.changes[0]?.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    state.body = {
      job_id: JOB,
      status: 'failed',
      error_code: 'SFS.TURBO.0029',
      sub_jobs: [{ job_id: 's1', status: 'failed' }],
    };
    expect((await getJson(`${app.url}${jobPath()}`)).status).toBe(200);
    const changed = await historyWhen(app, (h) => h.changes.length === 2);
    expect(changed.changes[1]).toMatchObject({
      requestId: 'req-2',
      changed: ['status', 'errorCode', 'subJobs', 'failedSubJobs'],
    });
    expect(changed.latest.body).toEqual(state.body);

    state.body = 404;
    expect((await getJson(`${app.url}${jobPath()}`)).status).toBe(404);
    const gone = await historyWhen(app, (h) => h.goneSince !== null);
    expect(gone.changes).toHaveLength(2);
    expect(gone.latest.body).toMatchObject({ status: 'failed' });

    const answer = await getJson(historyUrl(app));
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    const head = await fetch(historyUrl(app), { method: 'HEAD' });
    expect(head.status).toBe(200);
    // The history answered from the store: only the three lookups reached the cloud.
    expect(state.requests).toBe(3);
  });

  it('refuses a cross-site request, malformed IDs and other methods, without reading anything', async () => {
    const { upstream, state } = await cloud();
    const app = await appOn(await storeEnv(), upstream.url);
    const crossSite = await getJson(historyUrl(app), {
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body).toMatchObject({ errCode: PROXY_ERROR.crossSite });
    for (const path of [
      `/api/history/eu-de/NOT-HEX/${JOB}`,
      `/api/history/eu-de/${PROJECT}/-bad-`,
      `/api/history/EU_DE/${PROJECT}/${JOB}`,
      `/api/history/eu-de/${PROJECT}/${JOB}?x=1`,
    ]) {
      const answer = await getJson(`${app.url}${path}`);
      expect(answer.status, path).toBe(400);
      expect(answer.body, path).toMatchObject({ errCode: PROXY_ERROR.badRequest });
    }
    const post = await getJson(historyUrl(app), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(state.requests).toBe(0);
  });

  it('survives a restart on the same store', async () => {
    const { upstream } = await cloud();
    const env = await storeEnv();
    const first = await appOn(env, upstream.url);
    await getJson(`${first.url}${jobPath()}`);
    const seen = await historyWhen(first, (h) => h.changes.length === 1);
    await first.close();
    const second = await appOn(env, upstream.url);
    expect((await getJson(historyUrl(second))).body).toEqual(seen);
  });
});

describe('GET /api/history behind sign-in (header mode)', () => {
  it('is refused to whom access control refuses, and names who was looking', async () => {
    const { upstream } = await cloud();
    const app = await appOn(
      { AUTH_MODE: 'header', AUTH_ALLOWED_GROUPS: 'sfs-support' },
      upstream.url,
    );
    const alice = { 'X-Forwarded-User': 'alice', 'X-Forwarded-Groups': 'sfs-support' };
    expect((await getJson(`${app.url}${jobPath()}`, { headers: alice })).status).toBe(200);
    const signedOut = await getJson(historyUrl(app));
    expect(signedOut.status).toBe(401);
    expect(signedOut.body).toMatchObject({ errCode: PROXY_ERROR.unauthenticated });
    const otherGroup = await getJson(historyUrl(app), {
      headers: { 'X-Forwarded-User': 'mallory', 'X-Forwarded-Groups': 'sales' },
    });
    expect(otherGroup.status).toBe(403);
    expect(otherGroup.body).toMatchObject({ errCode: PROXY_ERROR.forbidden });
    const deadline = Date.now() + 10_000;
    let seen = await getJson(historyUrl(app), { headers: alice });
    while (seen.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen = await getJson(historyUrl(app), { headers: alice });
    }
    expect(seen.status).toBe(200);
    expect((seen.body as HistoryResponse).changes[0]?.viewer).toBe('alice');
  });
});

describe('GET /api/history with a real credential', () => {
  it('refuses a region the credential may not go to, and keeps no answer that echoed the credential', async () => {
    const upstream = await track(
      fakeUpstream((req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ status: 'running', echo: req.headers['x-auth-token'] }));
      }),
    );
    const app = await track(
      startApp(
        { RATE_LIMIT_UPSTREAM_PER_MIN: '1000000' },
        {
          config: { endpointOverride: upstream.url },
          credentials: staticToken(TOKEN, 'OS_TOKEN'),
          coalesce: false,
          fakeDist: true,
        },
      ),
    );
    const notAllowed = await getJson(historyUrl(app, 'eu-nl'));
    expect(notAllowed.status).toBe(403);
    expect(notAllowed.body).toMatchObject({ errCode: PROXY_ERROR.regionNotAllowed });

    const lookup = await getJson(`${app.url}${jobPath()}`);
    expect(lookup.body).toMatchObject({ errCode: PROXY_ERROR.upstreamLeak });
    // Give the queue its turn: had the answer been recorded, it would be there by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await app.server.app.memory.opened;
    expect((await getJson(historyUrl(app))).status).toBe(404);
    expect(
      await app.server.app.metrics.registry.getSingleMetricAsString('sfs_turbo_observations_total'),
    ).toMatch(/result="skipped"} 1/);
    expect(upstream.seen).toHaveLength(1);
  });
});

describe('the history step', () => {
  it('answers 503 with a reason while the store is not open, never reading upstream', async () => {
    const step = history({ read: () => undefined });
    const server = await track(
      listen((req, res) => {
        const api = {
          id: 'test',
          peer: '127.0.0.1',
          client: '127.0.0.1',
          viaTrustedProxy: false,
          path: '/',
          log: {},
          route: { kind: 'history', region: 'eu-de', projectId: PROJECT, jobId: JOB },
          secrets: NO_SECRETS,
          admit: () => ({ ok: true }),
        } as ApiContext;
        void step(req, res, api, () => Promise.reject(new Error('passed on')));
      }),
    );
    const answer = await getJson(server.url);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    expect(answer.body).toMatchObject({
      errCode: PROXY_ERROR.storeUnavailable,
      errMsg: expect.stringMatching(/store is not open/),
    });
  });
});
