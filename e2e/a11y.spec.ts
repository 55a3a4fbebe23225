import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  DEMO_PROJECT_ID,
  SCENARIO,
  demoJobs,
  type DemoJob,
} from '../server/simulator/simulator.ts';
import { expect, test, type SimulatorControl } from './fixtures.ts';

/**
 * axe-core over every page and every simulator scenario, in the light and the dark scheme:
 * zero violations of any rule axe runs by default (WCAG 2.x A and AA, best practices).
 * One page per slice of scenarios moves through them without reloading, so the run stays short.
 */

interface Scenario {
  jobId: string;
  title: string;
  group: string;
}

interface Finding {
  where: string;
  rule: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * The dark scheme changes colours only (custom properties under prefers-color-scheme), so it
 * is audited with the rules that read colours; the light run covers structure, names and roles.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

async function audit(
  page: Page,
  where: string,
  findings: Finding[],
  colorsOnly: boolean,
): Promise<void> {
  // Legacy mode runs axe in one call in the page: the app has no frames, and the default
  // (partial results per frame, assembled in Node) takes minutes on the 1,000-row timeline.
  let builder = new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] });
  if (colorsOnly) builder = builder.withRules(COLOUR_RULES);
  builder = builder.exclude(`[${SKIP}]`);
  const { violations } = await builder.analyze();
  for (const violation of violations) {
    findings.push({
      where,
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    });
  }
}

