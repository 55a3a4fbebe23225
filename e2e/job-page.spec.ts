import { DEMO_PROJECT_ID, SCENARIO } from '../server/simulator/simulator.ts';
import { expect, openJob, test } from './fixtures.ts';

test.beforeEach(async ({ simulator }) => {
  await simulator.post('/__simulator/reset');
});

test.describe('lookup failures are explained and kept apart from job failures', () => {
  const cases = [
    { name: 'not authorised (expired token)', jobId: () => SCENARIO.unauthorized, text: 'Not authorised', code: 'APIG.0301', status: '401' },
    { name: 'access denied', jobId: () => SCENARIO.forbidden, text: 'Access denied', code: 'SFS.TURBO.9000', status: '403' },
    { name: 'not found', jobId: () => SCENARIO.notFound, text: 'Job not found', code: 'SFS.TURBO.0019', status: '404' },
  ];
  for (const c of cases) {
    test(`support engineer sees ${c.name}`, async ({ page }) => {
      await openJob(page, DEMO_PROJECT_ID, c.jobId());
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(c.text);
      await expect(alert).toContainText(c.code);
      await expect(alert).toContainText(c.status);
      await expect(alert).toContainText(DEMO_PROJECT_ID);
      await expect(page.getByText('stopped: the lookup failed')).toBeVisible();
      await expect(page).toHaveTitle(/^Lookup failed/);
    });
  }

  test('support engineer sees a throttled lookup being retried', async ({ page }) => {
    await openJob(page, DEMO_PROJECT_ID, SCENARIO.throttled);
    await expect(page.getByRole('alert')).toContainText('Throttled');
    await expect(page.getByText(/retrying (in \d+ s|now) after an error/)).toBeVisible();
  });

  test('support engineer sees an upstream error', async ({ page }) => {
    await openJob(page, DEMO_PROJECT_ID, SCENARIO.serverError);
    await expect(page.getByRole('alert')).toContainText('SFS.TURBO.0005');
  });

  test('support engineer sees a non-JSON answer for what it is', async ({ page }) => {
    await openJob(page, DEMO_PROJECT_ID, SCENARIO.badGateway);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('502');
    await expect(alert).toContainText('Answer began');
  });

  test('support engineer sees an answer that is not a job as an unexpected response', async ({ page }) => {
    await openJob(page, DEMO_PROJECT_ID, SCENARIO.notAnObject);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Unexpected response');
    await expect(alert).toContainText('not a job object');
  });

  for (const [name, code, status, text] of [
    ['unreachable', 'PROXY.UPSTREAM_UNREACHABLE', 502, 'could not be reached'],
    ['too slow', 'PROXY.UPSTREAM_TIMEOUT', 504, 'did not answer in time'],
  ] as const) {
    test(`support engineer sees an upstream that is ${name}`, async ({ page }) => {
      // The proxy's own answers for a dead or slow cloud (its fault tests cover producing them).
      await page.route('**/api/*/v1/**', (route) =>
        route.fulfill({ status, contentType: 'application/json', body: JSON.stringify({ errCode: code, errMsg: `simulated ${name}` }) }),
      );
      await openJob(page, DEMO_PROJECT_ID, SCENARIO.success);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(text);
      await expect(alert).toContainText(code);
      await expect(alert).toContainText(String(status));
      await expect(page.getByText(/retrying (in \d+ s|now) after an error/)).toBeVisible();
    });
  }

  test('a malformed job address is refused without asking the cloud', async ({ page, simulator }) => {
    await page.goto(`/eu-de/projects/${DEMO_PROJECT_ID}/jobs/bad_id!`);
    await expect(page.getByRole('alert')).toContainText('invalid input');
    const stats = (await simulator.get('/__simulator/stats')) as { total: number };
    expect(stats.total).toBe(0);
  });
});

test('the freshness stamp moves from refreshing to stopped as the job ends', async ({ page }) => {
  test.setTimeout(90_000);
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.running);
  const stamp = page.getByTestId('freshness');
  await expect(stamp).toContainText('Data as of');
  await expect(stamp).toContainText(/refreshing every \d+ s/);
  await expect(stamp).toContainText('stopped: job finished', { timeout: 60_000 });
  await expect(page).toHaveTitle(/^Succeeded/);
});

