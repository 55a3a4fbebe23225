import type { Locator, Page } from '@playwright/test';
import { DEMO_PROJECT_ID, SCENARIO } from '../server/simulator/simulator.ts';
import { expect, openJob, test } from './fixtures.ts';

test.beforeEach(async ({ simulator }) => {
  await simulator.post('/__simulator/reset');
});

const timeline = (page: Page) =>
  page.getByRole('list', { name: 'Job and sub-jobs on one time axis' });
const rowOf = (link: Locator) => link.locator('xpath=ancestor::li[1]');
/** Failed sub-job rows (the job's own row has no sub-job link). */
const failedSubJobRows = (page: Page) =>
  timeline(page)
    .locator('li[data-status="failed"]')
    .filter({ has: page.locator('a[data-row-link]') });

async function isInViewport(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  });
}

test('support engineer reads a failed sub-job’s code, meaning and reason on the timeline without clicking', async ({
  page,
}) => {
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.failed);
  const failed = failedSubJobRows(page);
  await expect(failed.first()).toBeVisible();
  await expect(failed.first()).toContainText('SFS.TURBO.0029');
  await expect(failed.first()).toContainText('The subnet has not enough free IP addresses.');
  await expect(failed.first().getByText('Subnet has not enough ips')).toBeVisible();
  await expect(page.getByTestId('timeline-counts')).toContainText('1 failed');
});

test('a long failure reason printed in the card is referred to on the row, and shown whole there on request, on screen and in print', async ({
  page,
}) => {
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.longFailReason);
  const subRow = failedSubJobRows(page);
  const reason = subRow.locator('p.whitespace-pre-wrap');
  const reference = subRow.locator('[data-reason-ref] summary');
  await expect(reference).toContainText('The failure reason printed in full in the job card above');
  await expect(reason).toBeHidden();
  await reference.click();
  await expect(reason).toBeVisible();
  const unclipped = () =>
    reason.evaluate(
      (element) =>
        element.scrollHeight <= element.clientHeight + 1 &&
        element.scrollWidth <= element.clientWidth + 1,
    );
  expect((await reason.textContent())?.length).toBeGreaterThan(500);
  expect(await unclipped()).toBe(true);
  await page.emulateMedia({ media: 'print' });
  await expect(reason).toBeVisible();
  expect(await unclipped()).toBe(true);
});

test('a shared ?sub= link opens the job with that sub-job focused and highlighted', async ({
  page,
}) => {
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.multipleFailures);
  const links = timeline(page).locator('a[data-row-link]');
  await expect(links).toHaveCount(4);
  const last = (await links.last().textContent())?.trim() ?? '';
  expect(last).not.toBe('');

  await page.goto(
    `/eu-de/projects/${DEMO_PROJECT_ID}/jobs/${SCENARIO.multipleFailures}?sub=${encodeURIComponent(last)}`,
  );
  const link = page.getByRole('link', { name: `Sub-job ${last} (selected)` });
  await expect(link).toBeFocused();
  await expect(rowOf(link)).toHaveAttribute('aria-current', 'true');
  await expect(page.getByRole('button', { name: 'Copy link to this sub-job' })).toBeVisible();
  expect(await isInViewport(link)).toBe(true);
});

test('a keyboard user jumps to the first failure and moves on to the next sub-job', async ({
  page,
}) => {
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.multipleFailures);
  const jump = page.getByRole('button', { name: 'Jump to first failure' });
  await expect(page.getByTestId('timeline-counts')).toContainText('3 failed');
  await jump.focus();
  await page.keyboard.press('Enter');

  const firstFailed = failedSubJobRows(page).first();
  const firstLink = firstFailed.locator('a[data-row-link]');
  await expect(firstLink).toBeFocused();
  await expect(firstFailed).toHaveAttribute('aria-current', 'true');
  const firstId = (await firstLink.textContent())?.trim() ?? '';
  await expect(page).toHaveURL(new RegExp(`\\?sub=${firstId}$`));

  await page.keyboard.press('Tab'); // the copy button of the selected row
  await expect(page.getByRole('button', { name: 'Copy link to this sub-job' })).toBeFocused();
  await page.keyboard.press('Tab'); // the next row's link
  const next = page.locator(':focus');
  await expect(next).toHaveAttribute('data-row-link');
  const nextId = (await next.textContent())?.trim() ?? '';
  expect(nextId).not.toBe(firstId);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`\\?sub=${nextId}$`));
  await expect(rowOf(next)).toHaveAttribute('aria-current', 'true');
  await expect(firstFailed).not.toHaveAttribute('aria-current', 'true');
});

