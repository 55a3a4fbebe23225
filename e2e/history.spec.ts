import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { historyApiPath, jobApiPath, type HistoryResponse } from '../common/contract.ts';
import { E2E_PORT, START_COMMAND } from '../playwright.config.ts';
import { DEMO_PROJECT_ID, SCENARIO } from '../server/simulator/simulator.ts';
import { expect, openJob, test } from './fixtures.ts';
import { simulatedPreviewEnv } from './preview-env.ts';

/*
 * The server's memory, from outside: what the built server saw of a job stays readable at
 * /api/history after the cloud forgot the job, and after the server restarts.
 */
const forgottenHistory = historyApiPath('eu-de', DEMO_PROJECT_ID, SCENARIO.forgotten);

test('a job the cloud forgets keeps its history: viewed live, failed, then 404 upstream', async ({
  page,
  request,
  simulator,
}) => {
  // Other specs (a11y) may have shown this demo job to this server before: only what this
  // test sees from its start on is asserted.
  await simulator.post('/__simulator/reset');
  const started = new Date().toISOString();

  await openJob(page, DEMO_PROJECT_ID, SCENARIO.forgotten);
  await expect(page.locator('[data-ticket-card] [data-status]').first()).toHaveText('Waiting');
  // The simulator's clock past the failure: the page's next poll sees it.
  await simulator.post('/__simulator/advance', { ms: 11_000 });
  await expect(page.locator('[data-ticket-card] [data-status]').first()).toHaveText('Failed', {
    timeout: 20_000,
  });

  const history = async (): Promise<HistoryResponse> => {
    const answer = await request.get(forgottenHistory);
    expect(answer.status()).toBe(200);
    expect(answer.headers()['cache-control']).toBe('no-store');
    return (await answer.json()) as HistoryResponse;
  };
  const lastChange = async () => (await history()).changes.at(-1);
  await expect.poll(async () => (await lastChange())?.facts.status).toBe('failed');
  const seen = await history();
  const failed = seen.changes.at(-1);
  expect((failed?.at ?? '') >= started).toBe(true);
  expect(failed?.changed).toContain('status');
  expect(failed?.facts).toMatchObject({
    errorCode: 'SFS.TURBO.0029',
    failedSubJobs: [expect.any(String)],
  });
  expect(seen.changes.at(-2)?.facts.status).toBe('waiting');
  expect(seen.goneSince).toBeNull();

  // Past the cloud's memory: the lookup turns 404, the history keeps the record and says so.
  await simulator.post('/__simulator/advance', { ms: 25_000 });
  // An answer still fresh in the server's window (SFS_TURBO_CACHE_MS) may come first.
  const lookup = jobApiPath('eu-de', DEMO_PROJECT_ID, SCENARIO.forgotten);
  await expect.poll(async () => (await request.get(lookup)).status()).toBe(404);
  await expect.poll(async () => (await history()).goneSince).not.toBeNull();
  const gone = await history();
  expect((gone.goneSince ?? '') >= started).toBe(true);
  expect(gone.changes).toEqual(seen.changes);
  expect(gone.latest.body).toMatchObject({ status: 'failed', job_id: SCENARIO.forgotten });

  // The page, opened again (a colleague following the ticket's link): the lookup failed, and
  // the record says what the dashboard last saw, marked as a record.
  await page.reload();
  await expect(page.locator('[data-failure-kind="not-found"]')).toBeVisible();
  await expect(
    page.getByText(
      /^The cloud no longer answers for this job\. This dashboard last saw it Failed at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/,
    ),
  ).toBeVisible();
  await expect(page.getByText(/^Record from .*, not live$/)).toBeVisible();
  await expect(page.getByText(/Seen by this dashboard/).first()).toBeVisible();
  await expect(page.getByText('SFS.TURBO.0029').first()).toBeVisible();
  await page.screenshot({ path: '/tmp/memory-shots/real-forgotten-job.png', fullPage: true });
});

test.describe('a restart', () => {
  const APP_PORT = E2E_PORT + 2;
  const SIMULATOR_PORT = E2E_PORT + 3;
  const origin = `http://127.0.0.1:${APP_PORT}`;
  let dataDir = '';
  let app: ChildProcess | undefined;

  async function start(): Promise<void> {
    const [command = 'node', ...args] = START_COMMAND.split(' ');
    app = spawn(command, args, {
      env: { ...process.env, ...simulatedPreviewEnv(APP_PORT, SIMULATOR_PORT, dataDir) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const until = Date.now() + 30_000;
    while (
      !(await fetch(`${origin}/readyz`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (Date.now() > until) throw new Error('the second server did not start');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async function stop(): Promise<void> {
    if (app && app.exitCode === null) {
      const exited = new Promise((resolve) => app?.once('exit', resolve));
      app.kill('SIGTERM');
      await exited;
    }
    app = undefined;
  }

  test.beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sfs-turbo-e2e-history-'));
  });
  test.afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('keeps what the server saw', async ({ request }) => {
    const path = historyApiPath('eu-de', DEMO_PROJECT_ID, SCENARIO.failed);
    await start();
    expect((await request.get(`${origin}${path}`)).status()).toBe(404);
    const lookup = await request.get(
      `${origin}${jobApiPath('eu-de', DEMO_PROJECT_ID, SCENARIO.failed)}`,
    );
    expect(lookup.status()).toBe(200);
    await expect.poll(async () => (await request.get(`${origin}${path}`)).status()).toBe(200);
    const before = await (await request.get(`${origin}${path}`)).json();
    expect(before).toMatchObject({
      jobId: SCENARIO.failed,
      changes: [{ facts: { status: 'failed' } }],
    });
    await stop();

    await start();
    const after = await request.get(`${origin}${path}`);
    expect(after.status()).toBe(200);
    expect(await after.json()).toEqual(before);
  });
});
