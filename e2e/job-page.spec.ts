import type { Page } from '@playwright/test';
import { DEMO_PROJECT_ID, SCENARIO } from '../server/simulator/simulator.ts';
import { expect, openJob, settle, test } from './fixtures.ts';

test.beforeEach(async ({ simulator }) => {
  await simulator.post('/__simulator/reset');
});

test.describe('lookup failures are explained and kept apart from job failures', () => {
  const cases = [
    {
      name: 'not authorised (expired token)',
      jobId: () => SCENARIO.unauthorized,
      text: 'Not authorised',
      code: 'APIG.0301',
      status: '401',
    },
    {
      name: 'access denied',
      jobId: () => SCENARIO.forbidden,
      text: 'Access denied',
      code: 'SFS.TURBO.9000',
      status: '403',
    },
    {
      name: 'not found',
      jobId: () => SCENARIO.notFound,
      text: 'Job not found',
      code: 'SFS.TURBO.0019',
      status: '404',
    },
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
    await expect(page.getByText(/lookup failed: 429 \S+, retrying (in \d+ s|now)/)).toBeVisible();
    // During back-off the refresh button cuts the wait short instead of being greyed out.
    await expect(page.getByRole('button', { name: 'Retry now' })).toBeEnabled();
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

  test('support engineer sees an answer that is not a job as an unexpected response', async ({
    page,
  }) => {
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
        route.fulfill({
          status,
          contentType: 'application/json',
          body: JSON.stringify({ errCode: code, errMsg: `simulated ${name}` }),
        }),
      );
      await openJob(page, DEMO_PROJECT_ID, SCENARIO.success);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(text);
      await expect(alert).toContainText(code);
      await expect(alert).toContainText(String(status));
      await expect(
        page.getByText(/lookup failed: \d+ PROXY\.\S+, retrying (in \d+ s|now)/),
      ).toBeVisible();
    });
  }

  test('a malformed job address is refused without asking the cloud', async ({
    page,
    simulator,
  }) => {
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

/** Requests the page makes for one job, counted in the browser (not on a clock). */
function countJobRequests(page: Page, jobId: string): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (request.url().includes(`/sfs-turbo/jobs/${jobId}`)) count += 1;
  });
  return () => count;
}

test('no request is made after the job ends', async ({ page }) => {
  test.setTimeout(90_000);
  await page.clock.install();
  const count = countJobRequests(page, SCENARIO.running);
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.running);
  await expect(page.getByTestId('freshness')).toContainText('stopped: job finished', {
    timeout: 60_000,
  });
  await settle(page);
  const atEnd = count();
  expect(atEnd).toBeGreaterThan(1);
  // Ten minutes of the page's clock: any polling timer left would have fired many times.
  await page.clock.runFor(10 * 60_000);
  await settle(page);
  expect(count()).toBe(atEnd);
});

test('no request is made while the tab is hidden, and one is made on return', async ({ page }) => {
  test.setTimeout(60_000);
  await page.clock.install();
  const count = countJobRequests(page, SCENARIO.waiting);
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.waiting);
  await expect(page.getByTestId('freshness')).toContainText(/refreshing every/);

  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(page.getByTestId('freshness')).toContainText('paused while this tab is hidden');
  await settle(page);
  const hiddenAt = count();
  await page.clock.runFor(10 * 60_000);
  await settle(page);
  expect(count()).toBe(hiddenAt);

  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => 'visible',
    });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect.poll(count).toBeGreaterThan(hiddenAt);
  await expect(page.getByTestId('freshness')).toContainText(/refreshing every/);
});

test('one failed poll of an intermittent upstream is one line in the freshness bar and never moves the card', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.intermittent);
  const stamp = page.getByTestId('freshness');
  const card = page.locator('[data-ticket-card]');
  // The first request may be the failing one: the card comes after a retry.
  await expect(card).toBeVisible({ timeout: 30_000 });
  const top = async () => (await card.boundingBox())?.y;
  const before = await top();
  expect(before).toBeDefined();
  // Every third request fails: the line says so, with the status and code, and the card stays put.
  await expect(stamp).toContainText(
    /last refresh failed: 500 SFS\.TURBO\.0005, retrying (in \d+ s|now)/,
    { timeout: 30_000 },
  );
  expect(await top()).toBe(before);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText('Lookup failed')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/intermittent-failed-poll.png' });
  await expect(stamp).toContainText(/refreshing every|stopped: job finished/, { timeout: 30_000 });
  expect(await top()).toBe(before);
});

