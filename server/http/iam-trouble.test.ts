import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeDist, startApp, type AppUnderTest } from '../testing/app.ts';
import { fakeUpstream, jobPath, listen, rawRequest, type Running } from '../testing/servers.ts';

/*
 * The production server in IAM password mode against a fake IAM and a fake SFS Turbo
 * endpoint on loopback: what a refused or failing IAM login does to readiness and metrics,
 * and how the login budget is shared between clients.
 */
const PASSWORD = `iam-trouble-${randomBytes(8).toString('hex')}`;
const USER = 'desk-user-7f3a';
const DOMAIN = 'desk-domain-7f3a';
const REFUSED = 'bad00000000000000000000000000bad';
const OUTAGE = '50350350350350350350350350350350';
const LOGINS_PER_MIN = 9; // one client's share: 3

function project(n: number): string {
  return n.toString(16).padStart(32, 'a');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** IAM: refuses REFUSED (401), fails OUTAGE (503), else issues a fresh token (1 h). */
async function fakeIam(): Promise<Running & { logins: string[]; tokens: Map<string, string> }> {
  const logins: string[] = [];
  const tokens = new Map<string, string>();
  const running = await listen((req, res) => {
    void readBody(req).then((body) => {
      const projectId = (JSON.parse(body) as { auth: { scope: { project: { id: string } } } }).auth
        .scope.project.id;
      logins.push(projectId);
      if (projectId === REFUSED || projectId === OUTAGE) {
        res.writeHead(projectId === REFUSED ? 401 : 503, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'IAM.0001', message: `no for ${USER}` } }));
        return;
      }
      const token = `token-${logins.length}-${randomBytes(8).toString('hex')}`;
      tokens.set(projectId, token);
      res.writeHead(201, { 'Content-Type': 'application/json', 'X-Subject-Token': token });
      res.end(
        JSON.stringify({ token: { expires_at: new Date(Date.now() + 3600_000).toISOString() } }),
      );
    });
  });
  return Object.assign(running, { logins, tokens });
}

let dist: ReturnType<typeof fakeDist>;
let iam: Awaited<ReturnType<typeof fakeIam>>;
/** Tokens the fake cloud answers 401 to (as if IAM had revoked them). */
const rejected = new Set<string>();
let upstream: Awaited<ReturnType<typeof fakeUpstream>>;
let desk: AppUnderTest;

beforeAll(async () => {
  dist = fakeDist();
  upstream = await fakeUpstream((req, res) => {
    const token = String(req.headers['x-auth-token'] ?? '');
    const refuse = rejected.has(token);
    res.writeHead(refuse ? 401 : 200, { 'Content-Type': 'application/json' });
    res.end(refuse ? '{"error_code":"APIGW.0301"}' : '{"job_id":"j","status":"success"}');
  });
});
afterAll(async () => {
  await upstream?.close();
  dist?.remove();
});
beforeEach(async () => {
  iam = await fakeIam();
  rejected.clear();
  desk = await startApp({
    SFS_TURBO_DIST: dist.dir,
    SFS_TURBO_ENDPOINT: upstream.url,
    OS_AUTH_URL: `${iam.url}/v3`,
    OS_USERNAME: USER,
    OS_PASSWORD: PASSWORD,
    OS_USER_DOMAIN_NAME: DOMAIN,
    OS_AUTH_MAX_LOGINS_PER_MIN: String(LOGINS_PER_MIN),
  });
});
afterEach(async () => {
  await desk?.close();
  await iam?.close();
});

/** A lookup from `client` (the desk believes loopback's X-Forwarded-For). */
const lookup = (projectId: string, client = '192.0.2.10', job?: string) =>
  rawRequest(desk.port, jobPath('eu-de', projectId, job), 'GET', `X-Forwarded-For: ${client}\r\n`);
