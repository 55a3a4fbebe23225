import { DEMO_PROJECT_ID, SCENARIO } from '../server/simulator/simulator.ts';
import { expect, openJob, test } from './fixtures.ts';

/** Issue 22: every failure code counted, the first failure the sub-job that failed first. */

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test.beforeEach(async ({ simulator }) => {
  await simulator.post('/__simulator/reset');
});

test('a job whose five sub-jobs failed with one code counts it once: SFS.TURBO.0032 ×5', async ({
  page,
}) => {
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.sameCodeFailures);
  await expect(page.locator('[data-failure-digest]')).toHaveText(
    '5 sub-jobs failed: SFS.TURBO.0032 ×5',
    { timeout: 30_000 },
  );
});

test('a board row of a job whose three sub-jobs failed with different codes shows the earliest sub-job failure and every code counted', async ({
  page,
}) => {
  await page.goto(`/board?jobs=eu-de/${DEMO_PROJECT_ID}/${SCENARIO.multipleFailures}`);
  const failure = page.locator('[data-row-failure]');
  await expect(failure).toContainText('First failure in sub-job');
  await expect(failure).toContainText('SFS.TURBO.0029');
  await expect(failure).toContainText('Subnet has not enough ips');
  await expect(failure.locator('[data-job-own-code]')).toHaveText(
    " · the job's own code: SFS.TURBO.0030",
  );
  await expect(failure.locator('[data-failure-codes]')).toHaveText(
    '3 sub-jobs failed: SFS.TURBO.0029 ×1, SFS.TURBO.0030 ×1, SFS.TURBO.0032 ×1',
  );
  await page.getByRole('button', { name: 'Copy summary' }).click();
  // Read once the copy has landed: the rich copy's code loads on the click, and until then the
  // clipboard holds what an earlier test put there.
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toMatch(
      /`SFS\.TURBO\.0029` — .* \(sub-job `[^`]+`\); the job's own code `SFS\.TURBO\.0030`; 3 sub-jobs failed: SFS\.TURBO\.0029 ×1, SFS\.TURBO\.0030 ×1, SFS\.TURBO\.0032 ×1 \|/,
    );
});

test('Copy summary of the 1,000-sub-job job lists the failed rows first, as it says', async ({
  page,
}) => {
  // A thousand rows on a shared two-core machine: the page needs time, not a different answer.
  test.setTimeout(240_000);
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.benchmarkSubJobs);
  const actions = page.getByRole('group', { name: 'Take this job into a ticket' });
  await actions.getByRole('button', { name: 'Copy summary' }).click();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toContain('every failed one first');
  const summary = await page.evaluate(() => navigator.clipboard.readText());
  const rows = summary.split('\n').filter((line) => /^\| \d+ \|/.test(line));
  expect(rows).toHaveLength(50);
  for (const row of rows.slice(0, 5)) expect(row).toMatch(/\| Failed \(`failed`\) \|/);
  for (const row of rows.slice(5)) expect(row).not.toMatch(/\| Failed/);
  expect(summary).toContain('| Failure codes | 5 sub-jobs failed: SFS.TURBO.0032 ×5 |');
});
