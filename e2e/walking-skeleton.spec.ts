import { DEMO_PROJECT_ID, SCENARIO } from '../server/simulator/simulator.ts';
import { expect, openJob, test } from './fixtures.ts';

test.beforeEach(async ({ simulator }) => {
  await simulator.post('/__simulator/reset');
});

test('support engineer looks a job up with the form and lands on its page', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('simulated-banner')).toBeVisible();
  await page.getByLabel('Project ID').fill(DEMO_PROJECT_ID);
  await page.getByLabel('Job ID').fill(SCENARIO.success);
  await page.getByRole('button', { name: 'Show job' }).click();
  await expect(page).toHaveURL(`/eu-de/projects/${DEMO_PROJECT_ID}/jobs/${SCENARIO.success}`);
  await expect(page.locator('[data-ticket-card] [data-status]').first()).toHaveText('Succeeded');
  await expect(page.getByText('UTC').first()).toBeVisible();
});

test('the form explains malformed IDs instead of navigating', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Project ID').fill('not-a-project');
  await page.getByLabel('Job ID').fill('bad/id');
  await page.getByRole('button', { name: 'Show job' }).click();
  await expect(page.getByText('A project ID has only the characters 0-9 and a-f.')).toBeVisible();
  await expect(page.getByText(/A job ID has only letters, digits and dashes/)).toBeVisible();
  await expect(page).toHaveURL('/');
});

test('support engineer opens a bookmarked job and reloads it', async ({ page }) => {
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.success);
  await expect(page.locator('[data-ticket-card] [data-status]').first()).toHaveText('Succeeded');
  await page.reload();
  await expect(page.locator('[data-ticket-card] [data-status]').first()).toHaveText('Succeeded');
  await expect(page.getByText(SCENARIO.success).first()).toBeVisible();
});

test('a running demo job reaches success on screen without a reload', async ({ page }) => {
  test.setTimeout(90_000);
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.running);
  const status = page.locator('[data-ticket-card] [data-status]').first();
  await expect(status).toHaveText(/Running|Waiting/);
  await expect(page.getByRole('status').filter({ hasText: /refreshing every/ })).toBeVisible();
  await expect(status).toHaveText('Succeeded', { timeout: 60_000 });
  await expect(page.getByText('stopped: job finished')).toBeVisible();
});

test('a failed job shows its failure reason', async ({ page }) => {
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.failed);
  await expect(page.locator('[data-ticket-card] [data-status]').first()).toHaveText('Failed');
  await expect(page.getByText(/SFS\.TURBO\.\d{4}/).first()).toBeVisible();
  await expect(page.getByText('stopped: job finished')).toBeVisible();
});

test('an unknown job says it was not found, with the IDs asked for', async ({ page }) => {
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.notFound);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Job not found');
  await expect(alert).toContainText('SFS.TURBO.0019');
  await expect(alert).toContainText('404');
  await expect(alert).toContainText(SCENARIO.notFound);
  await expect(page.getByText('stopped: the lookup failed')).toBeVisible();
});

test('an unknown page offers a way home', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Look up a job' }).click();
  await expect(page).toHaveURL('/');
});

test('a region-less job link redirects to the default region', async ({ page }) => {
  await page.goto(`/projects/${DEMO_PROJECT_ID}/jobs/${SCENARIO.success}`);
  await expect(page).toHaveURL(`/eu-de/projects/${DEMO_PROJECT_ID}/jobs/${SCENARIO.success}`);
});
