import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { DEMO_PROJECT_ID, SCENARIO } from '../server/simulator/simulator.ts';
import { expect, holdTimers, openJob, shownWords, test } from './fixtures.ts';

/** Pictures a person looks at after the run (kept: Playwright clears test-results/ only at the start). */
const SHOTS = join('test-results', 'ticket-screens');
const jobPath = (jobId: string) => `/eu-de/projects/${DEMO_PROJECT_ID}/jobs/${jobId}`;

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test.beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
});

test.beforeEach(async ({ simulator }) => {
  await simulator.post('/__simulator/reset');
});

interface RawJob {
  status: string;
  job_type: string;
  begin_time: string;
  end_time: string;
  error_code?: string;
  fail_reason?: string;
  sub_jobs?: { job_id: string; status: string; error_code?: string; fail_reason?: string }[];
}

/** Opens a job and returns the body of the answer the page itself received. */
async function openAndCapture(
  page: Page,
  jobId: string,
  suffix = '',
): Promise<{ raw: string; job: RawJob }> {
  const answer = page.waitForResponse(
    (response) => response.url().includes(`/sfs-turbo/jobs/${jobId}`) && response.ok(),
  );
  if (suffix) await page.goto(jobPath(jobId) + suffix);
  else await openJob(page, DEMO_PROJECT_ID, jobId);
  const raw = await (await answer).text();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  return { raw, job: JSON.parse(raw) as RawJob };
}

const readClipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

async function fieldValue(page: Page, label: string): Promise<string> {
  const text = await page
    .locator('[data-ticket-card] dt', { hasText: new RegExp(`^${label}$`, 'i') })
    .locator('xpath=following-sibling::dd[1]')
    .innerText();
  return text.trim();
}

test('support engineer copies the summary, the link and the raw JSON of a failed job', async ({
  page,
  baseURL,
}) => {
  await page.clock.install();
  const { raw, job } = await openAndCapture(page, SCENARIO.failed);
  // Each "Copied" shows for two seconds of the page's clock: held still, the test sees it however late it looks.
  await holdTimers(page);
  const permalink = `${baseURL}${jobPath(SCENARIO.failed)}`;
  const requestId = await fieldValue(page, 'Lookup request ID, this refresh');
  expect(requestId).toMatch(/^[0-9a-f-]{8,}$/);
  const actions = page.getByRole('group', { name: 'Take this job into a ticket' });

  await actions.getByRole('button', { name: 'Copy summary' }).click();
  await expect(shownWords(actions.getByRole('button', { name: 'Copy summary' }))).toHaveText(
    'Copied',
  );
  const summary = await readClipboard(page);
  expect(summary).toContain(`### SFS Turbo job ${SCENARIO.failed}: Failed`);
  expect(summary).toContain(`| Status | Failed (\`${job.status}\`) |`);
  expect(summary).toContain(`| Job type | Create HPC file system (\`${job.job_type}\`) |`);
  expect(summary).toContain('| Region | `eu-de` Open Telekom Cloud · Germany — simulated data |');
  expect(summary).toContain(`| Project ID | \`${DEMO_PROJECT_ID}\` |`);
  expect(summary).toContain(`| Job ID | \`${SCENARIO.failed}\` |`);
  expect(summary).toContain(`| Begin | ${job.begin_time} UTC |`);
  expect(summary).toContain(`| End | ${job.end_time} UTC |`);
  expect(summary).toContain('| Duration | 35 s |');
  expect(summary).toContain(
    `| Failure | \`${job.error_code}\` — The subnet has not enough free IP addresses. — ${job.fail_reason} |`,
  );
  expect(summary).toContain(`| Lookup request ID, this refresh | \`${requestId}\` |`);
  expect(summary).toMatch(/\| Data as of \| \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \|/);
  expect(summary).toContain(`| Link | ${permalink} |`);
  expect(summary).toContain(`#### Sub-jobs (${job.sub_jobs?.length})`);
  expect(job.sub_jobs?.length, 'sub-jobs in the answer').toBeGreaterThan(0);
  for (const [index, sub] of (job.sub_jobs ?? []).entries()) {
    expect(summary).toContain(
      `| ${index + 1} | ${sub.status === 'failed' ? 'Failed' : 'Succeeded'} (\`${sub.status}\`) | `,
    );
    expect(summary).toContain(`\`${sub.job_id}\``);
  }

  await actions.getByRole('button', { name: 'Copy link' }).click();
  await expect(shownWords(actions.getByRole('button', { name: 'Copy link' }))).toHaveText('Copied');
  expect(await readClipboard(page)).toBe(permalink);

  await actions.getByRole('button', { name: 'Copy raw JSON' }).click();
  await expect(shownWords(actions.getByRole('button', { name: 'Copy raw JSON' }))).toHaveText(
    'Copied',
  );
  expect(await readClipboard(page)).toBe(raw);
});

