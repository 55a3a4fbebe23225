import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from '@playwright/test';
import { E2E_PORT } from '../playwright.config.ts';
import { expect, test } from './fixtures.ts';
import {
  ENCODED_ECHOES,
  fakeIam,
  fakeUpstream,
  holdsPartOf,
  holdsSecret,
  JOB,
  PASSWORD,
  REFUSED_PROJECT,
  startDesk,
  type Desk,
  type FakeServer,
} from './security-desk.ts';

/*
 * The desk's credential goes only where it belongs, tried as an attacker would: a dashboard in
 * IAM password mode for eu-de and eu-nl, a fake IAM and a fake SFS Turbo endpoint that echo
 * every request back, and a page on another site. Each test asserts what reached the fakes
 * and that neither the password nor any token appears in what the browser received or in the
 * dashboard's log.
 */
const PORTS = {
  upstream: E2E_PORT + 2,
  iam: E2E_PORT + 3,
  desk: E2E_PORT + 4,
  attacker: E2E_PORT + 5,
};
const PROJECT = 'e9993fc787d94b6c886cbaa340f9c0f4';
const LOGINS_PER_MIN = 6;
/** What one client may take of a minute's logins: a third. */
const ONE_CLIENTS_SHARE = 2;

interface Setup {
  desk: Desk;
  iam: FakeServer & { tokens: string[] };
  upstream: FakeServer;
  /** Headers and bodies of every answer the browser received. */
  received: string[];
  /** Collects what another browser context receives too. */
  watch(context: BrowserContext): void;
  /** Fails the test if a secret is in what the browser received or in the log. */
  expectNoSecretGivenAway(): Promise<void>;
}

const it = test.extend<{ setup: Setup }>({
  setup: async ({ context }, use) => {
    const iam = await fakeIam(PORTS.iam);
    const upstream = await fakeUpstream(PORTS.upstream);
    const desk = await startDesk(PORTS.desk, {
      SFS_TURBO_ENDPOINT: upstream.url,
      SFS_TURBO_REGIONS: 'eu-de,eu-nl',
      OS_AUTH_URL: `${iam.url}/v3`,
      OS_USERNAME: 'desk-user',
      OS_PASSWORD: PASSWORD,
      OS_USER_DOMAIN_NAME: 'desk-domain',
      OS_AUTH_MAX_LOGINS_PER_MIN: String(LOGINS_PER_MIN),
    });
    const received: string[] = [];
    const pending: Array<Promise<void>> = [];
    const watch = (watched: BrowserContext) =>
      watched.on('response', (response) => {
        pending.push(
          (async () => {
            const headers = JSON.stringify(response.headers());
            const body = await response.text().catch(() => '');
            received.push(`${response.url()}\n${headers}\n${body}`);
          })(),
        );
      });
    watch(context);
    const expectNoSecretGivenAway = async () => {
      await Promise.all(pending);
      for (const page of context.pages()) received.push(await page.content());
      const secrets = [PASSWORD, ...iam.tokens];
      for (const secret of secrets) {
        const where = received.filter((text) => holdsSecret(text, secret));
        expect(where, 'answers the browser received that hold a secret').toEqual([]);
        expect(holdsSecret(desk.log(), secret), 'the dashboard log holds a secret').toBe(false);
      }
    };
    await use({ desk, iam, upstream, received, watch, expectNoSecretGivenAway });
    await desk.close();
    await iam.close();
    await upstream.close();
  },
});

const apiPath = (region: string, project: string, job: string) =>
  `/api/${region}/v1/${project}/sfs-turbo/jobs/${job}`;

it('a page on another site cannot make the dashboard use its credential', async ({
  setup,
  browser,
}) => {
  const { desk, iam, upstream } = setup;
  const target = (job: string) => `${desk.url}${apiPath('eu-de', PROJECT, job)}`;
  const attack = `<!doctype html><title>cat pictures</title>
    <img src="${target('img-attack')}">
    <script src="${target('script-attack')}"></script>
    <iframe name="sink"></iframe>
    <form method="post" action="${target('form-attack')}" target="sink"><input name="a" value="1"></form>
    <script>
      fetch(${JSON.stringify(target('fetch-attack'))}, { mode: 'no-cors', credentials: 'include' }).catch(() => {});
      document.forms[0].submit();
    </script>`;
  const attacker = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(attack);
  });
  await new Promise<void>((resolve) => attacker.listen(PORTS.attacker, '127.0.0.1', resolve));
  // localhost and 127.0.0.1 are different sites: the browser marks the requests cross-site.
  const origin = `http://localhost:${(attacker.address() as AddressInfo).port}`;
  const context = await browser.newContext();
  setup.watch(context);
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    // img, script, no-cors fetch and form post: four requests, four refusals.
    await expect.poll(() => desk.log().match(/PROXY\.CROSS_SITE/g)?.length ?? 0).toBe(4);
  } finally {
    await context.close();
    attacker.closeAllConnections();
    attacker.close();
  }
  expect(iam.seen, 'IAM logins made for another site').toEqual([]);
  expect(upstream.seen, 'requests forwarded for another site').toEqual([]);

  // The same address from the dashboard's own origin works: the refusal was the site check.
  const own = await fetch(target(JOB.plain));
  expect(own.status).toBe(200);
  expect(own.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  expect(upstream.seen).toHaveLength(1);
  await setup.expectNoSecretGivenAway();
});

