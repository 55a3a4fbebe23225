import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import { expect, test } from '@playwright/test';
import type { Watch, WatchesResponse } from '../common/contract.ts';
import { START_COMMAND } from '../playwright.config.ts';
import { DEMO_PROJECT_ID, SCENARIO, startSimulator } from '../server/simulator/simulator.ts';
import { startTestPostgres, type TestPostgres } from '../server/testing/postgres.ts';
import { freePort } from '../server/testing/servers.ts';
import { simulatedPreviewEnv } from './preview-env.ts';

/*
 * Watches on the built server, with no browser open: the server polls a live demo job by
 * itself until it ends. Each test starts servers of its own (with a destination configured),
 * on free loopback ports, beside the suite's shared one.
 */

const SECRET = 'e2e-watch-webhook-key-0123456789abcdef';

/** A destination on loopback that records what is posted to it. */
interface Post {
  path: string;
  body: string;
  headers: http.IncomingHttpHeaders;
}

async function startReceiver(): Promise<{
  url: string;
  posts: Post[];
  close(): Promise<void>;
}> {
  const posts: Post[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      posts.push({
        path: req.url ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
        headers: req.headers,
      });
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    posts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Replica {
  url: string;
  process: ChildProcess;
  /** The server's stdout lines, parsed. */
  lines: Record<string, unknown>[];
  /** Its name in the watches' leases (logged with "store open"). */
  name(): string | undefined;
  stop(): Promise<void>;
}

async function startReplica(
  env: Record<string, string | undefined>,
  ports?: { port: number; simulatorPort: number },
): Promise<Replica> {
  const port = ports?.port ?? (await freePort());
  const simulatorPort = ports?.simulatorPort ?? (await freePort());
  const [command = 'node', ...args] = START_COMMAND.split(' ');
  const child = spawn(command, args, {
    env: { ...process.env, ...simulatedPreviewEnv(port, simulatorPort), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = rest + chunk.toString('utf8');
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    }
  });
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 30_000;
  while (
    !(await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null) throw new Error(`the server stopped with ${child.exitCode}`);
    if (Date.now() > until) throw new Error('the server did not become ready in 30 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    process: child,
    lines,
    name: () => lines.find((line) => line.msg === 'store open')?.replica as string | undefined,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function startWatch(replica: Replica, jobId: string): Promise<Watch> {
  const answer = await fetch(`${replica.url}/api/watches`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      region: 'eu-de',
      projectId: DEMO_PROJECT_ID,
      jobId,
      target: 'inc',
    }),
  });
  expect(answer.status).toBe(201);
  return (await answer.json()) as Watch;
}

/**
 * The one message a watch's end posts: signed with the key, about its job, and still alone a
 * few seconds later (no replica posts it again).
 */
async function expectOneMessage(
  posts: Post[],
  watch: Watch,
  status: string,
  replicas: Replica[],
): Promise<void> {
  const about = () => posts.filter((post) => post.body.includes(watch.jobId));
  await expect.poll(() => about().length, { timeout: 20_000 }).toBe(1);
  const [post] = about();
  const body = JSON.parse(post!.body) as Record<string, unknown>;
  expect(body).toMatchObject({
    event: 'ended',
    status,
    jobId: watch.jobId,
    projectId: DEMO_PROJECT_ID,
    region: 'eu-de',
  });
  const timestamp = String(post!.headers['x-sfs-turbo-timestamp']);
  const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${post!.body}`).digest('hex')}`;
  expect(post!.headers['x-sfs-turbo-signature']).toBe(expected);
  // Every replica's notifier has had rounds enough (every 2 s) to post it again, had it been due.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  expect(about()).toHaveLength(1);
  for (const replica of replicas) {
    expect((await watchOf(replica, watch.id))?.deliveries).toEqual([
      expect.objectContaining({ event: 'ended', target: 'inc', state: 'sent', attempts: 1 }),
    ]);
  }
}

async function watchOf(replica: Replica, id: string): Promise<Watch | undefined> {
  const answer = await fetch(`${replica.url}/api/watches`);
  const body = (await answer.json()) as WatchesResponse;
  return body.watches.find((watch) => watch.id === id);
}

test.describe('watches', () => {
  const cleanups: (() => Promise<void>)[] = [];
  test.afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  test('a watched live job is polled to its end by the server alone', async () => {
    test.setTimeout(90_000);
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const replica = await startReplica({
      NOTIFY_TARGETS: `inc=webhook:${receiver.url}`,
      NOTIFY_WEBHOOK_SECRET: SECRET,
    });
    cleanups.push(replica.stop);

    const targets = await fetch(`${replica.url}/api/notify-targets`).then((r) => r.text());
    expect(JSON.parse(targets)).toEqual({ targets: [{ name: 'inc', kind: 'webhook' }] });
    expect(targets).not.toContain(receiver.url);

    // Succeeds 24 s after it is first asked for: the watch's first poll starts it.
    const watch = await startWatch(replica, SCENARIO.running);
    // It waits 1 s, then runs: the first poll sees either.
    await expect
      .poll(async () => (await watchOf(replica, watch.id))?.lastStatus, { timeout: 10_000 })
      .toMatch(/^(waiting|running)$/);
    await expect
      .poll(async () => (await watchOf(replica, watch.id))?.state, {
        timeout: 60_000,
        intervals: [1_000],
      })
      .toBe('ended');
    expect(await watchOf(replica, watch.id)).toMatchObject({
      state: 'ended',
      lastStatus: 'success',
      endedAt: expect.any(String),
    });
    const ended = replica.lines.filter(
      (line) => line.event === 'watch-ended' && line.watch === watch.id,
    );
    expect(ended).toHaveLength(1);
    await expectOneMessage(receiver.posts, watch, 'success', [replica]);
    // No address in any line the server wrote.
    expect(JSON.stringify(replica.lines)).not.toContain(receiver.url);
  });

  test('support engineer watches a live job on its page, closes the browser; the channel gets one message when it ends', async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    const ports = { port: await freePort(), simulatorPort: await freePort() };
    // The embedded simulator's Slack-shaped receiver stands in for the incident channel.
    const simulator = `http://127.0.0.1:${ports.simulatorPort}`;
    const replica = await startReplica(
      {
        NOTIFY_TARGETS: `inc-channel=slack:${simulator}/__simulator/webhooks/slack/inc-channel`,
        PUBLIC_URL: `http://127.0.0.1:${ports.port}`,
      },
      ports,
    );
    cleanups.push(replica.stop);
    const link = `/eu-de/projects/${DEMO_PROJECT_ID}/jobs/${SCENARIO.liveFailure}`;

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${replica.url}${link}`);
    await page.getByRole('button', { name: 'Watch: post when it ends' }).click();
    await expect(page.getByLabel('Post to')).toHaveValue('inc-channel');
    await page.getByRole('button', { name: 'Start watching' }).click();
    await expect(page.getByText('Watching · posts to inc-channel when it ends')).toBeVisible();
    // Nobody is looking any more: the server alone sees the job fail (16 s after its start).
    await context.close();

    const received = async () =>
      (
        (await (await fetch(`${simulator}/__simulator/webhooks`)).json()) as {
          received: { kind: string; name: string; body: { text?: string } }[];
        }
      ).received;
    await expect.poll(async () => (await received()).length, { timeout: 45_000 }).toBe(1);
    const [message] = await received();
    expect(message).toMatchObject({ kind: 'slack', name: 'inc-channel' });
    const text = JSON.stringify(message?.body);
    expect(text).toContain(SCENARIO.liveFailure);
    expect(text).toContain('SFS.TURBO.0030');
    expect(text).toContain(`${replica.url}${link}`);
    // Still one, a few notifier rounds later.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(await received()).toHaveLength(1);

    // Whoever opens the job next reads where it was posted.
    const next = await browser.newPage();
    await next.goto(`${replica.url}${link}`);
    await expect(next.getByText(/^Posted to inc-channel at \d\d:\d\d:\d\d/)).toBeVisible();
    await next.close();
  });

  test.describe('two replicas on one PostgreSQL', () => {
    let postgres: TestPostgres | undefined;
    test.beforeAll(async () => {
      test.setTimeout(120_000);
      postgres = await startTestPostgres();
    });
    test.afterAll(async () => {
      await postgres?.stop();
    });

    test('the replica holding the lease is killed mid-watch: the other takes over and ends it', async () => {
      test.setTimeout(150_000);
      if (!postgres) throw new Error('no PostgreSQL');
      const databaseUrl = await postgres.createDatabase('watches_e2e');
      // One simulator behind both replicas, as a team's replicas share one cloud.
      const simulator = await startSimulator({ host: '127.0.0.1', port: 0 });
      cleanups.push(simulator.close);
      const receiver = await startReceiver();
      cleanups.push(receiver.close);
      const env = {
        DATABASE_URL: databaseUrl,
        SFS_TURBO_DATA_DIR: undefined,
        SFS_TURBO_SIMULATOR: '1',
        SFS_TURBO_ENDPOINT: simulator.url,
        NOTIFY_TARGETS: `inc=webhook:${receiver.url}`,
        NOTIFY_WEBHOOK_SECRET: SECRET,
      };
      const replicas = await Promise.all([startReplica(env), startReplica(env)]);
      for (const replica of replicas) cleanups.push(replica.stop);
      await expect.poll(() => replicas.every((replica) => replica.name())).toBe(true);

      const { default: pg } = await import('pg');
      const db = new pg.Client({ connectionString: databaseUrl });
      await db.connect();
      cleanups.push(() => db.end());
      const leaseOf = async (id: string) =>
        (
          await db.query<{ lease_owner: string | null; state: string }>(
            'SELECT lease_owner, state FROM watches WHERE id = $1',
            [id],
          )
        ).rows[0];

      // Runs about 24 s from the first poll: long enough to kill its poller half-way.
      const watch = await startWatch(replicas[1]!, SCENARIO.running);
      await expect.poll(async () => (await leaseOf(watch.id))?.lease_owner ?? null).not.toBeNull();
      const owner = (await leaseOf(watch.id))?.lease_owner;
      const holder = replicas.find((replica) => replica.name() === owner);
      const other = replicas.find((replica) => replica !== holder);
      if (!holder || !other) throw new Error(`no replica is named ${owner ?? 'null'}`);
      await expect
        .poll(async () => (await watchOf(other, watch.id))?.lastStatus, { timeout: 25_000 })
        .toBe('running');

      holder.process.kill('SIGKILL');
      await new Promise((resolve) => holder.process.once('exit', resolve));
      expect((await leaseOf(watch.id))?.state).toBe('active');

      // The lease (30 s) runs out; the other replica takes the watch and sees the job end.
      await expect
        .poll(async () => (await watchOf(other, watch.id))?.state, {
          timeout: 75_000,
          intervals: [1_000],
        })
        .toBe('ended');
      expect(await watchOf(other, watch.id)).toMatchObject({ lastStatus: 'success' });
      const endedBy = other.lines.filter(
        (line) => line.event === 'watch-ended' && line.watch === watch.id,
      );
      expect(endedBy).toEqual([expect.objectContaining({ owner: other.name() })]);
      await expectOneMessage(receiver.posts, watch, 'success', [other]);
    });
  });
});
