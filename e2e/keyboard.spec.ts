import type { Locator, Page } from '@playwright/test';
import { DEMO_PROJECT_ID, SCENARIO } from '../server/simulator/simulator.ts';
import { expect, holdTimers, shownWords, test } from './fixtures.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test.beforeEach(async ({ simulator }) => {
  await simulator.post('/__simulator/reset');
});

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would, and
 * checks that the focus can be seen there. Fails if it is not reached within `limit` presses.
 */
async function tabTo(
  page: Page,
  target: Locator,
  { limit = 40, backwards = false } = {},
): Promise<void> {
  for (let presses = 0; presses <= limit; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) {
      expect(
        await target.evaluate((element) => element.matches(':focus-visible')),
        'focus is visible',
      ).toBe(true);
      return;
    }
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(
    `${String(target)} not reached with ${limit} presses of ${backwards ? 'Shift+Tab' : 'Tab'}`,
  );
}

test('support engineer looks up a failed job, copies it, switches the zone and jumps to the failure with the keyboard alone', async ({
  page,
}) => {
  await page.clock.install();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Look up an SFS Turbo job' })).toBeVisible();

  // The lookup form: IDs entered, the form sent with Enter. Entered at once, as a paste: key by
  // key the 68 characters took 24 s of a 60 s test at load 35, and the keys prove nothing more.
  await tabTo(page, page.getByLabel('Project ID'));
  await page.keyboard.insertText(DEMO_PROJECT_ID);
  await tabTo(page, page.getByLabel('Job ID'));
  await page.keyboard.insertText(SCENARIO.multipleFailures);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(
    `/eu-de/projects/${DEMO_PROJECT_ID}/jobs/${SCENARIO.multipleFailures}`,
  );
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('timeline-counts')).toContainText('3 failed');

  // Copy the summary for the ticket.
  const copy = page.getByRole('button', { name: 'Copy summary' });
  await tabTo(page, copy);
  const neighbour = page.getByRole('button', { name: 'Copy link', exact: true });
  const before = { copy: await copy.boundingBox(), neighbour: await neighbour.boundingBox() };
  // "Copied" shows for two seconds of the page's clock, held still while it is measured.
  await holdTimers(page);
  await page.keyboard.press('Enter');
  await expect(shownWords(copy)).toHaveText('Copied');
  // "Copied" moves nothing: the button keeps its width and the one beside it its place.
  expect((await copy.boundingBox())?.width).toBe(before.copy?.width);
  expect((await neighbour.boundingBox())?.x).toBe(before.neighbour?.x);
  await page.clock.resume();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toContain(`SFS Turbo job ${SCENARIO.multipleFailures}`);

  // Times in the browser's zone (the suite runs in Europe/Berlin), chosen with Space.
  const browserZone = page.getByRole('button', { name: 'Browser zone' });
  await tabTo(page, browserZone, { backwards: true });
  await page.keyboard.press('Space');
  await expect(browserZone).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('time').first()).toContainText(/UTC\+0[12]:00/);

  // Jump to the first failed sub-job.
  const jump = page.getByRole('button', { name: 'Jump to first failure' });
  await tabTo(page, jump, { limit: 60 });
  await page.keyboard.press('Enter');
  const focused = page.locator('a[data-row-link]:focus');
  await expect(focused).toHaveCount(1);
  const row = focused.locator('xpath=ancestor::li[@data-status][1]');
  await expect(row).toHaveAttribute('data-status', 'failed');
  await expect(row).toHaveAttribute('aria-current', 'true');
  await expect(page).toHaveURL(/\?sub=/);
});
