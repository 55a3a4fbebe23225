import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page, Route } from '@playwright/test';
import type { HistoryResponse, Watch } from '../common/contract.ts';
import { DEMO_PROJECT_ID, SCENARIO, SECOND_PROJECT_ID } from '../server/simulator/simulator.ts';
import { expect, openJob, shownWords, test } from './fixtures.ts';

/**
 * The server's memory as the browser shows it (issue 21): "Seen by this dashboard", the record
 * of a job the cloud forgot, and watches. The memory routes are answered here with
 * `page.route` (the contract of common/contract.ts), the job itself by the simulator; a merge
 * with the server's routes may switch these answers to the real ones.
 */

const SHOTS = process.env.MEMORY_SHOTS ?? '/tmp/memory-shots';
const GONE_JOB = '7c0e2a8e-gone-4f00-9a00-000000000001';

const recorded = {
  job_id: GONE_JOB,
  status: 'failed',
  job_type: 'extend_share',
  begin_time: '2026-12-04 20:40:00',
  end_time: '2026-12-04 20:46:50',
  error_code: 'SFS.TURBO.0032',
  fail_reason: 'Two sub-jobs failed',
  sub_jobs: [
    {
      job_id: 'sub-a',
      status: 'success',
      begin_time: '2026-12-04 20:40:01',
      end_time: '2026-12-04 20:42:00',
    },
    {
      job_id: 'sub-b',
      status: 'failed',
      begin_time: '2026-12-04 20:40:01',
      end_time: '2026-12-04 20:46:40',
      error_code: 'SFS.TURBO.0032',
      fail_reason: 'disk',
    },
  ],
};

function historyOf(region: string, projectId: string, jobId: string): HistoryResponse {
  return {
    region,
    projectId,
    jobId,
    changes: [
      {
        at: '2026-12-04T20:40:02Z',
        requestId: 'r1',
        viewer: 'alice',
        facts: { status: 'waiting' },
        changed: [],
      },
      {
        at: '2026-12-04T20:40:30Z',
        requestId: 'r2',
        viewer: 'alice',
        facts: { status: 'running', subJobs: { running: 2 } },
        changed: ['status', 'subJobs'],
      },
      {
        at: '2026-12-04T20:42:01Z',
        requestId: 'r3',
        viewer: 'watch',
        facts: { status: 'running', subJobs: { success: 1, running: 1 } },
        changed: ['subJobs'],
      },
      {
        at: '2026-12-04T20:46:56Z',
        requestId: 'r4',
        viewer: 'bob',
        facts: {
          status: 'failed',
          errorCode: 'SFS.TURBO.0032',
          subJobs: { success: 1, failed: 1 },
          failedSubJobs: ['sub-b'],
        },
        changed: ['status', 'errorCode', 'subJobs', 'failedSubJobs'],
      },
    ],
    truncated: false,
    first: { at: '2026-12-04T20:40:02Z', requestId: 'r1', body: { status: 'waiting' } },
    latest: { at: '2026-12-04T20:46:56Z', requestId: 'r4', body: { ...recorded, job_id: jobId } },
    goneSince: null,
  };
}

interface Memory {
  /** Jobs (by ID) the server remembers. */
  remembers: string[];
  targets: { name: string; kind: 'slack' | 'teams' | 'webhook' }[];
  watches: Watch[];
  posted: { contentType: string | undefined; body: unknown }[];
}

const json = (route: Route, status: number, body: unknown) =>
  route.fulfill({
    status,
    contentType: 'application/json',
    body: status === 204 ? '' : JSON.stringify(body),
  });

/** The memory routes of the dashboard server, as the contract has them. */
async function serveMemory(page: Page, memory: Memory): Promise<void> {
  await page.route('**/api/history/**', (route) => {
    const [region = '', projectId = '', jobId = ''] = new URL(route.request().url()).pathname
      .split('/api/history/')[1]!
      .split('/')
      .map(decodeURIComponent);
    return memory.remembers.includes(jobId)
      ? json(route, 200, historyOf(region, projectId, jobId))
      : json(route, 404, { errCode: 'SFS.TURBO.HISTORY', errMsg: 'not seen by this dashboard' });
  });
  await page.route('**/api/notify-targets', (route) =>
    json(route, 200, { targets: memory.targets }),
  );
  await page.route('**/api/watches**', async (route) => {
    const request = route.request();
    if (request.method() === 'POST') {
      const body = request.postDataJSON() as {
        region: string;
        projectId: string;
        jobId: string;
        target: string;
        subJobFailures?: boolean;
      };
      memory.posted.push({
        contentType: (await request.headerValue('content-type')) ?? undefined,
        body,
      });
      const created: Watch = {
        id: `w${memory.posted.length}`,
        ...body,
        subJobFailures: body.subJobFailures ?? false,
        createdBy: null,
        createdAt: new Date().toISOString(),
        state: 'active',
        endedAt: null,
        lastStatus: null,
        deliveries: [],
      };
      memory.watches = [created, ...memory.watches];
      return json(route, 201, created);
    }
    if (request.method() === 'DELETE') {
      const id = request.url().split('/').at(-1);
      memory.watches = memory.watches.filter((watch) => watch.id !== id);
      return json(route, 204, null);
    }
    return json(route, 200, { watches: memory.watches });
  });
}