const errCode = (body: string) => (JSON.parse(body) as { errCode?: string }).errCode;
const metricValue = async (series: string) => {
  const text = (await rawRequest(desk.port, '/metrics')).body;
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('readiness through IAM trouble', () => {
  it('stays ready after a refused project login and an IAM 503, naming nothing of the credential', async () => {
    const refused = await lookup(REFUSED);
    expect([refused.status, errCode(refused.body)]).toEqual([401, 'PROXY.AUTH_FAILED']);
    const outage = await lookup(OUTAGE);
    expect([outage.status, errCode(outage.body)]).toEqual([502, 'PROXY.AUTH_FAILED']);
    expect(iam.logins).toEqual([REFUSED, OUTAGE]);

    const ready = await rawRequest(desk.port, '/readyz');
    expect([ready.status, JSON.parse(ready.body)]).toEqual([200, { status: 'ready' }]);
    for (const word of [USER, DOMAIN, iam.url, String(iam.port), PASSWORD, 'clouds.yaml']) {
      expect(ready.raw).not.toContain(word);
    }
  });

  it('counts logins by result in /metrics, with the time of the last success', async () => {
    expect(await metricValue('sfs_turbo_iam_last_successful_login_timestamp_seconds')).toBe(0);
    const before = Date.now() / 1000;
    expect((await lookup(project(1))).status).toBe(200);
    await lookup(REFUSED);
    await lookup(OUTAGE);
    await lookup(REFUSED); // paused: not attempted
    expect(await metricValue('sfs_turbo_iam_logins_total{result="success"}')).toBe(1);
    expect(await metricValue('sfs_turbo_iam_logins_total{result="refused"}')).toBe(1);
    expect(await metricValue('sfs_turbo_iam_logins_total{result="error"}')).toBe(1);
    expect(await metricValue('sfs_turbo_iam_logins_total{result="rate_limited"}')).toBe(1);
    const last = await metricValue('sfs_turbo_iam_last_successful_login_timestamp_seconds');
    expect(last).toBeGreaterThanOrEqual(Math.floor(before));
    expect(last).toBeLessThanOrEqual(Date.now() / 1000);
    const metrics = (await rawRequest(desk.port, '/metrics')).body;
    for (const word of [USER, DOMAIN, PASSWORD]) expect(metrics).not.toContain(word);
  });
});

describe('the login budget, shared fairly', () => {
  it('lets one client take a third of the minute’s logins; another client still gets one', async () => {
    const burst = [];
    for (let n = 1; n <= 10; n += 1) burst.push(await lookup(project(n), '192.0.2.66'));
    expect(burst.map((answer) => answer.status)).toEqual([200, 200, 200, ...Array(7).fill(429)]);
    for (const answer of burst.slice(3)) {
      expect(errCode(answer.body)).toBe('PROXY.RATE_LIMITED');
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(iam.logins).toHaveLength(LOGINS_PER_MIN / 3);

    expect((await lookup(project(100), '192.0.2.77')).status).toBe(200);
    expect(iam.logins).toHaveLength(LOGINS_PER_MIN / 3 + 1);
  });

  it('renews the token of a project in use while logins for new projects are spent', async () => {
    expect((await lookup(project(1), '192.0.2.1')).status).toBe(200);
    expect(iam.logins).toHaveLength(1);
    // Three clients spend the rest of the minute's logins on new projects.
    for (const client of [2, 3, 4]) {
      for (let n = 0; n < 3; n += 1) await lookup(project(client * 10 + n), `192.0.2.${client}`);
    }
    expect(iam.logins).toHaveLength(LOGINS_PER_MIN);
    expect((await lookup(project(999), '192.0.2.5')).status).toBe(429);

    // The cloud rejects the watched project's token: one fresh login, and the lookup succeeds.
    const watched = iam.tokens.get(project(1)) ?? '';
    rejected.add(watched);
    // Another job: an answer still fresh (SFS_TURBO_CACHE_MS) would serve the same one.
    const renewed = await lookup(project(1), '192.0.2.1', '11111111-2222-3333-4444-555555555555');
    expect(renewed.status).toBe(200);
    expect(iam.logins).toHaveLength(LOGINS_PER_MIN + 1);
    expect(iam.tokens.get(project(1))).not.toBe(watched);
    expect(upstream.seen.at(-1)?.headers['x-auth-token']).toBe(iam.tokens.get(project(1)));
  });
});
