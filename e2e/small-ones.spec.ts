import { DEMO_PROJECT_ID, SCENARIO } from '../server/simulator/simulator.ts';
import { expect, test } from './fixtures.ts';

const jobPath = (jobId: string) => `/eu-de/projects/${DEMO_PROJECT_ID}/jobs/${jobId}`;

test.beforeEach(async ({ simulator }) => {
  await simulator.post('/__simulator/reset');
});

test('the ticket view and the PNG say when the job ended as a clock time, not "ago"', async ({
  page,
}) => {
  await page.goto(jobPath(SCENARIO.failed));
  const endField = page
    .locator('[data-ticket-card] dt', { hasText: /^End$/ })
    .locator('xpath=following-sibling::dd[1]');
  // What a reader (or the picture) sees: the rendered text, not the hidden alternative.
  const end = () => expect.poll(() => endField.innerText());
  // On screen: "… · ended 3 min ago".
  await end().toMatch(/ · ended \d[^·]* ago$/);
  await end().not.toContain('before this capture');

  // The PNG capture marks <html> like this for the moment it clones the page.
  await page.evaluate(() => document.documentElement.setAttribute('data-export', 'png'));
  await end().toMatch(/ · ended \d{2}:\d{2}:\d{2} UTC, \d[^·]* before this capture$/);
  await end().not.toContain(' ago');

  await page.goto(`${jobPath(SCENARIO.failed)}?view=ticket`);
  await end().toMatch(/ · ended \d{2}:\d{2}:\d{2} UTC, \d[^·]* before this capture$/);
  await end().not.toContain(' ago');
});

for (const width of [800, 1024, 1280]) {
  test(`at ${width} px the project and job ID fields show a whole 36-character ID`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 600 });
    await page.goto('/');
    const id36 = '26f6b565-0a1b-4c2d-8e3f-03f0bd975433';
    expect(id36).toHaveLength(36);
    for (const label of ['Project ID', 'Job ID']) {
      const input = page.getByLabel(label, { exact: true });
      await input.fill(id36);
      const fits = await input.evaluate((element: HTMLInputElement) => ({
        scroll: element.scrollWidth,
        client: element.clientWidth,
      }));
      expect(fits.scroll, `${label} at ${width} px`).toBeLessThanOrEqual(fits.client);
    }
  });
}
