import type { Page } from '@playwright/test';
import { DEMO_PROJECT_ID, SCENARIO } from '../server/simulator/simulator.ts';
import { expect, test, type SimulatorControl } from './fixtures.ts';

/** The board as an incident overview: a readable axis over hours, the way in, and undo. */

const H = 3_600_000;
const ref = (jobId: string) => `eu-de/${DEMO_PROJECT_ID}/${jobId}`;
const board = (jobs: string[], title = '') =>
  `/board?jobs=${jobs.join(',')}${title ? `&title=${encodeURIComponent(title)}` : ''}`;
const row = (page: Page, jobId: string) => page.locator(`li[data-board-row$="/${jobId}"]`);

/** Jobs of one pattern (IDs alike but for their end) whose begin times are hours apart. */
async function createJobs(
  simulator: SimulatorControl,
  specs: { jobId: string; jobType: string; start: number; duration: number; status?: string }[],
) {
  for (const spec of specs) await simulator.post('/__simulator/jobs', spec);
  return specs.map((spec) => ref(spec.jobId));
}

const widths = (page: Page) =>
  page
    .locator('[data-axis-bar]')
    .evaluateAll((bars) => bars.map((bar) => bar.getBoundingClientRect().width));

test.beforeEach(async ({ simulator }) => {
  await simulator.post('/__simulator/reset');
});

test('jobs hours apart each keep a readable bar, labelled by a distinct short ID and type; a row can be zoomed to', async ({
  page,
  simulator,
}) => {
  const jobs = await createJobs(simulator, [
    {
      jobId: 'a1b2c3d4-span-4000-8000-000000000001',
      jobType: 'create_share',
      start: -2 * H,
      duration: 13_000,
    },
    {
      jobId: 'a1b2c3d4-span-4000-8000-000000000002',
      jobType: 'extend_share',
      start: -H,
      duration: 23_000,
    },
    {
      jobId: 'a1b2c3d4-span-4000-8000-000000000003',
      jobType: 'extend_share',
      start: -5 * 60_000,
      duration: 120_000,
      status: 'failed',
    },
  ]);
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(board(jobs, 'Over hours'));
  await expect(page.locator('[data-axis-bar]')).toHaveCount(3);

  // Idle hours are cut out (and said so): the 13 s job is no sliver but a bar one can see.
  const axis = page.locator('section[data-axis-view]');
  await expect(axis).toHaveAttribute('data-axis-view', 'cut');
  await expect(page.locator('[data-axis-breaks]')).toContainText('Idle stretches cut out');
  for (const width of await widths(page)) expect(width).toBeGreaterThanOrEqual(40);

  // Labels: number, short ID, type. The IDs share their first 8 characters: their ends tell.
  const labels = await page.locator('[data-axis-label]').allTextContents();
  expect(labels).toEqual([
    '1. a1b2…0001 · Create file system',
    '2. a1b2…0002 · Expand capacity',
    '3. a1b2…0003 · Expand capacity',
  ]);
  expect(new Set(labels).size).toBe(3);
  await expect(page.locator('[data-axis-bar]').first()).toHaveAttribute('title', /took 13 s$/);

  // To scale, the short jobs would be slivers: the floor keeps them at 4 px at least.
  await page.getByLabel('Cut idle stretches out of the axis').uncheck();
  await expect(axis).toHaveAttribute('data-axis-view', 'scale');
  const scaled = await widths(page);
  for (const width of scaled) expect(width).toBeGreaterThanOrEqual(4);
  expect(scaled[0]).toBeLessThan(10);

  // Zoom to the 13 s job, by keyboard: its bar fills most of the row, the others are clipped.
  const zoom = page.getByRole('button', { name: 'Zoom the axis to job 1' });
  await zoom.focus();
  await page.keyboard.press('Enter');
  await expect(axis).toHaveAttribute('data-axis-view', 'zoom');
  await expect(zoom).toBeFocused();
  const rowWidth = await page
    .locator('[data-axis-row]')
    .first()
    .evaluate((element) => element.getBoundingClientRect().width);
  expect((await widths(page))[0]).toBeGreaterThan(rowWidth * 0.7);
  await expect(page.getByText('outside the zoom')).toHaveCount(2);
  await page.getByRole('button', { name: 'Show all jobs' }).press('Enter');
  await expect(axis).toHaveAttribute('data-axis-view', 'cut');
  await expect(zoom).toBeFocused();
});

