import type { Page } from '@playwright/test';
import { DEMO_PROJECT_ID } from '../server/simulator/simulator.ts';
import { expect, openJob, test, type SimulatorControl } from './fixtures.ts';

/**
 * What an upstream (or a pasted link) can put on the page: markup, script, right-to-left
 * overrides, zero-width characters and very long strings, in every field that is shown.
 * It must be shown as text, leave the layout alone and run nothing.
 */

const PWN = 'window.__pwned = true';
const HOSTILE = {
  markup: '<b>bold</b> <a href="javascript:window.__pwned = true">a link</a> &amp; <u>entities</u>',
  script: `<script>${PWN}</script>`,
  img: `<img src=x onerror="${PWN}">`,
  svg: `<svg onload="${PWN}"><circle r="9"/></svg>`,
  /** An override that is never closed: everything after it would read backwards. */
  rtl: '\u202Egnp.exe-report \u202Bmixed',
  zeroWidth: 'zero\u200Bwidth\u200Cnon\u200Djoiner\uFEFFbom\u2060word',
  /** 10,000 characters without a place to break. */
  unbroken: 'W'.repeat(10_000),
  /** 10,000 characters of words. */
  words: 'overflowing '.repeat(834).trim(),
} as const;

/** Markup or script in the page that did not come from the app. */
const INJECTED =
  'main script, main img[src="x"], main svg[onload], [onerror], [onload], main b, main u';

async function createHostileJob(simulator: SimulatorControl): Promise<string> {
  const created = (await simulator.post('/__simulator/jobs', {
    jobType: 'create_share',
    start: -120_000,
    duration: 60_000,
    status: 'failed',
    override: {
      job_type: HOSTILE.markup + HOSTILE.svg,
      error_code: HOSTILE.img,
      fail_reason: `${HOSTILE.script} ${HOSTILE.unbroken}`,
    },
    subJobs: [
      {
        start: -120_000,
        duration: 10_000,
        override: { job_id: HOSTILE.script, job_type: HOSTILE.img },
      },
      {
        start: -110_000,
        duration: 10_000,
        override: { job_id: HOSTILE.rtl, job_type: HOSTILE.rtl },
      },
      {
        start: -100_000,
        duration: 10_000,
        status: 'failed',
        override: {
          job_id: HOSTILE.zeroWidth,
          error_code: HOSTILE.zeroWidth,
          fail_reason: HOSTILE.words,
        },
      },
      {
        start: -90_000,
        duration: 10_000,
        status: 'failed',
        override: {
          job_id: HOSTILE.unbroken,
          error_code: HOSTILE.svg,
          fail_reason: HOSTILE.markup,
        },
      },
      {
        start: -80_000,
        duration: 10_000,
        override: { status: HOSTILE.img, job_type: HOSTILE.unbroken },
      },
    ],
  })) as { jobId: string };
  return created.jobId;
}

/** Messages of alert/confirm/prompt dialogs opened during the test: there must be none. */
let dialogs: string[] = [];

async function expectNoHarm(page: Page): Promise<void> {
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBe(false);
  await expect(page.locator(INJECTED)).toHaveCount(0);
  const overflow = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(overflow.scrollWidth, 'no horizontal scrolling of the page').toBeLessThanOrEqual(
    overflow.innerWidth,
  );
}

test.beforeEach(async ({ page, simulator }) => {
  await simulator.post('/__simulator/reset');
  // The trap: any of the payloads that ran would set it.
  await page.addInitScript(() => {
    (window as { __pwned?: boolean }).__pwned = false;
  });
  dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
]) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport });

    test('a job whose fields carry markup, script, bidi overrides and 10,000 characters shows them as text', async ({
      page,
      simulator,
    }) => {
      const jobId = await createHostileJob(simulator);
      await openJob(page, DEMO_PROJECT_ID, jobId);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const rows = page.locator('ol[aria-label="Job and sub-jobs on one time axis"] > li');
      await expect(rows).toHaveCount(6);

      const main = page.locator('main');
      for (const text of [
        HOSTILE.script,
        HOSTILE.img,
        HOSTILE.svg,
        HOSTILE.markup,
        HOSTILE.unbroken,
      ]) {
        await expect(main).toContainText(text);
      }
      // Invisible characters are kept as they came, not stripped or interpreted.
      const mainText = await main.textContent();
      expect(mainText).toContain(HOSTILE.rtl);
      expect(mainText).toContain(HOSTILE.zeroWidth);
      await expectNoHarm(page);

      // The same in the ticket view, the page made for screenshots.
      await page.goto(`/eu-de/projects/${DEMO_PROJECT_ID}/jobs/${jobId}?view=ticket`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(main).toContainText(HOSTILE.script);
      await expectNoHarm(page);

      // The recent-jobs list on the lookup page shows the job type it remembered.
      await page.goto('/');
      await expect(page.getByRole('heading', { name: 'Look up an SFS Turbo job' })).toBeVisible();
      await expect(main).toContainText(HOSTILE.markup);
      await expectNoHarm(page);
    });

    test('hostile IDs in the address are shown as text on the invalid-address and not-found pages', async ({
      page,
    }) => {
      // 2,000 characters in the address: Node refuses request heads over 16 KiB (431), as
      // most servers and proxies refuse long URLs; the page must cope with what gets through.
      const long = HOSTILE.unbroken.slice(0, 2_000);
      for (const id of [HOSTILE.script, HOSTILE.img, HOSTILE.rtl, long]) {
        await page.goto(`/eu-de/projects/${encodeURIComponent(id)}/jobs/${encodeURIComponent(id)}`);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        expect(await page.locator('main').textContent()).toContain(id);
        await expectNoHarm(page);
      }
      await page.goto(`/${encodeURIComponent(HOSTILE.img)}/${long}`);
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      // The not-found page quotes the path as the browser sent it, percent-encoded.
      await expect(page.locator('main')).toContainText(encodeURIComponent(HOSTILE.img));
      await expectNoHarm(page);
    });
  });
}
