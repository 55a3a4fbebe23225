import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROXY_ERROR } from '../../common/contract.ts';
import { CookieAgent, submitDevLogin } from '../testing/cookie-agent.ts';
import { startTestProvider, type TestProvider } from '../testing/oidc-provider.ts';
import type { Metrics } from '../http/metrics.ts';
import { fakeDist, startApp, type AppUnderTest } from '../testing/app.ts';
import { closedPort, listen } from '../testing/servers.ts';
import type { OidcAuthConfig } from './config.ts';
import { createSealer } from './sealed-token.ts';
import { SESSION_COOKIE } from './session-store.ts';

const BASE = '/sfs-turbo-jobs/';
const SECRET = 'a-session-secret-of-more-than-32-characters-0123';
const DEEP_LINK = `${BASE}eu-de/projects/e9993fc787d94b6c886cbaa340f9c0f4/jobs/job-1?sub=s2`;
const HOSTILE = '<img src=x onerror=alert(1)>';

type AuthCounter = 'signIns' | 'authRefusals' | 'authCallbackFailures';

/** What the production server's prom-client counter says, summed over the matching labels. */
async function counted(
  dashboard: Dashboard,
  name: AuthCounter,
  labels: Record<string, string> = {},
): Promise<number> {
  const metrics: Metrics = dashboard.server.server.app.metrics;
  const { values } = await metrics[name].get();
  return values
    .filter((value) =>
      Object.entries(labels).every(
        ([key, wanted]) => String((value.labels as Record<string, unknown>)[key]) === wanted,
      ),
    )
    .reduce((sum, value) => sum + value.value, 0);
}

const dist = fakeDist();
afterAll(() => dist.remove());

/** The dashboard's host, on a port reserved first, so its public URL is known to the provider. */
async function reservePort(): Promise<number> {
  const probe = await listen(() => undefined);
  await probe.close();
  return probe.port;
}

interface Dashboard {
  server: AppUnderTest;
  url: string;
  config: OidcAuthConfig;
  close(): Promise<void>;
}

async function startDashboard(
  port: number,
  issuer: string,
  provider: TestProvider | undefined,
  env: Record<string, string> = {},
): Promise<Dashboard> {
  // The real production server, as `npm start` runs it, on a port the provider knows.
  const server = await startApp(
    {
        AUTH_MODE: 'oidc',
        OIDC_ISSUER_URL: issuer,
        OIDC_CLIENT_ID: provider?.clientId ?? 'nobody',
        OIDC_CLIENT_SECRET: provider?.clientSecret ?? 'nothing',
        SESSION_SECRET: SECRET,
        METRICS_TOKEN: 'metrics-token-0123456789',
        ...env,
        BASE_PATH: BASE,
        PUBLIC_URL: `http://127.0.0.1:${port}${BASE}`,
        SFS_TURBO_DIST: dist.dir,
    },
    { port },
  );
  const config = server.server.app.config.auth as OidcAuthConfig;
  return { server, url: `http://127.0.0.1:${port}`, config, close: () => server.close() };
}

/** Opens a link signed out, signs in at the provider's login screen as `login`, and follows back. */
async function signIn(agent: CookieAgent, dashboard: Dashboard, path: string, login: string) {
  const loginPage = await agent.follow(`${dashboard.url}${path}`);
  expect(loginPage.status).toBe(200);
  expect(loginPage.text).toContain('Sign-in');
  return submitDevLogin(agent, loginPage, login);
}

/** Signs in at the provider but stops before the dashboard's callback: its URL, unvisited. */
async function callbackUrl(
  agent: CookieAgent,
  dashboard: Dashboard,
  path: string,
  login: string,
): Promise<string> {
  const loginPage = await agent.follow(`${dashboard.url}${path}`);
  const action = /<form[^>]*action="([^"]+)"/.exec(loginPage.text)?.[1] ?? '';
  let location = new URL(action, loginPage.url).href;
  let response = await agent.request(location, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ prompt: 'login', login, password: 'any' }),
  });
  for (let hops = 0; hops < 10; hops++) {
    location = new URL(response.headers.get('location') ?? '', location).href;
    if (location.includes('/auth/callback')) return location;
    response = await agent.request(location);
  }
  throw new Error(`the provider did not send the browser back: ${location}`);
}