const memory = (overrides: Partial<Memory> = {}): Memory => ({
  remembers: [],
  targets: [
    { name: 'inc-channel', kind: 'slack' },
    { name: 'ops', kind: 'teams' },
  ],
  watches: [],
  posted: [],
  ...overrides,
});

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test.beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
});

test.beforeEach(async ({ simulator }) => {
  await simulator.post('/__simulator/reset');
});

test.afterEach(async ({ page }) => {
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('support engineer reads what the dashboard saw of a job, in the page, its summary and its PNG', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await serveMemory(page, memory({ remembers: [SCENARIO.runningForever] }));
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.runningForever);
  const seen = page.getByRole('list', { name: /Seen by this dashboard/ });
  await expect(seen.getByRole('listitem')).toHaveText([
    /20:40:02 UTC\s*first seen Waiting\s*· seen by alice/,
    /20:40:30 UTC\s*Waiting → Running · sub-jobs: 2 running/,
    /20:42:01 UTC\s*sub-jobs: 1 success, 1 running\s*· seen by a watch/,
    /20:46:56 UTC\s*Running → Failed · error SFS\.TURBO\.0032 · sub-job sub-b failed/,
  ]);
  // Right under the card, and inside what the PNG draws.
  const card = await page.locator('[data-ticket-card]').first().boundingBox();
  const section = await page.locator('[data-job-memory]').boundingBox();
  expect(section!.y).toBeGreaterThan(card!.y + card!.height - 1);
  expect(section!.y - (card!.y + card!.height)).toBeLessThan(40);
  await expect(page.locator('[data-ticket-region] [data-job-memory]')).toHaveCount(1);
  await page.screenshot({ path: join(SHOTS, 'job-page-history.png'), fullPage: true });

  const actions = page.getByRole('group', { name: 'Take this job into a ticket' });
  await actions.getByRole('button', { name: 'Copy summary' }).click();
  await expect(shownWords(actions.getByRole('button', { name: 'Copy summary' }))).toHaveText(
    'Copied',
  );
  const { text, html } = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return {
      text: await (await item!.getType('text/plain')).text(),
      html: await (await item!.getType('text/html')).text(),
    };
  });
  expect(text).toContain('#### Seen by this dashboard (4)');
  expect(text).toContain(
    '| 2026-12-04 20:46:56 UTC | Running → Failed · error SFS.TURBO.0032 · sub-job sub-b failed · sub-jobs: 1 success, 1 failed | bob |',
  );
  expect(html).toContain('Seen by this dashboard (4)</h4>');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download PNG' }).click();
  const file = await download;
  await writeFile(join(SHOTS, 'job-page-history-download.png'), await readFile(await file.path()));
});

test('a job the cloud forgot shows the last recorded answer, marked as a record', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await serveMemory(page, memory({ remembers: [GONE_JOB] }));
  await openJob(page, DEMO_PROJECT_ID, GONE_JOB);
  await expect(
    page.getByRole('heading', {
      name: 'The cloud no longer answers for this job. This dashboard last saw it Failed at 2026-12-04 20:46:56 UTC.',
    }),
  ).toBeVisible();
  const record = page.locator('[data-job-record]');
  await expect(record.locator('[data-record-banner]')).toHaveText(
    'Record from 2026-12-04 20:46:56 UTC, not live',
  );
  await expect(record.locator('[data-ticket-card]')).toContainText('Failed');
  await expect(record.locator('[data-ticket-card]')).toContainText('6 min 50 s');
  await expect(record).not.toContainText('so far');
  await expect(
    record.getByRole('list', { name: /Seen by this dashboard/ }).getByRole('listitem'),
  ).toHaveCount(4);
  // The lookup's own failure stays, below the record: the request did fail.
  await expect(page.locator('[data-failure-kind="not-found"]')).toBeVisible();
  await expect(page.getByTestId('freshness')).not.toContainText('polling');
  await page.screenshot({ path: join(SHOTS, 'job-gone-with-record.png'), fullPage: true });
});