test('no request is made after the job ends', async ({ page, simulator }) => {
  test.setTimeout(90_000);
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.running);
  await expect(page.getByTestId('freshness')).toContainText('stopped: job finished', { timeout: 60_000 });
  const count = async () => ((await simulator.get('/__simulator/stats')) as { jobs: Record<string, number> }).jobs[`${DEMO_PROJECT_ID}/${SCENARIO.running}`] ?? 0;
  const atEnd = await count();
  await page.waitForTimeout(6_000);
  expect(await count()).toBe(atEnd);
});

test('no request is made while the tab is hidden, and one is made on return', async ({ page, simulator }) => {
  test.setTimeout(60_000);
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.waiting);
  await expect(page.getByTestId('freshness')).toContainText(/refreshing every/);
  const key = `${DEMO_PROJECT_ID}/${SCENARIO.waiting}`;
  const count = async () => ((await simulator.get('/__simulator/stats')) as { jobs: Record<string, number> }).jobs[key] ?? 0;

  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(page.getByTestId('freshness')).toContainText('paused while this tab is hidden');
  const hiddenAt = await count();
  await page.waitForTimeout(7_000);
  expect(await count()).toBe(hiddenAt);

  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect.poll(count).toBeGreaterThan(hiddenAt);
  await expect(page.getByTestId('freshness')).toContainText(/refreshing every/);
});

test('the data survives an intermittently failing upstream, and polling recovers', async ({ page }) => {
  test.setTimeout(90_000);
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.intermittent);
  const stamp = page.getByTestId('freshness');
  await expect(page.locator('[data-status]').first()).toBeVisible();
  await expect(stamp).toContainText(/retrying (in \d+ s|now) after an error/, { timeout: 30_000 });
  await expect(page.getByText('may be out of date')).toBeVisible();
  await expect(page.locator('[data-status]').first()).toBeVisible();
  await expect(stamp).toContainText(/refreshing every|stopped: job finished/, { timeout: 30_000 });
});

test('the zone switch survives a reload', async ({ page }) => {
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.success);
  await expect(page.getByText('UTC', { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Browser zone' }).click();
  await expect(page.getByRole('button', { name: 'Browser zone' })).toHaveAttribute('aria-pressed', 'true');
  // The tests run in Europe/Berlin: November is UTC+01:00.
  await expect(page.getByText('UTC+01:00').first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Browser zone' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('UTC+01:00').first()).toBeVisible();
});

test('the tab title and icon tell the status', async ({ page }) => {
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.failed);
  await expect(page).toHaveTitle(new RegExp(`^Failed · .* ${SCENARIO.failed} · SFS Turbo jobs$`));
  await expect(page.locator('link#favicon')).toHaveAttribute('href', /^data:image\/svg\+xml,.*%23b91c1c/);
});

test('recent jobs remember the last status and can be cleared', async ({ page }) => {
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.failed);
  await expect(page.locator('[data-status]').first()).toHaveText('Failed');
  await page.goto('/');
  const recent = page.getByRole('region', { name: 'Recent jobs' });
  await expect(recent.getByRole('link', { name: SCENARIO.failed })).toBeVisible();
  await expect(recent.getByText('Failed')).toBeVisible();
  await recent.getByRole('button', { name: 'Clear list' }).click();
  await expect(recent.getByText('Jobs you open appear here')).toBeVisible();
});

test('pasting an API path fills the form', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel(/Paste anything/).fill(`GET https://sfs-turbo.eu-nl.otc.t-systems.com/v1/${DEMO_PROJECT_ID}/sfs-turbo/jobs/${SCENARIO.success}`);
  await expect(page.getByLabel('Project ID')).toHaveValue(DEMO_PROJECT_ID);
  await expect(page.getByLabel('Job ID')).toHaveValue(SCENARIO.success);
  await expect(page.getByLabel('Region')).toHaveValue('eu-nl');
});

test('asking to be notified keeps polling while the tab is hidden', async ({ page, context, simulator }) => {
  test.setTimeout(60_000);
  await context.grantPermissions(['notifications']);
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.waiting);
  await page.getByRole('button', { name: 'Notify me when it ends' }).click();
  await expect(page.getByRole('button', { name: 'Cancel notification' })).toBeVisible();
  const key = `${DEMO_PROJECT_ID}/${SCENARIO.waiting}`;
  const count = async () => ((await simulator.get('/__simulator/stats')) as { jobs: Record<string, number> }).jobs[key] ?? 0;
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const hiddenAt = await count();
  await expect.poll(count, { timeout: 20_000 }).toBeGreaterThan(hiddenAt);
});