test('every bar has a text alternative and the axis names its zone', async ({ page }) => {
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.success);
  const bars = timeline(page).getByRole('img');
  await expect(bars).toHaveCount(4);
  for (const bar of await bars.all())
    await expect(bar).toHaveAttribute('aria-label', /began .* UTC/);
  await expect(page.getByText(/Times in UTC · offsets from the job’s start at/)).toBeVisible();
});

test('a 1,000-sub-job job keeps only the rows near the screen in the page, reaches the last one and jumps to its first failure', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.benchmarkSubJobs);
  // CSS locators here: role queries over a thousand rows (with tracing on) are slow.
  const list = page.locator('ol[aria-label="Job and sub-jobs on one time axis"]');
  const rows = list.locator('> li');
  await expect(list).toHaveAttribute('data-virtual', '');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  const mounted = await rows.count();
  expect(mounted).toBeGreaterThan(10);
  expect(mounted).toBeLessThan(200);
  // Scrolled to the bottom of the page, the last row (its 1,001st) is there, the first gone.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(list.locator('> li[data-index="1000"]')).toBeVisible();
  await expect(page.locator('#timeline-row-job')).toHaveCount(0);
  expect(await rows.count()).toBeLessThan(200);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.getByTestId('timeline-counts')).toContainText('5 failed');
  await page.locator('button', { hasText: 'Jump to first failure' }).click();
  const focused = page.locator('a[data-row-link]:focus');
  await expect(focused).toHaveCount(1);
  await expect(rowOf(focused)).toHaveAttribute('data-status', 'failed');
  await expect(rowOf(focused)).toHaveAttribute('aria-current', 'true');
  await expect.poll(() => isInViewport(focused)).toBe(true);
});

test('a 1,000-sub-job job fits a screen of rows, filters by status and goes from failure to failure', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.benchmarkSubJobs);
  const list = page.locator('ol[aria-label="Job and sub-jobs on one time axis"]');
  await expect(list).toHaveAttribute('data-density', 'compact');
  await list.scrollIntoViewIfNeeded();
  // The virtualiser mounts and measures the rows on screen a frame or two after the list.
  const successHeights = () =>
    list.locator('> li[data-status="success"]').evaluateAll((rows) =>
      rows
        .map((row) => row.getBoundingClientRect().height)
        .filter((height) => height > 0)
        .slice(0, 20),
    );
  await expect.poll(async () => (await successHeights()).length).toBe(20);
  const heights = await successHeights();
  for (const height of heights) expect(height).toBeLessThanOrEqual(26);

  // The failed filter: five rows, each with its reason in line.
  await page.getByRole('button', { name: '5 failed' }).click();
  await expect(list.locator('> li')).toHaveCount(6);
  await expect(list.locator('> li[data-status="failed"]').first()).toContainText('SFS.TURBO.');
  // The whole list is not in the page: the failed rows' keys are read here, all five on screen.
  const failedKeys = await list
    .locator('> li[data-status="failed"]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-row-key')));
  expect(failedKeys).toHaveLength(5);
  await page.getByRole('button', { name: 'Show all' }).click();

  // Next failure twice: the second failed row, selected and in view.
  await page.getByRole('button', { name: 'Next failure' }).click();
  await page.getByRole('button', { name: 'Next failure' }).click();
  const focused = page.locator('a[data-row-link]:focus');
  await expect(rowOf(focused)).toHaveAttribute('data-status', 'failed');
  await expect(rowOf(focused)).toHaveAttribute('data-row-key', failedKeys[1] ?? 'none');
  await expect.poll(() => isInViewport(focused)).toBe(true);

  // A click on the overview's bottom goes to the last rows (those not started).
  const overview = page.getByRole('img', { name: /Overview: every sub-job/ });
  const box = await overview.boundingBox();
  await overview.click({ position: { x: 20, y: (box?.height ?? 64) - 2 } });
  await expect(rowOf(page.locator('a[data-row-link]:focus'))).toHaveAttribute(
    'data-status',
    'waiting',
  );

  // Comfortable rows, remembered across a reload.
  await page.getByRole('button', { name: 'Comfortable' }).click();
  await expect(list).toHaveAttribute('data-density', 'comfortable');
  await page.reload();
  await expect(list).toHaveAttribute('data-density', 'comfortable');
});

