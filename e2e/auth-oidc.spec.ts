/**
 * Built-in sign-in (AUTH_MODE=oidc) in a browser, against panva's oidc-provider on loopback.
 * The fixture starts its own production server (`createServer`, as `npm start` runs it: the
 * built app, the real API on the embedded simulator): this spec does not use the default web
 * server.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { historyApiPath, type HistoryResponse } from '../common/contract.ts';
import { E2E_PORT } from '../playwright.config.ts';
import { DEMO_PROJECT_ID, SCENARIO } from '../server/simulator/simulator.ts';
import { startApp } from '../server/testing/app.ts';
import { startTestProvider } from '../server/testing/oidc-provider.ts';

const PROVIDER_PORT = E2E_PORT + 2;
const SIMULATOR_PORT = E2E_PORT + 3;
const HOST_PORT = E2E_PORT + 4;
const DASHBOARD = `http://127.0.0.1:${HOST_PORT}`;
const SHOTS = '/tmp/auth-shots';

interface Dashboard {
  url: string;
}

const test = base.extend<{ consoleErrors: string[] }, { dashboard: Dashboard }>({
  dashboard: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      const provider = await startTestProvider({
        port: PROVIDER_PORT,
        redirectUris: [`${DASHBOARD}/auth/callback`],
        postLogoutRedirectUris: [`${DASHBOARD}/auth/signed-out`],
        accounts: {
          alice: { groups: ['sfs-support'] },
          bob: { groups: ['staff'] },
          // Typed "alice" as their display name; the provider's `sub` is mallory.
          mallory: { groups: [], name: 'alice', preferredUsername: null },
        },
      });
      const server = await startApp(
        {
          AUTH_MODE: 'oidc',
          OIDC_ISSUER_URL: provider.issuer,
          OIDC_CLIENT_ID: provider.clientId,
          OIDC_CLIENT_SECRET: provider.clientSecret,
          SESSION_SECRET: 'playwright-session-secret-0123456789abcdef',
          AUTH_ALLOWED_GROUPS: 'sfs-support',
          AUTH_ALLOWED_USERS: 'alice',
          PUBLIC_URL: DASHBOARD,
          SFS_TURBO_SIMULATOR_PORT: String(SIMULATOR_PORT),
          // A destination, so that a refused watch is refused for who asks, not for want of one.
          NOTIFY_TARGETS: 'inc=webhook:http://127.0.0.1:9/hook',
          NOTIFY_WEBHOOK_SECRET: 'playwright-webhook-secret-0123456789abcdef',
        },
        { port: HOST_PORT },
      );
      mkdirSync(SHOTS, { recursive: true });
      await use({ url: DASHBOARD });
      await server.close();
      await provider.close();
    },
    { scope: 'worker' },
  ],
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      // The provider's development screens load a web font; this machine has no internet.
      await page.route(/fonts\.googleapis\.com/, (route) =>
        route.fulfill({ contentType: 'text/css', body: '' }),
      );
      page.on('console', (message) => {
        // Only the dashboard's own pages are under test, not the provider's development screens.
        if (!message.location().url.startsWith(DASHBOARD)) return;
        // A 401 or 403 answer is logged by Chromium as a failed resource load: that is the
        // refusal under test, not a bug.
        if (/status of 40[13]/.test(message.text())) return;
        if (message.type() === 'error' || message.type() === 'warning')
          errors.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      await use(errors);
      expect(errors).toEqual([]);
    },
    { auto: true },
  ],
});

/** axe-core's default rules (WCAG A/AA, best practices): rule ids of what fails. */
async function accessibilityFindings(page: Page, within?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const { violations } = await (within ? builder.include(within) : builder).analyze();
  return violations.map(
    (violation) =>
      `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

const jobLink = (jobId: string) => `/eu-de/projects/${DEMO_PROJECT_ID}/jobs/${jobId}`;

async function signInAtProvider(page: Page, login: string) {
  await expect(page.getByRole('button', { name: 'Sign-in' })).toBeVisible();
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

test('support engineer opens a job link, signs in, works, is signed out, signs in again, and signs out', async ({
  page,
  context,
  dashboard,
}) => {
  // Two sign-ins and a sign-out through the provider's screens: slow on a busy machine.
  test.setTimeout(180_000);
  const link = jobLink(SCENARIO.runningForever);
  await page.goto(`${dashboard.url}${link}?sub=x`);
  // Not signed in: the provider's sign-in screen, not the dashboard.
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/interaction\//);
  await page.screenshot({ path: `${SHOTS}/1-provider-sign-in.png` });
  await signInAtProvider(page, 'alice');

  // Back on the very link, with the job live and the user named in the header.
  await expect(page).toHaveURL(`${dashboard.url}${link}?sub=x`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(/refreshing every/)).toBeVisible();
  const header = page.getByRole('banner');
  await expect(header.getByTestId('session')).toContainText('alice');
  await expect(header.getByRole('link', { name: 'Sign out' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/2-job-signed-in.png` });
  // What the dashboard saw of the job is hers to read, with her name as the one looking.
  await expect
    .poll(async () => {
      const seen = await page.request.get(
        `${dashboard.url}${historyApiPath('eu-de', DEMO_PROJECT_ID, SCENARIO.runningForever)}`,
      );
      return seen.ok()
        ? ((await seen.json()) as HistoryResponse).changes[0]?.viewer
        : seen.status();
    })
    .toBe('alice');

  // The session ends (cookie gone): the next poll is refused, the job stays, polling stops.
  await context.clearCookies({ name: 'sfs_session' });
  await page.getByRole('button', { name: 'Refresh now' }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'You are signed out' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('from before and may be out of date');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('[data-poll-mode]')).toHaveAttribute('data-poll-mode', 'stopped');
  // The notice only: e2e/a11y.spec.ts audits the job page itself.
  expect(await accessibilityFindings(page, '[data-failure-kind="signed-out"]')).toEqual([]);
  // The header no longer names anyone.
  await expect(header.getByTestId('session')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/3-signed-out-job-kept.png` });

  // Signing in again comes back to the same link (the provider remembers the user).
  await notice.getByRole('link', { name: 'Sign in and come back to this page' }).click();
  await expect(page).toHaveURL(`${dashboard.url}${link}?sub=x`);
  await expect(page.getByText(/refreshing every/)).toBeVisible();
  await expect(header.getByTestId('session')).toContainText('alice');

  // Signing out: the provider confirms, then the dashboard says so; the job is refused.
  await page.getByRole('banner').getByRole('link', { name: 'Sign out' }).click();
  // The provider's confirmation (Enter on its focused button: no wait for animation frames).
  await page.getByRole('button', { name: 'Yes, sign me out' }).press('Enter');
  await expect(page).toHaveURL(`${dashboard.url}/auth/signed-out`);
  await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  expect(await accessibilityFindings(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/4-signed-out-page.png` });
  const api = await page.request.get(
    `${dashboard.url}/api/eu-de/v1/${DEMO_PROJECT_ID}/sfs-turbo/jobs/${SCENARIO.runningForever}`,
  );
  expect(api.status()).toBe(401);
  expect(await api.json()).toMatchObject({ errCode: 'PROXY.UNAUTHENTICATED' });
  await page.goto(`${dashboard.url}${link}`);
  await expect(page.getByRole('button', { name: 'Sign-in' })).toBeVisible();
});

