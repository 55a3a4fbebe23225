import AxeBuilder from '@axe-core/playwright';
import type { Page, Request } from '@playwright/test';
import { DEMO_PROJECT_ID, SCENARIO, SECOND_PROJECT_ID } from '../server/simulator/simulator.ts';
import { expect, test, type SimulatorControl } from './fixtures.ts';

/** The incident board: every job of an incident, live, on one page whose address is the board. */

const SHOTS = process.env.BOARD_SHOTS ?? '/tmp/board-shots';
const INCIDENT = [
  `eu-de/${DEMO_PROJECT_ID}/${SCENARIO.incidentCreate}`,
  `eu-nl/${SECOND_PROJECT_ID}/${SCENARIO.incidentExtend}`,
  `eu-de/${DEMO_PROJECT_ID}/${SCENARIO.incidentSecurityGroup}`,
  `eu-nl/${SECOND_PROJECT_ID}/${SCENARIO.incidentWaiting}`,
  `eu-nl/${SECOND_PROJECT_ID}/${SCENARIO.incidentNotFound}`,
];
const board = (jobs: string[], title = '') => `/board?jobs=${jobs.join(',')}${title ? `&title=${encodeURIComponent(title)}` : ''}`;
const row = (page: Page, jobId: string) => page.locator(`li[data-board-row$="/${jobId}"]`);
const stats = async (simulator: SimulatorControl) => (await simulator.get('/__simulator/stats')) as { total: number; jobs: Record<string, number> };

test.beforeEach(async ({ simulator }) => {
  await simulator.post('/__simulator/reset');
});

test('support engineer opens the demo incident from the home page and reads every job on one screen', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/');
  await page.getByRole('link', { name: 'Open the demo incident as a board' }).click();
  await expect(page).toHaveURL(/\/board\?jobs=eu-de\/0d5e/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demo incident: file system resize');
  const counts = page.getByTestId('board-counts');
  for (const state of ['failed', 'lookup-failed', 'running', 'waiting', 'success']) await expect(counts.locator(`[data-count="${state}"]`)).toHaveText(/^1 /);
  await expect(counts).toContainText('5 jobs:');
  await expect(page).toHaveTitle('Failed · Demo incident: file system resize · SFS Turbo jobs');
  await expect(page.locator('link#favicon')).toHaveAttribute('href', /^data:image\/svg\+xml/);

  // The failed job: its first failure in full, and a link to the job page at that sub-job.
  const failed = row(page, SCENARIO.incidentExtend);
  await expect(failed).toContainText('Failed');
  await expect(failed).toContainText('Expand capacity (extend_share)');
  await expect(failed).toContainText('First failure in sub-job');
  await expect(failed).toContainText('SFS.TURBO.0030 — Not enough ECS resources in this availability zone. — Ecs resource not enough');
  await expect(failed).toContainText('2 failed');
  await expect(failed.getByRole('link', { name: /Open/ })).toHaveAttribute('href', /\/eu-nl\/projects\/5e1f.*\/jobs\/7c0e2a8e-inci-4f00-9a00-000000000002\?sub=/);

  // The mistyped job: its own lookup failure with the request ID; the others are untouched.
  const missing = row(page, SCENARIO.incidentNotFound);
  await expect(missing).toContainText(/Lookup failed: HTTP 404 · SFS\.TURBO\.0019 · .* · request ID [0-9a-f]{32}/);
  await expect(row(page, SCENARIO.incidentSecurityGroup)).toContainText('Running');
  await expect(row(page, SCENARIO.incidentWaiting)).toContainText('Waiting');
  await expect(row(page, SCENARIO.incidentCreate)).toContainText('Succeeded');
  for (const jobId of [SCENARIO.incidentCreate, SCENARIO.incidentExtend, SCENARIO.incidentSecurityGroup]) {
    await expect(row(page, jobId).locator('[data-as-of]')).toContainText(/as of \d\d:\d\d:\d\d UTC/);
  }
  // One axis: the running job reaches the "now" line.
  await expect(page.locator('[data-axis-bar]')).toHaveCount(3);
  await expect(page.getByText('The dashed line is now')).toBeVisible();

  // Compact: every row of the board is in the first screen.
  const lastRow = await page.locator('li[data-board-row]').last().boundingBox();
  expect(lastRow && lastRow.y + lastRow.height).toBeLessThanOrEqual(768);
  await page.screenshot({ path: `${SHOTS}/incident-1366.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/incident-390.png`, fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
});