describe('OIDC sign-in against a real provider (oidc-provider)', () => {
  let provider: TestProvider;
  let open: Dashboard;
  let restricted: Dashboard;

  beforeAll(async () => {
    const [openPort, restrictedPort] = [await reservePort(), await reservePort()];
    const uris = (port: number) => ({
      callback: `http://127.0.0.1:${port}${BASE}auth/callback`,
      signedOut: `http://127.0.0.1:${port}${BASE}auth/signed-out`,
    });
    provider = await startTestProvider({
      redirectUris: [uris(openPort).callback, uris(restrictedPort).callback],
      postLogoutRedirectUris: [uris(openPort).signedOut, uris(restrictedPort).signedOut],
      accounts: {
        alice: { groups: ['sfs-support', 'staff'] },
        bob: { groups: ['staff'] },
        [HOSTILE]: { groups: ['<b>bold</b>'] },
      },
    });
    open = await startDashboard(openPort, provider.issuer, provider);
    restricted = await startDashboard(restrictedPort, provider.issuer, provider, {
      AUTH_ALLOWED_GROUPS: 'sfs-support',
    });
    // Starting a provider and two hosts takes seconds on a busy machine.
  }, 60_000);

  afterAll(async () => {
    await open.close();
    await restricted.close();
    await provider.close();
  });

  it('support engineer opens a deep link, signs in, and lands on the same link', async () => {
    const agent = new CookieAgent();
    const landed = await signIn(agent, open, DEEP_LINK, 'alice');
    expect(landed.status).toBe(200);
    expect(landed.url).toBe(`${open.url}${DEEP_LINK}`);
    expect(landed.hops.at(-1)?.url).toContain(`${BASE}auth/callback?`);
    expect(await counted(open, 'signIns')).toBeGreaterThanOrEqual(1);

    expect(agent.cookie('127.0.0.1', SESSION_COOKIE)).toMatch(
      /^[\w-]+\.[\w-]*\.[\w-]+\.[\w-]+\.[\w-]+$/,
    ); // a compact JWE
    const session = await agent.follow(`${open.url}${BASE}api/session`);
    expect(JSON.parse(session.text)).toEqual({
      mode: 'oidc',
      user: 'alice',
      groups: ['sfs-support', 'staff'],
      loginUrl: `${BASE}auth/login`,
      logoutUrl: `${BASE}auth/logout`,
    });
    const api = await agent.follow(`${open.url}${BASE}api/regions`);
    expect(api.status).toBe(200);
    await vi.waitFor(() =>
      expect(open.server.lines.at(-1)).toMatchObject({ route: 'api:regions', user: 'alice' }),
    );
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, for the base path, with the session lifetime', async () => {
    const agent = new CookieAgent();
    const response = await agent.request(await callbackUrl(agent, open, BASE, 'alice'));
    expect(response.status).toBe(302);
    const setCookie =
      response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/sfs-turbo-jobs;');
    expect(setCookie).toContain('Max-Age=36000');
    expect(setCookie).not.toContain('Secure'); // http:// public URL on loopback
    expect(response.headers.get('location')).toBe(BASE);
  });

  it('answers the API 401 PROXY.UNAUTHENTICATED, never a redirect, when not signed in', async () => {
    const before = await counted(open, 'authRefusals', { code: '401' });
    const api = await new CookieAgent().request(
      `${open.url}${BASE}api/eu-de/v1/x/sfs-turbo/jobs/y`,
    );
    expect(api.status).toBe(401);
    expect(api.headers.get('location')).toBeNull();
    expect(await api.json()).toMatchObject({ errCode: PROXY_ERROR.unauthenticated });
    expect(await counted(open, 'authRefusals', { code: '401' })).toBe(before + 1);
  });

  it('signs out through the provider, and is refused afterwards', async () => {
    const agent = new CookieAgent();
    await signIn(agent, open, DEEP_LINK, 'alice');
    const stolen = agent.cookie('127.0.0.1', SESSION_COOKIE);
    expect(stolen).toBeDefined();
    const logout = await agent.request(`${open.url}${BASE}auth/logout`);
    expect(logout.status).toBe(302);
    const endSession = new URL(logout.headers.get('location') ?? '');
    expect(endSession.origin).toBe(provider.issuer);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(
      `${open.url}${BASE}auth/signed-out`,
    );
    expect(endSession.searchParams.get('client_id')).toBe(provider.clientId);
    expect(agent.cookie('127.0.0.1', SESSION_COOKIE)).toBeUndefined();
    // The provider asks to confirm; the page we come back to says it is done.
    const confirm = await agent.follow(endSession.href);
    expect(confirm.status).toBe(200);
    const signedOut = await agent.follow(`${open.url}${BASE}auth/signed-out`);
    expect(signedOut.text).toContain('You are signed out');
    const api = await agent.request(`${open.url}${BASE}api/session`);
    expect(api.status).toBe(401);
    const page = await agent.request(`${open.url}${DEEP_LINK}`);
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe(
      `${BASE}auth/login?return=${encodeURIComponent(DEEP_LINK)}`,
    );
  });

  it('refuses a tampered session cookie with 401 and drops it', async () => {
    const agent = new CookieAgent();
    await signIn(agent, open, BASE, 'alice');
    const token = agent.cookie('127.0.0.1', SESSION_COOKIE) ?? '';
    const parts = token.split('.');
    const cipher = parts[3] ?? '';
    parts[3] = `${cipher.slice(0, -2)}${cipher.endsWith('AA') ? 'BB' : 'AA'}`;
    agent.setCookie('127.0.0.1', SESSION_COOKIE, parts.join('.'), '/sfs-turbo-jobs');
    const api = await agent.request(`${open.url}${BASE}api/session`);
    expect(api.status).toBe(401);
    expect(api.headers.getSetCookie().join()).toMatch(new RegExp(`${SESSION_COOKIE}=;.*Max-Age=0`));
  });

  it('refuses an expired session cookie with 401', async () => {
    const sealer = createSealer(SECRET, 'session');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 11 * 3600_000);
    const old = await sealer.seal({ sub: 'alice', name: 'alice', groups: [] }, 36_000);
    vi.useRealTimers();
    const fresh = await sealer.seal({ sub: 'alice', name: 'alice', groups: [] }, 36_000);
    const ask = (token: string) =>
      fetch(`${open.url}${BASE}api/session`, { headers: { Cookie: `${SESSION_COOKIE}=${token}` } });
    expect((await ask(fresh)).status).toBe(200);
    expect((await ask(old)).status).toBe(401);
    // A sign-in flow cookie is not a session, though made with the same secret.
    const flow = await createSealer(SECRET, 'login').seal({ name: 'alice' }, 600);
    expect((await ask(flow)).status).toBe(401);
  });

  it('offers to start again when the callback carries a state this browser did not start', async () => {
    const agent = new CookieAgent();
    const location = await callbackUrl(agent, open, DEEP_LINK, 'alice');
    const forged = new URL(location);
    forged.searchParams.set('state', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const before = await counted(open, 'authCallbackFailures');
    const answer = await agent.follow(forged.href);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('Sign-in did not complete');
    expect(answer.text).toContain(`href="${BASE}auth/login?return=`);
    expect(agent.cookie('127.0.0.1', SESSION_COOKIE)).toBeUndefined();
    expect(await counted(open, 'authCallbackFailures', { reason: 'state' })).toBe(before + 1);
  });

  it('shows a signed-in user without access who they are and that they lack access (403)', async () => {
    const agent = new CookieAgent();
    const landed = await signIn(agent, restricted, DEEP_LINK, 'bob');
    expect(landed.status).toBe(403);
    expect(landed.text).toContain('You are signed in as bob.');
    expect(landed.text).toContain('No access to this dashboard');
    expect(landed.text).toContain(`href="${BASE}auth/logout"`);
    const api = await agent.request(`${restricted.url}${BASE}api/eu-de/v1/x/sfs-turbo/jobs/y`);
    expect(api.status).toBe(403);
    expect(await api.json()).toMatchObject({ errCode: PROXY_ERROR.forbidden });
    expect(await counted(restricted, 'authRefusals', { code: '403' })).toBeGreaterThan(0);

    const alice = await signIn(new CookieAgent(), restricted, DEEP_LINK, 'alice');
    expect(alice.status).toBe(200);
  });

  it('shows a hostile user name as text on the refusal page', async () => {
    const landed = await signIn(new CookieAgent(), restricted, BASE, HOSTILE);
    expect(landed.status).toBe(403);
    expect(landed.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(landed.text).not.toContain('<img');
  });

  it('lets /healthz through and guards /metrics with the bearer token', async () => {
    expect((await fetch(`${open.url}${BASE}healthz`)).status).toBe(200);
    expect((await fetch(`${open.url}${BASE}metrics`)).status).toBe(401);
    const wrong = await fetch(`${open.url}${BASE}metrics`, {
      headers: { Authorization: 'Bearer nope-nope-nope-nope' },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${open.url}${BASE}metrics`, {
      headers: { Authorization: 'Bearer metrics-token-0123456789' },
    });
    expect(right.status).toBe(200);
  });
});

describe('OIDC sign-in with the provider down', () => {
  it('shows a clear 502 page and counts no sign-in', async () => {
    const dashboard = await startDashboard(
      await reservePort(),
      `http://127.0.0.1:${await closedPort()}`,
      undefined,
    );
    try {
      const answer = await new CookieAgent().follow(`${dashboard.url}${DEEP_LINK}`);
      expect(answer.status).toBe(502);
      expect(answer.text).toContain('The sign-in service is not answering');
      expect(answer.text).toContain('Try again');
      // The API still answers 401 (not 502): the provider is only needed to sign in.
      const api = await fetch(`${dashboard.url}${BASE}api/session`);
      expect(api.status).toBe(401);
      expect(await counted(dashboard, 'signIns')).toBe(0);
    } finally {
      await dashboard.close();
    }
  }, 60_000);

  it('shows the 502 page when the provider goes away between sign-in and callback', async () => {
    const port = await reservePort();
    const provider = await startTestProvider({
      redirectUris: [`http://127.0.0.1:${port}${BASE}auth/callback`],
      postLogoutRedirectUris: [],
      accounts: { alice: { groups: [] } },
    });
    const dashboard = await startDashboard(port, provider.issuer, provider);
    try {
      const agent = new CookieAgent();
      const location = await callbackUrl(agent, dashboard, BASE, 'alice');
      await provider.close();
      const answer = await agent.follow(location);
      expect(answer.status).toBe(502);
      expect(answer.text).toContain('The sign-in service is not answering');
      expect(await counted(dashboard, 'authCallbackFailures')).toBe(1);
      expect(await counted(dashboard, 'authCallbackFailures', { reason: 'unreachable' })).toBe(1);
    } finally {
      await dashboard.close();
    }
  }, 60_000);
});
