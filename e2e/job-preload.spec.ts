import { DEMO_PROJECT_ID, SCENARIO } from '../server/simulator/simulator.ts';
import { expect, openJob, settle, test } from './fixtures.ts';

/*
 * A job's address: the page the server sends asks for the job's answer itself
 * (`<link rel="preload" as="fetch">`), before the script has loaded, and the app takes that
 * answer instead of asking again (issue 22 item 8).
 */

test.beforeEach(async ({ simulator }) => {
  await simulator.post('/__simulator/reset');
});

test("opening a job's address asks for its answer once, by the page's preload, and shows it", async ({
  page,
}) => {
  // A finished job: no poll follows its answer, so every request for it is the first one's.
  const jobId = SCENARIO.success;
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes(`/sfs-turbo/jobs/${jobId}`)) requests.push(request.url());
  });
  await openJob(page, DEMO_PROJECT_ID, jobId);
  await expect(page.locator('[data-ticket-card] [data-status]').first()).toContainText(
    'Succeeded',
    {
      timeout: 30_000,
    },
  );
  await settle(page);
  expect(requests).toEqual([
    `http://127.0.0.1:${new URL(page.url()).port}/api/eu-de/v1/${DEMO_PROJECT_ID}/sfs-turbo/jobs/${jobId}`,
  ]);
  // The one request was the page's preload (initiator `link`), not the app's `fetch`: the app
  // used the preloaded answer.
  const initiators = await page.evaluate(
    (id) =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.includes(`/sfs-turbo/jobs/${id}`))
        .map((entry) => (entry as PerformanceResourceTiming).initiatorType),
    jobId,
  );
  expect(initiators).toEqual(['link']);
});

test('a live job: its answer comes from the preload, and the app polls on its own after that', async ({
  page,
}) => {
  const jobId = SCENARIO.running;
  const initiators = () =>
    page.evaluate(
      (id) =>
        performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.includes(`/sfs-turbo/jobs/${id}`))
          .map((entry) => (entry as PerformanceResourceTiming).initiatorType),
      jobId,
    );
  await openJob(page, DEMO_PROJECT_ID, jobId);
  await expect(page.getByTestId('freshness')).toContainText(/refreshing every \d+ s/);
  // (Whether a later `fetch` is a poll or a second first request cannot be told apart by time
  // on a loaded machine: the finished job above counts exactly.)
  await expect
    .poll(async () => (await initiators()).length, { timeout: 20_000 })
    .toBeGreaterThan(1);
  const [first, ...later] = await initiators();
  expect(first).toBe('link');
  expect(later.every((initiator) => initiator === 'fetch')).toBe(true);
  // Chromium warns ("preloaded using link preload but not used within a few seconds") on its
  // own timer, a few seconds after the load event; the fixture fails the test on any console
  // warning, so it is given the time to say so.
  await page.waitForTimeout(3_500);
  await settle(page);
});

test("a job's address: the page's first frame already shows the job, never 'Asking SFS Turbo…' first", async ({
  page,
}) => {
  // Everything #root ever shows, from the first mutation on: a page drawn before its answer
  // would show the asking line, then the job.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __rootTexts: string[] }).__rootTexts = seen;
    new MutationObserver(() => {
      const root = document.getElementById('root');
      if (root?.firstChild) seen.push(root.textContent ?? '');
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.success);
  await expect(page.locator('[data-ticket-card] [data-status]').first()).toContainText(
    'Succeeded',
    { timeout: 30_000 },
  );
  const texts = await page.evaluate(
    () => (window as unknown as { __rootTexts: string[] }).__rootTexts,
  );
  expect(texts.length).toBeGreaterThan(0);
  expect(texts.filter((text) => text.includes('Asking SFS Turbo'))).toEqual([]);
  expect(texts[0]).toContain('Succeeded');
});

test("a job's status is on screen before the app's script has loaded, and the app takes over its answer", async ({
  page,
}) => {
  // The app's entry is held back: what shows meanwhile is index.html's own inline script,
  // drawing from the preloaded answer (allowed by the page's Content-Security-Policy by its
  // hash; a blocked script would be a console error, which fails every test).
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  const jobId = SCENARIO.failed;
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes(`/sfs-turbo/jobs/${jobId}`)) requests.push(request.url());
  });
  // Not until "load": that waits for the held script.
  await page.goto(`/eu-de/projects/${DEMO_PROJECT_ID}/jobs/${jobId}`, { waitUntil: 'commit' });
  const early = page.locator('#root > [data-first-status]');
  await expect(early.locator('[data-status="failed"]')).toHaveText('Failed');
  await expect(early).toContainText(jobId);
  await expect(early).toContainText(DEMO_PROJECT_ID);
  await expect(early).toContainText('eu-de');
  await expect(page.locator('[data-ticket-card]')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('before-the-script.png') });

  release();
  await expect(page.locator('[data-ticket-card] [data-status]').first()).toContainText('Failed');
  await expect(early).toHaveCount(0);
  await settle(page);
  await page.screenshot({ path: test.info().outputPath('after-the-script.png') });
  // A failed job is final: no poll follows, so the one request is the preload's, taken by the
  // inline script and handed on to the app.
  expect(requests).toHaveLength(1);
});