/** Client-side navigation: the app is loaded once, as a user moving between jobs has it. */
async function navigate(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

const SKIP = 'data-a11y-repeat';

/**
 * On a timeline of hundreds of rows, rows after the hundredth are the same component with a
 * status already audited above them; they are left out (failed rows never are), which keeps
 * the 1,000-row scenario from taking most of the run.
 */
async function markRepeatedRows(page: Page): Promise<void> {
  await page.evaluate((attribute) => {
    const rows = document.querySelectorAll(
      'ol[aria-label="Job and sub-jobs on one time axis"] > li',
    );
    rows.forEach((row, index) => {
      if (index >= 100 && row.getAttribute('data-status') !== 'failed')
        row.setAttribute(attribute, '');
    });
  }, SKIP);
}

/** The job page has settled once it shows a job or a lookup failure, not the loading line. */
async function jobSettled(page: Page): Promise<void> {
  await expect(page.getByText(/^Asking SFS Turbo for job/)).toHaveCount(0, { timeout: 20_000 });
  // The status drawn before the app's script (src/first-status.ts) is not the page to audit.
  await expect(page.locator('[data-first-status]')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('[data-status], [data-failure-kind]').first()).toBeVisible();
  // Large timelines draw in steps; audit the whole of it.
  await expect(page.getByText(/^Drawing \d+ more rows?/)).toHaveCount(0, { timeout: 30_000 });
}

// Tracing snapshots the DOM at every step, which on the 1,000-row timeline costs more than the
// audit itself; a failure here is explained by the findings it prints.
test.use({ trace: 'off' });

/**
 * The catalogue in slices of a few scenarios of one group, known when the tests are listed:
 * one test per slice and scheme keeps each test's length bounded as the catalogue grows and on
 * a busy machine (one test over every scenario ran out its five minutes at load 17, one over
 * the 20-odd "Job types" its two at load 36; an audit took up to 10 s there).
 */
const PER_TEST = 5;
const byGroup = new Map<string, DemoJob[]>();
for (const job of demoJobs()) byGroup.set(job.group, [...(byGroup.get(job.group) ?? []), job]);
const SLICES = [...byGroup].flatMap(([group, jobs]) =>
  Array.from({ length: Math.ceil(jobs.length / PER_TEST) }, (_, index) => ({
    name: jobs.length > PER_TEST ? `${group}, part ${index + 1}` : group,
    jobIds: jobs.slice(index * PER_TEST, (index + 1) * PER_TEST).map((job) => job.jobId),
  })),
);

/** The catalogue as the running simulator serves it. */
async function catalogue(simulator: SimulatorControl): Promise<Scenario[]> {
  await simulator.post('/__simulator/reset');
  const { scenarios } = (await simulator.get('/__simulator/scenarios')) as {
    scenarios: Scenario[];
  };
  return scenarios;
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} scheme`, () => {
    const colorsOnly = colorScheme === 'dark';
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme });
    });

    test(`the lookup, ticket, invalid-address and not-found pages have no axe violations in the ${colorScheme} scheme`, async ({
      page,
      simulator,
    }) => {
      // Six audits; at load 25 on two cores one audit took up to 10 s.
      test.setTimeout(120_000);
      const scenarios = await catalogue(simulator);
      // The catalogue and the constants tests import must agree, and every scenario is in a
      // slice audited below, or a scenario escapes the audit.
      expect(scenarios.map((s) => s.jobId).sort()).toEqual(Object.values(SCENARIO).sort());
      expect(scenarios.map((s) => s.jobId).sort()).toEqual(
        SLICES.flatMap((slice) => slice.jobIds).sort(),
      );

      const findings: Finding[] = [];
      const check = (where: string) =>
        audit(page, `${where} (${colorScheme})`, findings, colorsOnly);

      await page.goto('/');
      await expect(page.getByRole('heading', { name: 'Look up an SFS Turbo job' })).toBeVisible();
      await check('lookup page');

      // The form's own error state: messages tied to the fields.
      await page.getByLabel('Project ID').fill('not-a-project');
      await page.getByLabel('Job ID').fill('bad/id');
      await page.getByRole('button', { name: 'Show job' }).click();
      await expect(
        page.getByText('A project ID has only the characters 0-9 and a-f.'),
      ).toBeVisible();
      await check('lookup page with invalid IDs');

      await navigate(
        page,
        `/eu-de/projects/${DEMO_PROJECT_ID}/jobs/${SCENARIO.multipleFailures}?view=ticket`,
      );
      await jobSettled(page);
      await check('ticket view of a failed job');

      await navigate(page, `/eu-de/projects/${DEMO_PROJECT_ID}/jobs/bad_id!`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await check('job page with an invalid address');

      await navigate(page, '/no/such/page');
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await check('not-found page');

      // Back home, now with a list of recent jobs.
      await navigate(page, `/eu-de/projects/${DEMO_PROJECT_ID}/jobs/${SCENARIO.failed}`);
      await jobSettled(page);
      await navigate(page, '/');
      await expect(page.getByRole('heading', { name: 'Look up an SFS Turbo job' })).toBeVisible();
      await expect(
        page
          .getByRole('region', { name: 'Recent jobs' })
          .getByRole('link', { name: SCENARIO.failed }),
      ).toBeVisible();
      await check('lookup page with recent jobs');

      expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
    });

    for (const slice of SLICES) {
      test(`the scenarios "${slice.name}" have no axe violations in the ${colorScheme} scheme`, async ({
        page,
        simulator,
      }) => {
        // Up to five audits on a busy machine; the full audit of the 1,000-row timeline alone
        // outlasted 120 s at load 22, and keeps the five minutes the single test had.
        test.setTimeout(slice.jobIds.includes(SCENARIO.benchmarkSubJobs) ? 300_000 : 120_000);
        const scenarios = (await catalogue(simulator)).filter((s) =>
          slice.jobIds.includes(s.jobId),
        );
        expect(scenarios.map((s) => s.jobId)).toEqual(slice.jobIds);
        const findings: Finding[] = [];
        const check = (where: string) =>
          audit(page, `${where} (${colorScheme})`, findings, colorsOnly);
        // One page per slice moves through its scenarios without reloading, as a user does.
        await page.goto('/');
        await expect(page.getByRole('heading', { name: 'Look up an SFS Turbo job' })).toBeVisible();
        for (const scenario of scenarios) {
          await navigate(page, `/eu-de/projects/${DEMO_PROJECT_ID}/jobs/${scenario.jobId}`);
          await jobSettled(page);
          await markRepeatedRows(page);
          await check(`job page: ${scenario.title} (${scenario.jobId})`);
        }
        expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
      });
    }
  });
}