test('the header leads to Lookup and to the board last open, by keyboard, marking the current page', async ({
  page,
}) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Lookup' })).toHaveAttribute('aria-current', 'page');
  // No board remembered yet: an empty board to paste into.
  await expect(nav.getByRole('link', { name: 'Board' })).toHaveAttribute('href', '/board');
  await nav.getByRole('link', { name: 'Board' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/board$/);
  await expect(nav.getByRole('link', { name: 'Board' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Lookup' })).not.toHaveAttribute('aria-current');

  // A board with jobs is remembered; from the lookup page the header link reopens it.
  const jobs = [ref(SCENARIO.success), ref(SCENARIO.failed)];
  await page.goto(board(jobs, 'INC-9'));
  await expect(page.locator('li[data-board-row]')).toHaveCount(2);
  await nav.getByRole('link', { name: 'Lookup' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await nav.getByRole('link', { name: 'Board' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/board\\?jobs=${jobs.join(',')}&title=INC-9$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('INC-9');
});

/** Three jobs on a window 500 px high: the paste box is below the fold. `rows` picks the rows to wait for. */
async function openFilledBoard(page: Page, rows: string) {
  await page.setViewportSize({ width: 1366, height: 500 });
  await page.goto(board([SCENARIO.success, SCENARIO.failed, SCENARIO.running].map(ref)));
  await expect(page.locator(rows)).toHaveCount(3);
}

/** "Add jobs" pressed by keyboard: the paste box it took the keyboard to, focused and on screen. */
async function addJobs(page: Page) {
  await page.getByRole('button', { name: 'Add jobs', exact: true }).press('Enter');
  const paste = page.getByLabel(/Paste anything with job references/);
  await expect(paste).toBeFocused();
  await expect(paste).toBeInViewport();
  return paste;
}

test('on a filled board "Add jobs" at the top takes the keyboard to the paste box', async ({
  page,
}) => {
  await openFilledBoard(page, 'li[data-board-row]');
  await addJobs(page);
});

test('the paste box "Add jobs" went to stays on screen while the board’s answers come in above it', async ({
  page,
}) => {
  // CI's loaded host pressed "Add jobs" before the answers came: the timeline that then
  // appeared above the box pushed it off screen, the keyboard left in a field out of sight.
  let release!: () => void;
  const answered = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/sfs-turbo/jobs/**', async (route) => {
    await answered;
    await route.continue();
  });
  await openFilledBoard(page, 'li[data-board-row][data-status="loading"]');
  const paste = await addJobs(page);

  release();
  await expect(page.locator('[data-board-row][data-status="loading"]')).toHaveCount(0);
  await expect(page.locator('[data-axis-bar]')).toHaveCount(3);
  await expect(paste).toBeFocused();
  await expect(paste).toBeInViewport({ ratio: 1 });
});

test('removing a row keeps the keyboard on the list and can be undone, the address following', async ({
  page,
}) => {
  const ids = [SCENARIO.success, SCENARIO.failed, SCENARIO.running];
  const jobs = ids.map(ref);
  await page.goto(board(jobs, 'Undo'));
  await expect(page.locator('li[data-board-row]')).toHaveCount(3);

  const remove = (jobId: string) =>
    page.getByRole('button', { name: `Remove job ${jobId} from the board` });
  await remove(ids[1] as string).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`jobs=${jobs[0]},${jobs[2]}&title=Undo$`));
  // The keyboard is on the next row's remove button, and the removal is said.
  await expect(remove(ids[2] as string)).toBeFocused();
  const status = page.getByRole('status').filter({ hasText: `Removed job ${ids[1]}.` });
  await expect(status).toBeVisible();

  await status.getByRole('button', { name: 'Undo' }).press('Enter');
  await expect(page).toHaveURL(new RegExp(`jobs=${jobs.join(',')}&title=Undo$`));
  await expect(page.locator('li[data-board-row]').nth(1)).toHaveAttribute(
    'data-board-row',
    jobs[1] as string,
  );
  await expect(remove(ids[1] as string)).toBeFocused();
  await expect(
    page.getByRole('status').filter({ hasText: `Put job ${ids[1]} back in place 2.` }),
  ).toBeVisible();

  // The last row: the keyboard goes to Undo, the only thing left to act on.
  await page.goto(board([jobs[0] as string]));
  await remove(ids[0] as string).focus();
  await page.keyboard.press('Enter');
  const undo = page.getByRole('button', { name: 'Undo' });
  await expect(undo).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`jobs=${jobs[0]}$`));
  await expect(remove(ids[0] as string)).toBeFocused();
});

test("the board's ticket view carries the simulated-data mark and full dates in its stamps", async ({
  page,
}) => {
  await page.goto(`${board([ref(SCENARIO.success)], 'INC-10')}&view=ticket`);
  await expect(page.locator('header[hidden]')).toHaveCount(1);
  await expect(page.locator('[data-simulated-mark]')).toBeVisible();
  await expect(row(page, SCENARIO.success).locator('[data-as-of]')).toHaveText(
    /^as of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/,
  );
});