test('the rows stay where they are when a waiting job starts and its axis appears', async ({
  page,
  simulator,
}) => {
  // The job starts when the test moves the clocks on, not after a real second: on a busy
  // machine the page could be drawn only after a one-second wait had already ended. The
  // simulator's clock and the page's move together, so the job does not start in the page's future.
  const { jobId } = (await simulator.post('/__simulator/jobs', {
    jobType: 'hpc_create_share',
    subJobs: [
      { jobType: 'create_share', start: 60_000, status: 'running' },
      { jobType: 'change_security_group', start: 62_000, duration: 6_000 },
    ],
  })) as { jobId: string };
  await page.clock.install();
  await openJob(page, DEMO_PROJECT_ID, jobId);
  const status = page.locator('section[aria-labelledby="job-title"] [data-status]').first();
  await expect(status).toHaveAttribute('data-status', 'waiting');
  const firstRow = timeline(page).locator('li').first();
  const top = async () => firstRow.evaluate((row) => row.getBoundingClientRect().top);
  const before = await top();
  await simulator.post('/__simulator/advance', { ms: 60_000 });
  await page.clock.fastForward(60_000);
  await expect(status).toHaveAttribute('data-status', 'running', { timeout: 15_000 });
  await expect(page.getByText('now', { exact: true })).toBeVisible();
  expect(await top()).toBe(before);
});

