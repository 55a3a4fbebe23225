import { spawn } from 'node:child_process';
import http, { type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeDist, startApp } from '../testing/app.ts';
import {
  closedPort,
  fakeUpstream,
  jobPath,
  type Running,
  type SeenRequest,
} from '../testing/servers.ts';

let dist: ReturnType<typeof fakeDist>;
let upstream: Running & { seen: SeenRequest[] };
/** Answers held by the upstream until the test lets them go. */
const held: ServerResponse[] = [];
beforeAll(async () => {
  dist = fakeDist();
  // The upstream answers only when told to: the request is in flight for as long as the test
  // needs, however slowly a busy machine gets the signal delivered (a fixed delay raced it).
  upstream = await fakeUpstream((_req, res) => void held.push(res));
});
afterAll(async () => {
  await upstream?.close();
  dist?.remove();
});

function releaseHeld(): void {
  for (const res of held.splice(0)) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"job_id":"x","status":"running"}');
  }
}

/** Resolves once `count` requests have reached the upstream (they are then in flight). */
async function upstreamHasSeen(count: number): Promise<void> {
  await vi.waitFor(() => expect(upstream.seen.length).toBeGreaterThanOrEqual(count), {
    timeout: 15_000,
    interval: 10,
  });
}

/** A keep-alive GET, so that the test also sees the server close a kept-alive connection. */
function get(
  url: string,
  agent?: http.Agent,
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      })
      .on('error', reject);
  });
}

describe('shutdown', () => {
  it('turns not ready at once, refuses new connections, and finishes the request in flight', async () => {
    const app = await startApp({
      SFS_TURBO_DIST: dist.dir,
      SFS_TURBO_ENDPOINT: upstream.url,
      OS_TOKEN: 'shutdown-test-token-0123456789',
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    const base = `http://127.0.0.1:${app.port}`;
    const seenBefore = upstream.seen.length;
    const inFlight = get(`${base}${jobPath()}`, agent);
    await upstreamHasSeen(seenBefore + 1);
    expect(await app.server.app.readiness.check()).toEqual({ ready: true });
    const stopped = app.server.shutdown(10_000);
    expect(await app.server.app.readiness.check()).toEqual({
      ready: false,
      reason: 'Shutting down: finishing requests in flight',
    });
    await expect(get(`${base}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
    releaseHeld();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 'running' });
    expect(answer.headers.connection).toBe('close');
    await stopped;
    agent.destroy();
  });

  it('on SIGTERM, the server process finishes the request in flight and exits 0', async () => {
    const port = await closedPort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        SFS_TURBO_DIST: dist.dir,
        SFS_TURBO_ENDPOINT: upstream.url,
        OS_TOKEN: 'shutdown-test-token-0123456789',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const listening = new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('"msg":"listening"')) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    await listening;
    const seenBefore = upstream.seen.length;
    const inFlight = get(`http://127.0.0.1:${port}${jobPath()}`);
    await upstreamHasSeen(seenBefore + 1);
    const shuttingDown = new Promise<void>((resolve) => {
      const check = () => {
        if (out.includes('"msg":"shutting down"')) resolve();
        else child.stdout.once('data', check);
      };
      check();
    });
    child.kill('SIGTERM');
    // The answer comes only after the server has taken the signal: it was in flight then.
    await shuttingDown;
    releaseHeld();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await exited).toBe(0);
    expect(out).toContain('"msg":"shutting down","signal":"SIGTERM"');
    expect(out).toContain('"msg":"stopped"');
  }, 30_000);

  it('stops at start, naming the variable, when a value is invalid', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, BASE_PATH: 'no-slash', SFS_TURBO_DIST: dist.dir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(err).toBe('sfs-turbo-jobs: BASE_PATH must start with "/", got "no-slash"\n');
  }, 30_000);
});