/** Reads the width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test.describe('on a dark screen', () => {
  test.use({ colorScheme: 'dark' });

  test('support engineer downloads a sharp, light PNG of a failed job with the stamp and the link', async ({
    page,
    baseURL,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openAndCapture(page, SCENARIO.failed);
    const region = page.locator('[data-ticket-region]');
    const cardBackground = () =>
      page.locator('[data-ticket-card]').evaluate((card) => getComputedStyle(card).backgroundColor);
    expect(await cardBackground()).not.toBe('rgb(255, 255, 255)');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download PNG' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(
      new RegExp(`^sfs-turbo-job-${SCENARIO.failed}-\\d{8}-\\d{6}Z\\.png$`),
    );
    await expect(page.getByText(`Saved ${file.suggestedFilename()}`)).toBeVisible();
    const bytes = await readFile(await file.path());
    await writeFile(join(SHOTS, 'download-failed-job.png'), bytes);

    // 2× the region plus a 16 px margin on each side.
    const box = await region.boundingBox();
    const size = pngSize(bytes);
    expect(Math.abs(size.width - 2 * ((box?.width ?? 0) + 32))).toBeLessThanOrEqual(4);
    expect(size.height).toBeGreaterThan(2 * 400);

    // The page is back in the scheme the screen asked for.
    expect(
      await page.evaluate(() => document.documentElement.getAttribute('data-theme')),
    ).toBeNull();
    expect(await cardBackground()).not.toBe('rgb(255, 255, 255)');

    // Decoded in the page: not blank, light background, the failed colour present.
    const stats = await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let white = 0;
      let red = 0;
      let sum = 0;
      let sumSquares = 0;
      const pixels = data.length / 4;
      for (let i = 0; i < data.length; i += 4) {
        const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
        const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        sum += luminance;
        sumSquares += luminance * luminance;
        if (r > 245 && g > 245 && b > 245) white += 1;
        if (r > 150 && g < 60 && b < 60) red += 1;
      }
      const mean = sum / pixels;
      return {
        whiteShare: white / pixels,
        redShare: red / pixels,
        deviation: Math.sqrt(sumSquares / pixels - mean * mean),
        corner: [...data.slice(0, 3)],
      };
    }, bytes.toString('base64'));
    expect(stats.corner).toEqual([255, 255, 255]);
    expect(stats.whiteShare).toBeGreaterThan(0.5);
    expect(stats.whiteShare).toBeLessThan(0.99);
    expect(stats.redShare).toBeGreaterThan(0.001);
    expect(stats.deviation).toBeGreaterThan(20);
    expect(baseURL).toBeTruthy();
  });

  test('the ticket view shows the job without navigation or controls, in the light scheme', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openAndCapture(page, SCENARIO.failed, '?view=ticket');
    await expect(page.getByRole('banner')).toBeHidden();
    await expect(page.getByRole('link', { name: 'SFS Turbo jobs' })).toBeHidden();
    await expect(page.getByText('Data as of')).toBeVisible();
    await expect(page.getByTestId('permalink')).toContainText(jobPath(SCENARIO.failed));
    await expectAllHidden(page.locator('button'));
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-theme'))).toBe(
      'light',
    );
    const background = await page
      .locator('[data-ticket-card]')
      .evaluate((card) => getComputedStyle(card).backgroundColor);
    expect(background).toBe('rgb(255, 255, 255)');
    await page.screenshot({ path: join(SHOTS, 'ticket-view-failed-1366x768.png') });
  });

  test('the printout is light, has no buttons or navigation, and keeps long reasons whole', async ({
    page,
  }) => {
    const { job } = await openAndCapture(page, SCENARIO.longFailReason);
    const reason = job.fail_reason ?? '';
    expect(reason.length).toBeGreaterThan(500);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('header')).toBeHidden();
    await expectAllHidden(page.locator('button'));
    await expect(page.getByRole('group', { name: 'Take this job into a ticket' })).toBeHidden();
    await expect(page.getByTestId('permalink')).toContainText(jobPath(SCENARIO.longFailReason));
    await expect(page.getByText('Data as of')).toBeVisible();
    // Whole, once: in the card; the job's and the sub-job's rows on the timeline refer to it.
    const reasons = page.locator('p', { hasText: reason });
    await expect(reasons.filter({ visible: true })).toHaveCount(1);
    const whole = page.locator('[data-ticket-card] p', { hasText: reason });
    await expect(whole).toBeVisible();
    expect(
      await whole.evaluate(
        (node) =>
          node.scrollHeight <= node.clientHeight + 1 && node.scrollWidth <= node.clientWidth + 1,
      ),
    ).toBe(true);
    const references = page.locator('[data-reason-ref] summary');
    await expect(references).toHaveCount(2);
    for (const reference of await references.all()) {
      await expect(reference).toBeVisible();
      await expect(reference).toContainText(
        `The failure reason printed in full in the job card above (${reason.length} characters)`,
      );
      // The invitation to open it is for the screen only.
      await expect(reference.getByText(': show it here too')).toBeHidden();
    }
    const background = await page
      .locator('[data-ticket-card]')
      .evaluate((card) => getComputedStyle(card).backgroundColor);
    expect(background).toBe('rgb(255, 255, 255)');
    await page.pdf({
      path: join(SHOTS, 'print-long-reason.pdf'),
      format: 'A4',
      printBackground: true,
    });
  });
});

/**
 * Every element the locator finds is hidden, and it finds some: a role query would skip
 * hidden buttons and leave nothing to check.
 */