test('failed polls that go on make the data stale: the full explanation comes below the card', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.runningForever);
  const card = page.locator('[data-ticket-card]');
  await expect(card).toBeVisible();
  const before = (await card.boundingBox())?.y;
  await page.route('**/api/*/v1/**', (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ errCode: 'SFS.TURBO.0005', errMsg: 'simulated outage' }),
    }),
  );
  await expect(page.getByTestId('freshness')).toContainText(
    /last refresh failed: 503 SFS\.TURBO\.0005/,
    { timeout: 20_000 },
  );
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('may be out of date', { timeout: 30_000 });
  expect((await card.boundingBox())?.y).toBe(before);
  expect((await alert.boundingBox())?.y ?? 0).toBeGreaterThan(before ?? Number.POSITIVE_INFINITY);
});

test('a slow answer is said to be awaited, not refreshed every 2 s', async ({ page }) => {
  test.setTimeout(60_000);
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.slow);
  await expect(page.getByTestId('freshness')).toContainText(
    /waiting for an answer, [2-9] s so far/,
    { timeout: 30_000 },
  );
});

test('a job not found offers the other regions, an edited lookup and a summary to copy', async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.notFound);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Job not found');
  await expect(alert).toContainText(/Attempt at\s*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
  await alert.getByRole('button', { name: 'Copy error summary' }).click();
  const summary = await page.evaluate(() => navigator.clipboard.readText());
  expect(summary).toContain('SFS Turbo job lookup failed: Job not found');
  expect(summary).toContain(
    `Asked for: region eu-de, project ${DEMO_PROJECT_ID}, job ${SCENARIO.notFound}`,
  );
  expect(summary).toContain('HTTP status: 404');
  expect(summary).toContain(
    `Link: ${baseURL}/eu-de/projects/${DEMO_PROJECT_ID}/jobs/${SCENARIO.notFound}`,
  );

  await alert.getByRole('button', { name: /Look in every allowed region/ }).click();
  const list = page.getByRole('list', { name: 'The job in the other regions' });
  await expect(list.getByText('eu-nl', { exact: true })).toBeVisible();
  await expect(list.getByText('asking…')).toHaveCount(0);
  await expect(list.getByText('not found').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/not-found-regions.png', fullPage: true });

  await alert.getByLabel('Same IDs in another region').selectOption('eu-nl');
  await alert.getByRole('link', { name: 'Look in eu-nl' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/eu-nl/projects/${DEMO_PROJECT_ID}/jobs/${SCENARIO.notFound}$`),
  );
  await page.getByRole('alert').getByRole('link', { name: 'Edit lookup' }).click();
  await expect(page.getByLabel('Project ID')).toHaveValue(DEMO_PROJECT_ID);
  await expect(page.getByLabel('Job ID')).toHaveValue(SCENARIO.notFound);
  await expect(page.getByLabel('Region')).toHaveValue('eu-nl');
});

test('several failed sub-jobs are counted on the card by code in the order they failed, each a link to its row', async ({
  page,
}) => {
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.multipleFailures);
  const digest = page.locator('[data-failure-digest]');
  await expect(digest).toHaveText(
    '3 sub-jobs failed: SFS.TURBO.0029 ×1, SFS.TURBO.0030 ×1, SFS.TURBO.0032 ×1',
  );
  await digest.getByRole('link').nth(2).click();
  await expect(page).toHaveURL(/\?sub=/);
  await expect(page.locator('li[aria-current="true"]')).toContainText('SFS.TURBO.0032');
});

test('the zone switch survives a reload', async ({ page }) => {
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.success);
  await expect(page.getByText('UTC', { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Browser zone' }).click();
  await expect(page.getByRole('button', { name: 'Browser zone' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // The tests run in Europe/Berlin: November is UTC+01:00.
  await expect(page.getByText('UTC+01:00').first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Browser zone' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByText('UTC+01:00').first()).toBeVisible();
});

test('the tab title and icon tell the status', async ({ page }) => {
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.failed);
  await expect(page).toHaveTitle(new RegExp(`^Failed · .* ${SCENARIO.failed} · SFS Turbo jobs$`));
  await expect(page.locator('link#favicon')).toHaveAttribute(
    'href',
    /^data:image\/svg\+xml,.*%23b91c1c/,
  );
});

test('recent jobs remember the last status and can be cleared', async ({ page }) => {
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.failed);
  await expect(page.locator('[data-ticket-card] [data-status]').first()).toHaveText('Failed');
  await page.goto('/');
  const recent = page.getByRole('region', { name: 'Recent jobs' });
  await expect(recent.getByRole('link', { name: SCENARIO.failed })).toBeVisible();
  await expect(recent.getByText('Failed')).toBeVisible();
  await recent.getByRole('button', { name: 'Clear list' }).click();
  await expect(recent.getByText('Jobs you open appear here')).toBeVisible();
});

test('pasting an API path fills the form', async ({ page }) => {
  await page.goto('/');
  await page
    .getByLabel(/Paste anything/)
    .fill(
      `GET https://sfs-turbo.eu-nl.otc.t-systems.com/v1/${DEMO_PROJECT_ID}/sfs-turbo/jobs/${SCENARIO.success}`,
    );
  await expect(page.getByLabel('Project ID')).toHaveValue(DEMO_PROJECT_ID);
  await expect(page.getByLabel('Job ID')).toHaveValue(SCENARIO.success);
  await expect(page.getByLabel('Region')).toHaveValue('eu-nl');
});

test('pasting an SDK exception takes the labelled IDs, not the request_id, and says where each came from', async ({
  page,
}) => {
  const requestId = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
  await page.goto('/');
  await page
    .getByLabel(/Paste anything/)
    .fill(
      `ClientRequestException: {"status_code": 400, "request_id": "${requestId}", "error_code": "SFS.TURBO.0001"} job_id=${SCENARIO.failed} project=${DEMO_PROJECT_ID}`,
    );
  await expect(page.getByLabel('Project ID')).toHaveValue(DEMO_PROJECT_ID);
  await expect(page.getByLabel('Job ID')).toHaveValue(SCENARIO.failed);
  await expect(
    page.locator('[data-paste-source]', { hasText: `project=${DEMO_PROJECT_ID}` }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Show job' }).click();
  await expect(page.locator('[data-ticket-card] [data-status]').first()).toBeVisible();
  await page.goBack();
  await expect(page.getByLabel('Project ID')).toHaveValue(DEMO_PROJECT_ID);
});

test('asking to be notified keeps polling while the tab is hidden', async ({
  page,
  context,
  simulator,
}) => {
  test.setTimeout(60_000);
  await context.grantPermissions(['notifications']);
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.waiting);
  await page.getByRole('button', { name: 'Notify me when it ends' }).click();
  await expect(page.getByRole('button', { name: 'Cancel notification' })).toBeVisible();
  const key = `${DEMO_PROJECT_ID}/${SCENARIO.waiting}`;
  const count = async () =>
    ((await simulator.get('/__simulator/stats')) as { jobs: Record<string, number> }).jobs[key] ??
    0;
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const hiddenAt = await count();
  await expect.poll(count, { timeout: 20_000 }).toBeGreaterThan(hiddenAt);
});

test('a status in another form than the documented word is shown as it came, on the card and on the timeline', async ({
  page,
}) => {
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.upperFail);
  await expect(page.locator('[data-ticket-card] [data-status]').first()).toHaveText('Failed(FAIL)');
  const rows = page.locator('li[data-row-key]');
  await expect(rows.first()).toContainText('Failed (FAIL)');
  await expect(rows.nth(1)).toContainText('Failed (FAIL)');
});
