import { spawn, type ChildProcess } from 'node:child_process';
import { E2E_PORT, START_COMMAND } from '../playwright.config.ts';
import { DEMO_PROJECT_ID, SCENARIO } from '../server/simulator/simulator.ts';
import { expect, holdTimers, shownWords, test } from './fixtures.ts';
import { startNginx } from './nginx.ts';
import { simulatedPreviewEnv } from './preview-env.ts';

/*
 * A team's setup: Debian's nginx in front, the dashboard under /sfs-turbo-jobs/, with the
 * nginx config from deploy/nginx/. The app is the same build as every other test, told its
 * base path at run time only.
 */
const BASE = '/sfs-turbo-jobs';
const NGINX_PORT = E2E_PORT + 2;
const APP_PORT = E2E_PORT + 3;
const ORIGIN = `http://127.0.0.1:${NGINX_PORT}`;
const jobUrl = (jobId: string) =>
  `${ORIGIN}${BASE}/eu-de/projects/${DEMO_PROJECT_ID}/jobs/${jobId}`;

let app: ChildProcess | undefined;
let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test.beforeAll(async () => {
  const [command = 'node', ...args] = START_COMMAND.split(' ');
  app = spawn(command, args, {
    env: { ...process.env, ...simulatedPreviewEnv(APP_PORT, E2E_PORT + 4), BASE_PATH: BASE },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const until = Date.now() + 30_000;
  while (
    !(await fetch(`http://127.0.0.1:${APP_PORT}${BASE}/readyz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > until) throw new Error('the app under a base path did not start');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  nginx = await startNginx({ port: NGINX_PORT, appPort: APP_PORT });
});

test.afterAll(async () => {
  await nginx?.close();
  if (app && app.exitCode === null) {
    const exited = new Promise((resolve) => app?.once('exit', resolve));
    app.kill('SIGTERM');
    await exited;
  }
});

test('a deep link through nginx under a sub-path opens, reloads, and loads every asset from the sub-path, compressed', async ({
  page,
}) => {
  const answers: { url: string; status: number; headers: Record<string, string> }[] = [];
  page.on('response', (response) =>
    answers.push({ url: response.url(), status: response.status(), headers: response.headers() }),
  );
  await page.goto(jobUrl(SCENARIO.success));
  // The first answer of a freshly started server (and nginx) may take a while on a busy machine.
  await expect(page.locator('[data-ticket-card] [data-status]').first()).toHaveText('Succeeded', {
    timeout: 30_000,
  });
  await page.reload();
  await expect(page.locator('[data-ticket-card] [data-status]').first()).toHaveText('Succeeded');

  expect(answers.length).toBeGreaterThan(4);
  for (const answer of answers) {
    expect(answer.url.startsWith(`${ORIGIN}${BASE}/`), answer.url).toBe(true);
    expect(answer.status, answer.url).toBeLessThan(400);
  }
  const scripts = answers.filter((answer) => /\/assets\/.*\.js$/.test(answer.url));
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts.filter((answer) => answer.status === 200)) {
    expect(script.headers['content-encoding'], script.url).toBe('br');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  }
  expect(answers.some((answer) => answer.url.includes(`${BASE}/api/eu-de/v1/`))).toBe(true);
});

test('a live job runs to success through nginx', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(jobUrl(SCENARIO.running));
  const status = page.locator('[data-ticket-card] [data-status]').first();
  await expect(status).toHaveText(/Running|Waiting/);
  await expect(status).toHaveText('Succeeded', { timeout: 60_000 });
});

test('the copied link, the home link and the not-found page stay under the sub-path', async ({
  page,
}) => {
  await page.clock.install();
  await page.goto(jobUrl(SCENARIO.failed));
  await expect(page.locator('[data-ticket-card] [data-status]').first()).toHaveText('Failed');
  // Each "Copied" shows for two seconds of the page's clock: held still, the test sees it however late it looks.
  await holdTimers(page);
  const actions = page.getByRole('group', { name: 'Take this job into a ticket' });
  await actions.getByRole('button', { name: 'Copy link' }).click();
  await expect(shownWords(actions.getByRole('button', { name: 'Copy link' }))).toHaveText('Copied');
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toBe(jobUrl(SCENARIO.failed));
  await actions.getByRole('button', { name: 'Copy summary' }).click();
  await expect(shownWords(actions.getByRole('button', { name: 'Copy summary' }))).toHaveText(
    'Copied',
  );
  // The summary replaces the link just copied: read once it has landed.
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toContain('SFS Turbo job');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(
    jobUrl(SCENARIO.failed),
  );

  await page.clock.resume();
  await page.goto(`${ORIGIN}${BASE}/no/such/page`);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Look up a job' }).click();
  // The router writes the base without its slash; a reload of it is redirected to the base.
  await expect(page).toHaveURL(`${ORIGIN}${BASE}`);
  await expect(page.getByLabel('Project ID')).toBeVisible();
  await page.reload();
  await expect(page).toHaveURL(`${ORIGIN}${BASE}/`);
  await expect(page.getByLabel('Project ID')).toBeVisible();

  // The base without its slash, as people type it.
  await page.goto(`${ORIGIN}${BASE}`);
  await expect(page).toHaveURL(`${ORIGIN}${BASE}/`);
});