async function expectAllHidden(locator: Locator): Promise<void> {
  const all = await locator.all();
  expect(all.length, `${locator} in the page`).toBeGreaterThan(0);
  for (const element of all) await expect(element).toBeHidden();
}

/** Whether the whole element lies within the first screen, without scrolling. */
async function onFirstScreen(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight && box.width > 0;
  });
}

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
]) {
  const name = `${viewport.width}x${viewport.height}`;
  test(`the first screen of a failed job at ${name} holds everything a ticket needs`, async ({
    page,
    baseURL,
  }) => {
    await page.setViewportSize(viewport);
    const { job } = await openAndCapture(page, SCENARIO.failed);
    const card = page.locator('[data-ticket-card]');
    const needed: Locator[] = [
      card.locator('[data-status="failed"]').first(),
      card.getByRole('heading', { name: /Create HPC file system/ }),
      card.locator('dd', { hasText: /^eu-de · Open Telekom Cloud/ }),
      card.getByText(DEMO_PROJECT_ID, { exact: true }),
      card.getByText(SCENARIO.failed, { exact: true }),
      card.locator('dd', { hasText: `${job.begin_time} UTC` }),
      card.locator('dd', { hasText: `${job.end_time} UTC` }),
      card.locator('dd', { hasText: /^35 s$/ }),
      page.getByTestId('freshness').getByText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/),
      card
        .locator('dt', { hasText: 'Lookup request ID, this refresh' })
        .locator('xpath=following-sibling::dd[1]'),
      card.getByRole('link', { name: `${baseURL}${jobPath(SCENARIO.failed)}` }),
      card.getByText(job.error_code ?? 'missing code', { exact: true }),
      card.getByText(job.fail_reason ?? 'missing reason', { exact: true }),
    ];
    for (const locator of needed) {
      await expect(locator).toBeVisible();
      expect(await onFirstScreen(locator), `${locator} on the first screen`).toBe(true);
    }
    await page.screenshot({ path: join(SHOTS, `first-screen-failed-${name}.png`) });
  });
}