test('a colleague outside the allowed group sees who they are and that they lack access', async ({
  page,
  dashboard,
}) => {
  await page.goto(`${dashboard.url}${jobLink(SCENARIO.running)}`);
  await signInAtProvider(page, 'bob');
  await expect(page.getByRole('heading', { name: 'No access to this dashboard' })).toBeVisible();
  await expect(page.getByText('You are signed in as bob.')).toBeVisible();
  expect(await accessibilityFindings(page)).toEqual([]);
  await expect(page.getByRole('link', { name: 'Sign out' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/5-forbidden.png` });

  // Nor may they read what the dashboard remembers, or start a watch.
  const history = historyApiPath('eu-de', DEMO_PROJECT_ID, SCENARIO.runningForever);
  const refused = [
    await page.request.get(`${dashboard.url}${history}`),
    await page.request.get(`${dashboard.url}/api/watches`),
    await page.request.get(`${dashboard.url}/api/notify-targets`),
    await page.request.post(`${dashboard.url}/api/watches`, {
      data: { region: 'eu-de', projectId: DEMO_PROJECT_ID, jobId: SCENARIO.running, target: 'inc' },
    }),
  ];
  for (const answer of refused) {
    expect(answer.status(), answer.url()).toBe(403);
    expect(await answer.json()).toMatchObject({ errCode: 'PROXY.FORBIDDEN' });
  }
});

test('an account that calls itself alice is not alice: refused, and named by its sub', async ({
  page,
  dashboard,
}) => {
  await page.goto(`${dashboard.url}${jobLink(SCENARIO.running)}`);
  await signInAtProvider(page, 'mallory');
  await expect(page.getByRole('heading', { name: 'No access to this dashboard' })).toBeVisible();
  await expect(page.getByText('You are signed in as mallory.')).toBeVisible();
  const api = await page.request.get(`${dashboard.url}/api/session`);
  expect(api.status()).toBe(403);
  expect(await api.json()).toMatchObject({ errCode: 'PROXY.FORBIDDEN' });
});

test('after 30 unfinished sign-ins in this browser, signing in still works', async ({
  page,
  context,
  dashboard,
}) => {
  // Each visit starts a sign-in and leaves it pending (the browser's cookie jar is shared).
  for (let visit = 0; visit < 30; visit++) {
    const started = await page.request.get(`${dashboard.url}/auth/login`, { maxRedirects: 0 });
    expect(started.status()).toBe(302);
  }
  const pending = (await context.cookies()).filter((c) => c.name.startsWith('sfs_'));
  expect(pending.map((cookie) => cookie.name)).toEqual(['sfs_login']);
  const link = jobLink(SCENARIO.running);
  await page.goto(`${dashboard.url}${link}`);
  await signInAtProvider(page, 'alice');
  await expect(page).toHaveURL(`${dashboard.url}${link}`);
  await expect(page.getByRole('banner').getByTestId('session')).toContainText('alice');
});

test('two tabs signing in at once: the later one wins, the earlier one offers to start again', async ({
  context,
  dashboard,
}) => {
  test.setTimeout(120_000);
  const tabA = await context.newPage();
  const tabB = await context.newPage();
  await tabA.goto(`${dashboard.url}${jobLink(SCENARIO.running)}`);
  await tabB.goto(`${dashboard.url}${jobLink(SCENARIO.runningForever)}`);
  await tabA.bringToFront();
  await signInAtProvider(tabA, 'alice');
  await expect(tabA.getByRole('heading', { name: 'Sign-in did not complete' })).toBeVisible();
  await expect(tabA.getByText('A newer sign-in was started in this browser')).toBeVisible();
  expect(await accessibilityFindings(tabA)).toEqual([]);
  await tabA.screenshot({ path: `${SHOTS}/6-sign-in-replaced.png` });

  // The later sign-in was left alone and completes where it was going.
  await tabB.bringToFront();
  await signInAtProvider(tabB, 'alice');
  await expect(tabB).toHaveURL(`${dashboard.url}${jobLink(SCENARIO.runningForever)}`);
  await expect(tabB.getByRole('banner').getByTestId('session')).toContainText('alice');

  // The earlier tab starts again, and is signed in (the provider remembers the user). Brought
  // to the front first: Chromium does not render a page in a background tab.
  await tabA.bringToFront();
  await tabA.getByRole('link', { name: 'Start sign-in again' }).click();
  await expect(tabA).toHaveURL(`${dashboard.url}/`);
  const session = await tabA.request.get(`${dashboard.url}/api/session`);
  expect(await session.json()).toMatchObject({ user: 'alice' });
});