it('an endpoint that echoes the token in headers and body gets nothing to the browser or the log', async ({
  setup,
  page,
}) => {
  const { desk, iam, upstream } = setup;
  await page.goto(`${desk.url}/eu-de/projects/${PROJECT}/jobs/${JOB.echoHeaders}`);
  await expect(page.getByText('create_share').first()).toBeVisible();
  await page.goto(`${desk.url}/eu-de/projects/${PROJECT}/jobs/${JOB.echoEverywhere}`);
  const failure = page.getByRole('alert').filter({ hasText: 'Lookup failed' });
  await expect(failure).toContainText('it contained the dashboard’s credential');
  await expect(failure).toContainText('PROXY.UPSTREAM_LEAK');

  expect(iam.seen).toHaveLength(1); // one project, one login
  expect(upstream.seen.length).toBeGreaterThanOrEqual(2);
  expect(upstream.seen.every((seen) => seen.headers['x-auth-token'] === iam.tokens[0])).toBe(true);
  await setup.expectNoSecretGivenAway();
});

it('an endpoint that echoes the token encoded differently, or half of it as X-request-id, gets nothing to the browser or the log', async ({
  setup,
  page,
}) => {
  const { desk, iam, upstream } = setup;
  await page.goto(`${desk.url}/`);
  const names = Object.keys(ENCODED_ECHOES);
  const paths = [
    ...names.map((name) => apiPath('eu-de', PROJECT, `echo-${name}`)),
    apiPath('eu-de', PROJECT, JOB.halfRequestId),
  ];
  const answers = await page.evaluate(
    async (all) =>
      Promise.all(
        all.map(async (path) => {
          const answer = await fetch(path);
          const headers: string[] = [];
          answer.headers.forEach((value, name) => headers.push(`${name}: ${value}`));
          const body = await answer.text();
          return {
            status: answer.status,
            requestId: answer.headers.get('X-request-id'),
            contentEncoding: answer.headers.get('Content-Encoding'),
            body,
            text: `${headers.join('\n')}\n${body}`,
          };
        }),
      ),
    paths,
  );
  setup.received.push(...answers.map((answer) => answer.text));
  for (const [index, name] of names.entries()) {
    const answer = answers[index]!;
    expect({ name, status: answer.status, contentEncoding: answer.contentEncoding }).toEqual({
      name,
      status: 502,
      contentEncoding: null,
    });
    expect(JSON.parse(answer.body), name).toMatchObject({ errCode: 'PROXY.UPSTREAM_LEAK' });
  }
  const half = answers.at(-1)!;
  expect(half.status).toBe(200);
  expect(half.requestId).toBeNull();
  expect(JSON.parse(half.body)).toMatchObject({ job_type: 'create_share' });
  // Asked for plain bytes every time: what came compressed came against the request.
  expect(upstream.seen.map((seen) => seen.headers['accept-encoding'])).toEqual(
    paths.map(() => 'identity'),
  );

  // The page says what happened for a compressed echo as for a plain one.
  await page.goto(`${desk.url}/eu-de/projects/${PROJECT}/jobs/echo-gzip`);
  const failure = page.getByRole('alert').filter({ hasText: 'Lookup failed' });
  await expect(failure).toContainText('PROXY.UPSTREAM_LEAK');

  const metrics = await (await fetch(`${desk.url}/metrics`)).text();
  expect(metrics).toMatch(
    /^sfs_turbo_upstream_headers_dropped_total\{header="x-request-id",reason="secret"\} 1$/m,
  );
  // Each request's line is in the log, and none holds any part of a token.
  await expect
    .poll(() => desk.log().match(/"upstreamHeadersDropped":"x-request-id:/g)?.length ?? 0)
    .toBe(1);
  expect(iam.tokens).toHaveLength(1);
  for (const token of iam.tokens) {
    expect(holdsPartOf(desk.log(), token), 'the dashboard log holds part of a token').toBe(false);
    expect(
      setup.received.filter((text) => holdsPartOf(text, token)),
      'answers holding part of a token',
    ).toEqual([]);
  }
  await setup.expectNoSecretGivenAway();
});

async function pasteInto(page: Page, text: string) {
  await page.getByLabel(/Paste anything/).fill(text);
}

it('a link to a region the desk may not query is refused before anything leaves the server, and the page says why', async ({
  setup,
  page,
}) => {
  const { desk, iam, upstream } = setup;
  await page.goto(`${desk.url}/cn-north-4/projects/${PROJECT}/jobs/${JOB.plain}`);
  const failure = page.getByRole('alert').filter({ hasText: 'Lookup failed' });
  await expect(failure).toContainText('This dashboard may not query that region');
  await expect(failure).toContainText('PROXY.REGION_NOT_ALLOWED');

  await page.goto(`${desk.url}/`);
  const picker = page.getByLabel('Region');
  await expect(picker.locator('option')).toHaveText([/eu-de/, /eu-nl/]);
  await pasteInto(page, `https://console.example/cn-north-4/projects/${PROJECT}/jobs/${JOB.plain}`);
  await expect(page.getByRole('status').filter({ hasText: 'Found' })).toContainText(
    'names region cn-north-4, which this dashboard may not query (it serves eu-de, eu-nl)',
  );
  await expect(picker).toHaveValue('eu-de');

  const regions = await (await fetch(`${desk.url}/api/regions`)).text();
  expect(JSON.parse(regions)).toMatchObject({ credentials: { kind: 'password' } });
  for (const said of ['desk-user', 'desk-domain', iam.url, '127.0.0.1', 'clouds.yaml'])
    expect(regions).not.toContain(said);

  expect(iam.seen).toEqual([]);
  expect(upstream.seen).toEqual([]);
  await setup.expectNoSecretGivenAway();
});

it('a burst of random project IDs from one client takes a third of the login budget, and leaves the rest to others', async ({
  setup,
  browser,
}) => {
  const { desk, iam, upstream } = setup;
  // A context of its own: the page reads the 60 answers itself (fetching each body through
  // the browser's debugging protocol takes about a second apiece on a busy machine).
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${desk.url}/`);
  const answers = await page.evaluate(
    async (paths) => {
      const responses = await Promise.all(paths.map((path) => fetch(path)));
      return Promise.all(
        responses.map(async (answer) => {
          const headers: string[] = [];
          answer.headers.forEach((value, name) => headers.push(`${name}: ${value}`));
          return {
            status: answer.status,
            retryAfter: answer.headers.get('Retry-After'),
            text: `${headers.join('\n')}\n${await answer.text()}`,
          };
        }),
      );
    },
    Array.from({ length: 60 }, () => apiPath('eu-de', randomProject(), JOB.plain)),
  );
  await context.close();
  setup.received.push(...answers.map((answer) => answer.text));

  expect(iam.seen).toHaveLength(ONE_CLIENTS_SHARE);
  expect(upstream.seen).toHaveLength(ONE_CLIENTS_SHARE);
  expect(answers.filter((answer) => answer.status === 200)).toHaveLength(ONE_CLIENTS_SHARE);
  const limited = answers.filter((answer) => answer.status === 429);
  expect(limited).toHaveLength(60 - ONE_CLIENTS_SHARE);
  for (const answer of limited) {
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    expect(answer.text).toContain('PROXY.RATE_LIMITED');
  }

  // Another client (the desk believes loopback's X-Forwarded-For) still gets its logins.
  const other = await fetch(`${desk.url}${apiPath('eu-de', randomProject(), JOB.plain)}`, {
    headers: { 'X-Forwarded-For': '192.0.2.77' },
  });
  setup.received.push(await other.text());
  expect(other.status).toBe(200);
  expect(iam.seen).toHaveLength(ONE_CLIENTS_SHARE + 1);
  await setup.expectNoSecretGivenAway();
});

it('a refused login is not retried for a minute, and the page explains the wait', async ({
  setup,
  page,
}) => {
  const { desk, iam } = setup;
  await page.goto(`${desk.url}/eu-de/projects/${REFUSED_PROJECT}/jobs/${JOB.plain}`);
  const failure = page.getByRole('alert').filter({ hasText: 'Lookup failed' });
  await expect(failure).toContainText('PROXY.AUTH_FAILED');
  await page.reload();
  await expect(failure).toContainText('PROXY.RATE_LIMITED');
  await expect(failure).toContainText('The dashboard server is holding back its IAM logins');
  await expect(failure).toContainText(/Try again in\s*\d+ s/);
  expect(iam.seen).toHaveLength(1);

  // The replica stays in service, and its readiness says nothing of the credential.
  const ready = await fetch(`${desk.url}/readyz`);
  const readyText = await ready.text();
  setup.received.push(readyText);
  expect([ready.status, readyText]).toEqual([200, '{"status":"ready"}']);
  // The failed login shows in /metrics instead.
  const metrics = await (await fetch(`${desk.url}/metrics`)).text();
  setup.received.push(metrics);
  expect(metrics).toMatch(/^sfs_turbo_iam_logins_total\{result="refused"\} 1$/m);
  expect(metrics).toMatch(/^sfs_turbo_iam_logins_total\{result="rate_limited"\} [1-9]\d*$/m);
  for (const said of ['desk-user', 'desk-domain', iam.url])
    expect(readyText + metrics).not.toContain(said);
  await setup.expectNoSecretGivenAway();
});

function randomProject(): string {
  return Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
}