test('the first screen of a job with a very long failure reason still shows all of it at 1366x768', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const { job } = await openAndCapture(page, SCENARIO.longFailReason);
  const reason = page
    .locator('[data-ticket-card]')
    .getByText(job.fail_reason ?? 'missing', { exact: true });
  expect(await onFirstScreen(reason)).toBe(true);
  await page.screenshot({ path: join(SHOTS, 'first-screen-long-reason-1366x768.png') });
});

test('a job of 40 sub-jobs gives a PNG of the job and 25 of them, the failed ones among them', async ({
  page,
  simulator,
}) => {
  const S = 1_000;
  const created = (await simulator.post('/__simulator/jobs', {
    jobType: 'create_share',
    subJobs: Array.from({ length: 40 }, (_, i) => ({
      start: -3_600 * S + i * 20 * S,
      duration: 15 * S,
      ...(i === 31 || i === 37
        ? { status: 'failed', errorCode: 'SFS.TURBO.0030', failReason: 'Ecs resource not enough' }
        : {}),
    })),
  })) as { jobId: string };
  await page.setViewportSize({ width: 1366, height: 768 });
  await openAndCapture(page, created.jobId);
  // The job itself gives no reason: the card leads with the first failed sub-job's.
  const card = page.locator('[data-ticket-card]');
  await expect(card).toContainText('First failure in sub-job');
  await expect(card).toContainText('SFS.TURBO.0030');
  await expect(page.locator('li[data-row-key]')).toHaveCount(41);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download PNG' }).click();
  const bytes = await readFile(await (await download).path());
  await writeFile(join(SHOTS, 'download-40-sub-jobs.png'), bytes);
  const size = pngSize(bytes);
  const region = await page.locator('[data-ticket-region]').boundingBox();
  const rows = await page
    .locator('li[data-row-key]')
    .evaluateAll((items) => items.map((item) => item.getBoundingClientRect().height));
  expect(Math.abs(size.width - 2 * ((region?.width ?? 0) + 32))).toBeLessThanOrEqual(4);
  // 15 rows are left out; a one-line note and three "… N not shown …" lines are drawn instead.
  const leftOut = rows
    .slice(1)
    .sort((a, b) => a - b)
    .slice(0, 15)
    .reduce((sum, height) => sum + height, 0);
  expect(size.height).toBeLessThan(2 * ((region?.height ?? 0) + 32 - leftOut + 200));
  expect(size.height).toBeGreaterThan(2 * ((region?.height ?? 0) + 32 - leftOut - 200));
  await expect(page.locator('[data-capture-skip]')).toHaveCount(0);
  // The note is drawn into the picture only.
  const note = page.locator('.png-only');
  await expect(note).toHaveText(
    'This picture shows 25 of 40 sub-jobs: every failed one (2), at least one of every other state, then the earliest others, in time order; “… N not shown …” marks where rows are left out. All of them are on the page at the link above.',
  );
  await expect(note).toBeHidden();
});

/** The clipboard's HTML and text, as a rich editor's paste would read them. */
async function readRichClipboard(page: Page): Promise<{ html: string; text: string }> {
  return page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    if (!item) throw new Error('the clipboard is empty');
    if (!item.types.includes('text/html'))
      throw new Error(`no HTML among ${item.types.join(', ')}`);
    return {
      html: await (await item.getType('text/html')).text(),
      text: await (await item.getType('text/plain')).text(),
    };
  });
}

