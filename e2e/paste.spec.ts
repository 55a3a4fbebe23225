import { DEMO_PROJECT_ID, SCENARIO, SECOND_PROJECT_ID } from '../server/simulator/simulator.ts';
import { expect, test } from './fixtures.ts';

/** Issue 22: a paste never makes a job of a request, trace or span ID, and adds nothing unseen. */

const REQUEST = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const TRACE = '4bf92f35-77b3-4da6-a3ce-929d0e0e4736';

test.beforeEach(async ({ simulator }) => {
  await simulator.post('/__simulator/reset');
});

test('a board paste with request, trace and span IDs in every phrasing lists and adds only the real jobs', async ({
  page,
}) => {
  await page.goto('/board');
  const paste = [
    `Incident in eu-nl, project ${SECOND_PROJECT_ID}: ${SCENARIO.incidentExtend} failed (request ${REQUEST})`,
    `project ${DEMO_PROJECT_ID} in eu-de: job ${SCENARIO.failed}, x-request-id: ${TRACE}`,
    `also ${SCENARIO.multipleFailures} (REQUEST ${REQUEST.toUpperCase()}) RequestId=${'1'.repeat(32)}`,
    `req: ${'2'.repeat(32)} trace ${'3'.repeat(32)} span ${'4'.repeat(16)} request-id ${'5'.repeat(32)}`,
  ].join('\n');
  await page.getByLabel(/Paste anything with job references/).fill(paste);
  const found = page.getByRole('group', { name: /Found 3 jobs/ });
  await expect(found.locator('[data-paste-ref]')).toHaveText([
    new RegExp(`${SCENARIO.incidentExtend}.*eu-nl.*${SECOND_PROJECT_ID}`),
    new RegExp(`${SCENARIO.failed}.*eu-de.*${DEMO_PROJECT_ID}.*from “${SCENARIO.failed}”`),
    new RegExp(`${SCENARIO.multipleFailures}.*eu-de.*${DEMO_PROJECT_ID}`),
  ]);
  // Nothing is on the board until the list is confirmed; one job is left out by its tick box.
  await expect(page.locator('li[data-board-row]')).toHaveCount(0);
  await found.getByRole('checkbox', { name: new RegExp(SCENARIO.multipleFailures) }).press('Space');
  await page.getByRole('button', { name: 'Add 2 jobs' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: '2 jobs added; 1 not ticked, left out.' }),
  ).toBeVisible();
  await expect(page.locator('li[data-board-row]')).toHaveCount(2);
  await expect(page).toHaveURL(
    new RegExp(
      `jobs=eu-nl/${SECOND_PROJECT_ID}/${SCENARIO.incidentExtend},eu-de/${DEMO_PROJECT_ID}/${SCENARIO.failed}$`,
    ),
  );
  await expect(page.locator('[data-status="lookup-failed"]')).toHaveCount(0);
});

test('a bare 32-character value is offered unticked, and the tick boxes work by keyboard', async ({
  page,
}) => {
  await page.goto('/board');
  await page
    .getByLabel(/Paste anything with job references/)
    .fill(`project ${DEMO_PROJECT_ID}\n${SCENARIO.success}\n${SCENARIO.failed}`);
  const found = page.getByRole('group', { name: /Found 2 jobs/ });
  const bare = found.getByRole('checkbox', { name: new RegExp(SCENARIO.success) });
  await expect(bare).not.toBeChecked();
  await expect(found.getByRole('checkbox', { name: new RegExp(SCENARIO.failed) })).toBeChecked();
  await expect(page.getByRole('button', { name: 'Add 1 job' })).toBeEnabled();
  await bare.focus();
  await page.keyboard.press('Space');
  await expect(bare).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Add 1 job' })).toBeVisible();
  await page.getByRole('button', { name: 'Add 1 job' }).click();
  await expect(page).toHaveURL(new RegExp(`jobs=eu-de/${DEMO_PROJECT_ID}/${SCENARIO.success}$`));
});

test('the lookup paste takes the job, never the request ID beside it, in any phrasing', async ({
  page,
}) => {
  await page.goto('/');
  const paste = page.getByLabel(/Paste anything/);
  for (const phrase of [
    `(request ${REQUEST})`,
    `request ID ${REQUEST}`,
    `X-Request-Id: ${REQUEST}`,
    `RequestId=${REQUEST}`,
    `trace ${TRACE}`,
  ]) {
    await paste.fill(`project ${DEMO_PROJECT_ID} also ${SCENARIO.failed} ${phrase}`);
    await expect(page.getByLabel('Job ID')).toHaveValue(SCENARIO.failed);
    await paste.fill('');
    await page.getByLabel('Job ID').fill('');
    await paste.fill(`project ${DEMO_PROJECT_ID} ${phrase}`);
    await expect(page.getByLabel('Project ID')).toHaveValue(DEMO_PROJECT_ID);
    await expect(page.getByLabel('Job ID')).toHaveValue('');
    await paste.fill('');
  }
});
