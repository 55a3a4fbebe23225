import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { START_COMMAND } from '../playwright.config.ts';
import { DEMO_PROJECT_ID, SCENARIO } from '../server/simulator/simulator.ts';
import { freePort } from '../server/testing/servers.ts';
import { DEPLOY, startShippedNginx } from './nginx.ts';
import { simulatedPreviewEnv } from './preview-env.ts';

/*
 * Every file in deploy/nginx/, run as shipped by Debian's nginx in front of the built app,
 * with a client that forges the identity headers on every request. Only ports, certificate
 * paths and the sign-in service's address are the test's (startShippedNginx's `replace`).
 */
const BASE = '/sfs-turbo-jobs';
const FORGED = { 'X-Forwarded-User': 'mallory', 'X-Forwarded-Groups': 'admins' };
const METRICS_TOKEN = 'metrics-token-for-the-nginx-test';
const COVERED = [
  'upstream.conf',
  'upstream-replicas.conf',
  'sfs-turbo-jobs.conf',
  'team-example.conf',
];

const cleanups: (() => Promise<unknown>)[] = [];
test.afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function stopOnExit(child: ChildProcess): void {
  cleanups.push(async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });
}

async function listening(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return (server.address() as AddressInfo).port;
}

/** The built app (START_COMMAND) under BASE, on its own port; its output is the access log. */
async function startApp(env: Record<string, string | undefined>) {
  const port = await freePort();
  const [command = 'node', ...args] = START_COMMAND.split(' ');
  const child = spawn(command, args, {
    env: { ...process.env, ...simulatedPreviewEnv(port, 0), BASE_PATH: BASE, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  stopOnExit(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const until = Date.now() + 30_000;
  while (
    !(await fetch(`http://127.0.0.1:${port}${BASE}/readyz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > until)
      throw new Error(`the app did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { port, log: () => output };
}

/**
 * Between nginx and the app: remembers the headers of every request nginx passes on, so a
 * location that lets an identity header through is caught whatever the app then does with it.
 */
async function recorder(targetPort: number) {
  const seen: { url: string; headers: http.IncomingHttpHeaders }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: targetPort,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return { port: await listening(server), seen };
}

function expectNoForgedIdentity(seen: { url: string; headers: http.IncomingHttpHeaders }[]) {
  expect(seen.length).toBeGreaterThan(0);
  for (const { url, headers } of seen) {
    expect(headers['x-forwarded-user'] ?? '', url).not.toContain('mallory');
    expect(headers['x-forwarded-groups'] ?? '', url).not.toContain('admins');
  }
}

test('every shipped nginx file is run by a test here', () => {
  const shipped = readdirSync(DEPLOY).filter((file) => file.endsWith('.conf'));
  expect(new Set(shipped)).toEqual(new Set(COVERED));
});

test.describe('sfs-turbo-jobs.conf with upstream.conf', () => {
  let front: string;
  let seen: Awaited<ReturnType<typeof recorder>>['seen'];
  let app: Awaited<ReturnType<typeof startApp>>;

  test.beforeAll(async () => {
    // Header mode behind a config without sign-in: a header nginx let through would sign in.
    app = await startApp({ AUTH_MODE: 'header', TRUSTED_PROXIES: '127.0.0.1', METRICS_TOKEN });
    const tap = await recorder(app.port);
    seen = tap.seen;
    const port = await freePort();
    front = `http://127.0.0.1:${port}`;
    const nginx = await startShippedNginx({
      http: ['upstream.conf'],
      locations: ['sfs-turbo-jobs.conf'],
      port,
      replace: { 'upstream.conf': [['server 127.0.0.1:5173;', `server 127.0.0.1:${tap.port};`]] },
      probe: `${front}${BASE}`,
    });
    cleanups.push(() => nginx.close());
  });

  test('no location passes on forged identity headers; health, readiness and metrics reach the app', async () => {
    const session = await fetch(`${front}${BASE}/api/session`, { headers: FORGED });
    expect(session.status).toBe(401);
    expect(await session.json()).toMatchObject({ errCode: 'PROXY.UNAUTHENTICATED' });
    expect((await fetch(`${front}${BASE}/`, { headers: FORGED })).status).toBe(401);
    const healthz = await fetch(`${front}${BASE}/healthz`, { headers: FORGED });
    expect([healthz.status, await healthz.json()]).toEqual([200, { status: 'ok' }]);
    expect((await fetch(`${front}${BASE}/readyz`, { headers: FORGED })).status).toBe(200);
    const metrics = await fetch(`${front}${BASE}/metrics`, {
      headers: { ...FORGED, Authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('sfs_turbo_http_requests_total');
    expect((await fetch(`${front}${BASE}`, { headers: FORGED, redirect: 'manual' })).status).toBe(
      308,
    );
    expectNoForgedIdentity(seen);
    expect(app.log()).not.toContain('mallory');
  });
});

test.describe('two replicas: upstream-replicas.conf, one shared simulator', () => {
  let front: string;
  let replicas: Awaited<ReturnType<typeof startApp>>[];

  test.beforeAll(async () => {
    // The standalone simulator as a production install runs it: built, without tsx.
    const simulatorPort = await freePort();
    const simulator = spawn(
      process.execPath,
      ['dist-server/simulator.js', '--port', String(simulatorPort)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    stopOnExit(simulator);
    await new Promise<void>((resolve, reject) => {
      simulator.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString('utf8').includes('listening on')) resolve();
      });
      simulator.once('exit', () => reject(new Error('the simulator did not start')));
    });
    const shared = {
      SFS_TURBO_SIMULATOR: '1',
      SFS_TURBO_ENDPOINT: `http://127.0.0.1:${simulatorPort}`,
      SFS_TURBO_CACHE_MS: '0',
    };
    replicas = [await startApp(shared), await startApp(shared)];
    const port = await freePort();
    front = `http://127.0.0.1:${port}`;
    const nginx = await startShippedNginx({
      http: ['upstream-replicas.conf'],
      locations: ['sfs-turbo-jobs.conf'],
      port,
      replace: {
        'upstream-replicas.conf': [
          ['server 127.0.0.1:5173 ', `server 127.0.0.1:${replicas[0]!.port} `],
          ['server 127.0.0.1:5174 ', `server 127.0.0.1:${replicas[1]!.port} `],
        ],
      },
      probe: `${front}${BASE}`,
    });
    cleanups.push(() => nginx.close());
  });

  test('both replicas answer, with the simulated-data banner, the demo list and one clock', async () => {
    const regions = (await (await fetch(`${front}${BASE}/api/regions`)).json()) as {
      simulated: boolean;
      demoJobs: unknown[];
    };
    expect(regions.simulated).toBe(true);
    expect(regions.demoJobs.length).toBeGreaterThan(10);
    const live = `${front}${BASE}/api/eu-de/v1/${DEMO_PROJECT_ID}/sfs-turbo/jobs/${SCENARIO.incidentSecurityGroup}`;
    const begins = new Set<string>();
    for (let poll = 0; poll < 6; poll++) {
      const body = (await (await fetch(live, { headers: FORGED })).json()) as {
        begin_time: string;
      };
      begins.add(body.begin_time);
    }
    expect([...begins]).toHaveLength(1);
    for (const replica of replicas) expect(replica.log()).toContain('"route":"api:job"');
  });
});

test.describe('team-example.conf: TLS and oauth2-proxy in front', () => {
  let ports: { http: number; https: number };
  let seen: Awaited<ReturnType<typeof recorder>>['seen'];
  const signInSaw: http.IncomingHttpHeaders[] = [];
  let app: Awaited<ReturnType<typeof startApp>>;

  /** A stand-in for oauth2-proxy: 202 with the user for a known cookie, else 401. */
  async function signInService(): Promise<number> {
    const server = http.createServer((req, res) => {
      signInSaw.push(req.headers);
      if (req.url === '/oauth2/auth') {
        if (req.headers.cookie === 'sso=alice') {
          res.writeHead(202, {
            'X-Auth-Request-User': 'alice',
            'X-Auth-Request-Groups': 'sfs-support,staff',
          });
        } else res.writeHead(401);
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('oauth2-proxy sign-in page');
    });
    return listening(server);
  }

  function get(pathname: string, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; body: string; location?: string }>((resolve, reject) => {
      const request = https.get(
        {
          host: '127.0.0.1',
          port: ports.https,
          path: pathname,
          servername: 'tools.example.com',
          // The test's own self-signed certificate: what is under test is nginx's routing.
          rejectUnauthorized: false,
          headers: { Host: 'tools.example.com', ...FORGED, ...headers },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body,
              ...(res.headers.location ? { location: res.headers.location } : {}),
            }),
          );
        },
      );
      request.on('error', reject);
    });
  }

  test.beforeAll(async () => {
    const certs = mkdtempSync(path.join(tmpdir(), 'sfs-tls-'));
    cleanups.push(async () => rmSync(certs, { recursive: true, force: true }));
    const made = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-subj',
      '/CN=tools.example.com',
      '-days',
      '1',
      '-keyout',
      path.join(certs, 'key.pem'),
      '-out',
      path.join(certs, 'cert.pem'),
    ]);
    expect(made.status).toBe(0);
    app = await startApp({
      AUTH_MODE: 'header',
      TRUSTED_PROXIES: '127.0.0.1',
      AUTH_ALLOWED_GROUPS: 'sfs-support',
      PUBLIC_URL: `https://tools.example.com${BASE}`,
      METRICS_TOKEN,
    });
    const tap = await recorder(app.port);
    seen = tap.seen;
    const signIn = await signInService();
    ports = { http: await freePort(), https: await freePort() };
    const nginx = await startShippedNginx({
      http: ['upstream.conf', 'team-example.conf'],
      replace: {
        'upstream.conf': [['server 127.0.0.1:5173;', `server 127.0.0.1:${tap.port};`]],
        'team-example.conf': [
          ['listen 80;', `listen 127.0.0.1:${ports.http};`],
          ['listen 443 ssl http2;', `listen 127.0.0.1:${ports.https} ssl http2;`],
          ['/etc/ssl/certs/tools.example.com.pem', path.join(certs, 'cert.pem')],
          ['/etc/ssl/private/tools.example.com.key', path.join(certs, 'key.pem')],
          ['127.0.0.1:4180', `127.0.0.1:${signIn}`],
        ],
      },
      probe: `http://127.0.0.1:${ports.http}/`,
    });
    cleanups.push(() => nginx.close());
  });

  test('plain HTTP is sent to HTTPS', async () => {
    const answer = await fetch(`http://127.0.0.1:${ports.http}${BASE}/`, { redirect: 'manual' });
    expect(answer.status).toBe(301);
    expect(answer.headers.get('location')).toBe(`https://tools.example.com${BASE}/`);
  });

  test('the signed-in user is the one oauth2-proxy names, never the one the client forges', async () => {
    const session = await get(`${BASE}/api/session`, { Cookie: 'sso=alice' });
    expect(session.status).toBe(200);
    expect(JSON.parse(session.body)).toMatchObject({
      mode: 'header',
      user: 'alice',
      groups: ['sfs-support', 'staff'],
    });
    const signedOut = await get(`${BASE}/api/session`);
    expect(signedOut.body).toBe('oauth2-proxy sign-in page');
    expect((await get('/oauth2/start?rd=/')).body).toBe('oauth2-proxy sign-in page');
    expectNoForgedIdentity(seen);
    // The sign-in service's own locations (and the auth subrequest) clear them too.
    expect(signInSaw.length).toBeGreaterThan(2);
    for (const headers of signInSaw) {
      expect(headers['x-forwarded-user'] ?? '').not.toContain('mallory');
      expect(headers['x-forwarded-groups'] ?? '').not.toContain('admins');
    }
    expect(app.log()).not.toContain('mallory');
  });

  test('health, readiness and metrics reach the app, with forged identity headers cleared', async () => {
    const healthz = await get(`${BASE}/healthz`);
    expect([healthz.status, JSON.parse(healthz.body)]).toEqual([200, { status: 'ok' }]);
    const readyz = await get(`${BASE}/readyz`);
    expect(readyz.status).toBe(200);
    const metrics = await get(`${BASE}/metrics`, { Authorization: `Bearer ${METRICS_TOKEN}` });
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('sfs_turbo_http_requests_total');
    const probed = seen.filter(({ url }) => /\/(healthz|readyz|metrics)$/.test(url));
    expect(probed).toHaveLength(3);
    expectNoForgedIdentity(probed);
    expect(app.log()).not.toContain('mallory');
  });
});