/** The HTML's tables as text, row by row, read by the browser's own parser. */
async function tablesOf(page: Page, html: string): Promise<{ head: string[]; rows: string[][] }[]> {
  return page.evaluate((markup) => {
    const doc = new DOMParser().parseFromString(markup, 'text/html');
    if (doc.querySelector('img, script, iframe')) throw new Error('active content in the HTML');
    return Array.from(doc.querySelectorAll('table')).map((table) => ({
      head: Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent ?? ''),
      rows: Array.from(table.querySelectorAll('tbody tr')).map((tr) =>
        Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? ''),
      ),
    }));
  }, html);
}

test('Copy summary puts an HTML table beside the Markdown, for a paste into Jira or Outlook', async ({
  page,
  simulator,
}) => {
  const hostile = '<img src=x onerror=alert(1)>';
  const { jobId } = (await simulator.post('/__simulator/jobs', {
    jobType: 'create_share',
    subJobs: [
      { start: -600_000, duration: 15_000 },
      {
        start: -500_000,
        duration: 15_000,
        status: 'failed',
        errorCode: 'SFS.TURBO.0030',
        failReason: `Ecs resource not enough ${hostile} | quota`,
      },
    ],
  })) as { jobId: string };
  const { job } = await openAndCapture(page, jobId);
  const actions = page.getByRole('group', { name: 'Take this job into a ticket' });
  await actions.getByRole('button', { name: 'Copy summary' }).click();
  await expect(shownWords(actions.getByRole('button', { name: 'Copy summary' }))).toHaveText(
    'Copied',
  );
  const { html, text } = await readRichClipboard(page);
  expect(text).toContain(`### SFS Turbo job ${jobId}: Failed`);
  expect(html).not.toContain('<img');
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  const [fields, subJobs] = await tablesOf(page, html);
  expect(fields?.head).toEqual(['Field', 'Value']);
  const field = (name: string) => fields?.rows.find((row) => row[0] === name)?.[1];
  expect(field('Job ID')).toBe(jobId);
  expect(field('Project ID')).toBe(DEMO_PROJECT_ID);
  expect(field('Status')).toBe(`Failed (${job.status})`);
  expect(field('Begin')).toBe(`${job.begin_time} UTC`);
  expect(field('Data as of')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
  expect(field('Region')).toContain('simulated data');
  expect(subJobs?.head).toEqual([
    '#',
    'Status',
    'Type',
    'Sub-job ID',
    'Begin',
    'End',
    'Duration',
    'Failure',
  ]);
  const failedRow = subJobs?.rows.find((row) => row[1]?.startsWith('Failed'));
  expect(failedRow?.[3]).toBe(job.sub_jobs?.[1]?.job_id);
  expect(failedRow?.[7]).toContain(`SFS.TURBO.0030`);
  expect(failedRow?.[7]).toContain(`Ecs resource not enough ${hostile} | quota`);
  expect(failedRow?.[4]).toMatch(/ UTC$/);
});

test('the board’s Copy summary carries the same kind of HTML table', async ({ page }) => {
  await page.goto(`/board?jobs=eu-de/${DEMO_PROJECT_ID}/${SCENARIO.failed}&title=Outage`);
  await expect(page.getByText(SCENARIO.failed).first()).toBeVisible();
  await expect(page.locator('[data-status="failed"]').first()).toBeVisible();
  const actions = page.getByRole('group', { name: 'Take this board into a ticket' });
  await actions.getByRole('button', { name: 'Copy summary' }).click();
  await expect(shownWords(actions.getByRole('button', { name: 'Copy summary' }))).toHaveText(
    'Copied',
  );
  const { html, text } = await readRichClipboard(page);
  expect(text).toContain('## Outage');
  const [jobs] = await tablesOf(page, html);
  expect(jobs?.head[5]).toBe('Job ID');
  expect(jobs?.rows[0]?.[5]).toBe(SCENARIO.failed);
  expect(jobs?.rows[0]?.[1]).toMatch(/^Failed/);
  expect(html).toMatch(/Data as of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
  expect(html).toContain('Simulated data.');
});