test('support engineer finds a sub-job by its error code, and the address gives a colleague the same view', async ({
  page,
  simulator,
}) => {
  const S = 1_000;
  const { jobId } = (await simulator.post('/__simulator/jobs', {
    jobType: 'create_share',
    subJobs: Array.from({ length: 40 }, (_, i) => ({
      start: -3_600 * S + i * 20 * S,
      // The last four are still running.
      duration: i >= 36 ? 7_200 * S : 15 * S,
      ...(i === 12
        ? { status: 'failed', errorCode: 'SFS.TURBO.0029', failReason: 'Subnet has not enough ips' }
        : i === 31
          ? { status: 'failed', errorCode: 'SFS.TURBO.0030', failReason: 'Ecs resource not enough' }
          : {}),
    })),
  })) as { jobId: string };
  await page.setViewportSize({ width: 1366, height: 768 });
  await openJob(page, DEMO_PROJECT_ID, jobId);
  const rows = timeline(page).locator('li[data-row-key]');
  // The timeline's chunk can take a while on a busy machine.
  await expect(rows).toHaveCount(41, { timeout: 30_000 });
  const entries = await page.evaluate(() => history.length);

  const field = page.getByRole('searchbox', { name: 'Find a sub-job' });
  await field.pressSequentially('sfs.turbo.0030');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('SFS.TURBO.0030');
  await expect(page.getByTestId('search-count')).toHaveText('1 of 40');
  await expect(page).toHaveURL(/[?&]q=sfs\.turbo\.0030(&|$)/);
  // Typing replaced the address rather than adding a step for every key.
  expect(await page.evaluate(() => history.length)).toBe(entries);

  await field.fill('ips');
  await page.getByRole('button', { name: '2 failed' }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('SFS.TURBO.0029');
  await expect(page).toHaveURL(/[?&]status=failed(&|$)/);
  await expect(page).toHaveURL(/[?&]q=ips(&|$)/);

  // The copied address, opened afresh: the same view.
  await page.goto(page.url());
  await expect(rows).toHaveCount(2, { timeout: 30_000 });
  await expect(rows.nth(1)).toContainText('SFS.TURBO.0029');
  await expect(page.getByRole('searchbox', { name: 'Find a sub-job' })).toHaveValue('ips');
  await expect(page.getByRole('button', { name: '2 failed' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByRole('status').filter({ hasText: 'Showing 1 of 40' })).toContainText(
    'failed; matching “ips”',
  );
  await page.getByRole('button', { name: 'Show all' }).click();
  await expect(rows).toHaveCount(41);
  await expect(page).not.toHaveURL(/[?&](q|status)=/);
});

test('a running sub-job’s ID is shown whole in a compact row', async ({ page, simulator }) => {
  const S = 1_000;
  const { jobId } = (await simulator.post('/__simulator/jobs', {
    jobType: 'create_share',
    subJobs: Array.from({ length: 30 }, (_, i) => ({
      start: -3_600 * S + i * 20 * S,
      duration: i >= 26 ? 7_200 * S : 15 * S,
    })),
  })) as { jobId: string };
  const answer = page.waitForResponse(
    (response) => response.url().includes(`/sfs-turbo/jobs/${jobId}`) && response.ok(),
  );
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`/eu-de/projects/${DEMO_PROJECT_ID}/jobs/${jobId}?status=running`);
  const body = (await (await answer).json()) as { sub_jobs: { job_id: string; status: string }[] };
  const running = body.sub_jobs.filter((sub) => sub.status === 'running').map((sub) => sub.job_id);
  expect(running).toHaveLength(4);
  await page.getByRole('button', { name: 'Compact' }).click({ timeout: 30_000 });
  await expect(timeline(page)).toHaveAttribute('data-density', 'compact');
  const links = timeline(page).locator('li[data-status="running"] a[data-row-link]');
  await expect(links).toHaveCount(4);
  expect(await links.allTextContents()).toEqual(running);
  for (const link of await links.all()) {
    // Nothing of it clipped: no ellipsis, no hidden overflow.
    expect(
      await link.evaluate(
        (element) =>
          element.scrollWidth <= element.clientWidth + 1 &&
          element.scrollHeight <= element.clientHeight + 1,
      ),
    ).toBe(true);
  }
});

test('running times tick on the page’s one clock: the card’s and the rows’ “so far” move in the same second', async ({
  page,
  simulator,
}) => {
  const S = 1_000;
  const { jobId } = (await simulator.post('/__simulator/jobs', {
    jobType: 'create_share',
    subJobs: Array.from({ length: 30 }, (_, i) => ({
      start: -600 * S + i * 10 * S,
      duration: i >= 26 ? 7_200 * S : 5 * S,
    })),
  })) as { jobId: string };
  await page.goto(`/eu-de/projects/${DEMO_PROJECT_ID}/jobs/${jobId}?status=running`);
  await page.getByRole('button', { name: 'Compact' }).click({ timeout: 30_000 });
  const rows = timeline(page).locator('li[data-status="running"]');
  await expect(rows).toHaveCount(5);
  // Read at one instant: the card's duration, the job row's and each running row's "so far".
  const read = () =>
    page.evaluate(() => {
      const card = Array.from(document.querySelectorAll('dt')).find(
        (term) => term.textContent === 'Duration',
      )?.nextElementSibling?.textContent;
      const job = document.querySelector('#timeline-row-job')?.textContent ?? '';
      const subs = Array.from(
        document.querySelectorAll('li[data-status="running"][data-density]'),
      ).map((row) =>
        /(\d+) min (\d+) s so far/
          .exec(row.textContent ?? '')
          ?.slice(1)
          .join(':'),
      );
      return { card, job: /Took\s(.+?so\sfar)/.exec(job)?.[1]?.replaceAll('\u00a0', ' '), subs };
    });
  const first = await read();
  expect(first.card).toMatch(/so far$/);
  expect(first.job).toBe(first.card);
  expect(first.subs).toHaveLength(4);
  for (const sub of first.subs) expect(sub).toMatch(/^\d+:\d\d$/);
  await expect
    .poll(async () => {
      const next = await read();
      return (
        next.card !== first.card &&
        next.job === next.card &&
        next.subs.every((sub, i) => sub !== first.subs[i])
      );
    })
    .toBe(true);
});