test('support engineer watches a job: picks a destination by name, sees the watch, stops it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  const state = memory({ remembers: [SCENARIO.runningForever] });
  await serveMemory(page, state);
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.runningForever);
  await page.getByRole('button', { name: 'Watch: post when it ends' }).click();
  await expect(page.getByLabel('Post to')).toHaveValue('inc-channel');
  await page.getByLabel('also when a sub-job fails').check();
  await page.screenshot({ path: join(SHOTS, 'watch-form.png') });
  await page.getByRole('button', { name: 'Start watching' }).click();
  await expect(
    page.getByText('Watching · posts to inc-channel when it ends and when a sub-job fails'),
  ).toBeVisible();
  expect(state.posted).toEqual([
    {
      contentType: 'application/json',
      body: {
        region: 'eu-de',
        projectId: DEMO_PROJECT_ID,
        jobId: SCENARIO.runningForever,
        target: 'inc-channel',
        subJobFailures: true,
      },
    },
  ]);
  await page.screenshot({ path: join(SHOTS, 'watch-active.png') });
  await page.getByRole('button', { name: 'Stop watching' }).click();
  await expect(page.getByRole('button', { name: 'Watch: post when it ends' })).toBeVisible();
  expect(state.watches).toEqual([]);
});

test('a finished job offers no watch, and says what its watch posted or could not post', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  const ended = (deliveries: Watch['deliveries']): Watch => ({
    id: 'w9',
    region: 'eu-de',
    projectId: DEMO_PROJECT_ID,
    jobId: SCENARIO.failed,
    target: 'inc-channel',
    subJobFailures: true,
    createdBy: 'alice',
    createdAt: '2026-12-04T20:40:00Z',
    state: 'ended',
    endedAt: '2026-12-04T20:47:00Z',
    lastStatus: 'failed',
    deliveries,
  });
  await serveMemory(
    page,
    memory({
      watches: [
        ended([
          {
            event: 'sub-job-failed:sub-b',
            target: 'inc-channel',
            state: 'failed',
            attempts: 5,
            sentAt: null,
            lastError: 'HTTP 404 from the destination',
          },
          {
            event: 'ended',
            target: 'inc-channel',
            state: 'sent',
            attempts: 1,
            sentAt: '2026-12-04T20:47:03Z',
            lastError: null,
          },
        ]),
      ],
    }),
  );
  await openJob(page, DEMO_PROJECT_ID, SCENARIO.failed);
  await expect(page.getByText('Posted to inc-channel at 20:47:03 UTC')).toBeVisible();
  await expect(
    page.getByText(
      'Could not post to inc-channel: HTTP 404 from the destination (sub-job sub-b failed)',
    ),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: /Watch/ })).toHaveCount(0);
  await page.screenshot({ path: join(SHOTS, 'watch-delivered.png') });
});

test('the board row of a job the cloud forgot says what the dashboard last saw', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await serveMemory(page, memory({ remembers: [SCENARIO.incidentNotFound] }));
  await page.goto(
    `/board?jobs=eu-de/${DEMO_PROJECT_ID}/${SCENARIO.runningForever},eu-nl/${SECOND_PROJECT_ID}/${SCENARIO.incidentNotFound}&title=Memory`,
  );
  const row = page.locator(`li[data-board-row$="/${SCENARIO.incidentNotFound}"]`);
  await expect(row.locator('[data-row-record]')).toContainText(
    'No longer answered· last seen Failed at 2026-12-04 20:46:56 UTC',
  );
  await expect(row.locator('[data-row-record]')).toContainText('(a record, not live)');
  // "Watch all" takes the one unfinished job; its row then says so.
  await page.getByRole('button', { name: /Watch all unfinished \(1\)/ }).click();
  await page.getByRole('button', { name: 'Watch 1 unfinished' }).click();
  const live = page.locator(`li[data-board-row$="/${SCENARIO.runningForever}"]`);
  await expect(live.locator('[data-row-watch]')).toContainText(
    'Watching · posts to inc-channel when it ends',
  );
  await expect(page.getByText('Watching 1 of 2 jobs on the server')).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'board-row-record.png'), fullPage: true });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the history, the watch form and the record have no axe violations in the ${colorScheme} scheme`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    await serveMemory(page, memory({ remembers: [SCENARIO.runningForever, GONE_JOB] }));
    const violations = async () =>
      (
        await new AxeBuilder({ page })
          .setLegacyMode(true)
          .options({ resultTypes: ['violations'] })
          .analyze()
      ).violations.map(
        (v) =>
          `${v.id}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
    await openJob(page, DEMO_PROJECT_ID, SCENARIO.runningForever);
    await page.getByRole('button', { name: 'Watch: post when it ends' }).click();
    await expect(page.getByLabel('Post to')).toBeVisible();
    await expect(page.getByRole('list', { name: /Seen by this dashboard/ })).toBeVisible();
    expect(await violations()).toEqual([]);
    await openJob(page, DEMO_PROJECT_ID, GONE_JOB);
    await expect(page.locator('[data-record-banner]')).toBeVisible();
    await expect(page.getByTestId('timeline-counts')).toBeVisible();
    expect(await violations()).toEqual([]);
  });
}
