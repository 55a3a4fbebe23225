import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROXY_ERROR } from '../../common/contract.ts';
import { issuerName, type OidcAuthConfig } from '../config/auth.ts';
import type { Metrics } from '../http/metrics.ts';
import { fakeDist, startApp, type AppUnderTest } from '../testing/app.ts';
import { CookieAgent, submitDevLogin, type AgentResponse } from '../testing/cookie-agent.ts';
import { startTestProvider, type TestProvider } from '../testing/oidc-provider.ts';
import { closedPort, listen } from '../testing/servers.ts';
import { LOGIN_COOKIE } from './oidc-routes.ts';
import { createSealer, type SealerScope } from './sealed-token.ts';
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

/** The deployment's own issuer and client, as its cookies are sealed for. */
function scopeOf(dashboard: Dashboard): SealerScope {
  return { issuer: issuerName(dashboard.config.issuer), clientId: dashboard.config.clientId };
}

/** Signs in at the provider but stops before the dashboard's callback: its URL, unvisited. */
async function callbackUrl(
  agent: CookieAgent,
  dashboard: Dashboard,
  path: string,
  login: string,
): Promise<string> {
  return callbackFrom(agent, await agent.follow(`${dashboard.url}${path}`), login);
}

/** Submits the provider's login screen, stopping before the dashboard's callback. */
async function callbackFrom(
  agent: CookieAgent,
  loginPage: AgentResponse,
  login: string,
): Promise<string> {
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
  /** Lets in users named alice (sub, or verified e-mail alice@example.test) only. */
  let named: Dashboard;
  /** OIDC_USER_CLAIM=preferred_username, open to all. */
  let byUsername: Dashboard;

  beforeAll(async () => {
    const ports = [
      await reservePort(),
      await reservePort(),
      await reservePort(),
      await reservePort(),
    ];
    const [openPort = 0, restrictedPort = 0, namedPort = 0, byUsernamePort = 0] = ports;
    provider = await startTestProvider({
      redirectUris: ports.map((port) => `http://127.0.0.1:${port}${BASE}auth/callback`),
      postLogoutRedirectUris: ports.map((port) => `http://127.0.0.1:${port}${BASE}auth/signed-out`),
      accounts: {
        alice: { groups: ['sfs-support', 'staff'] },
        bob: { groups: ['staff'] },
        [HOSTILE]: { groups: ['<b>bold</b>'] },
        // Typed "alice" as their display name; nothing else names them.
        mallory: { groups: [], name: 'alice', preferredUsername: null },
        // Typed alice's address into their profile; the provider has not verified it.
        carol: { groups: [], email: 'alice@example.test', emailVerified: false },
        dave: { groups: [], email: 'dave@example.test' },
        // Another account whose login name (preferred_username) reads "alice".
        eve: { groups: [], preferredUsername: 'alice' },
      },
    });
    open = await startDashboard(openPort, provider.issuer, provider);
    restricted = await startDashboard(restrictedPort, provider.issuer, provider, {
      AUTH_ALLOWED_GROUPS: 'sfs-support',
    });
    named = await startDashboard(namedPort, provider.issuer, provider, {
      AUTH_ALLOWED_USERS: 'alice,alice@example.test',
    });
    byUsername = await startDashboard(byUsernamePort, provider.issuer, provider, {
      OIDC_USER_CLAIM: 'preferred_username',
    });
    // Starting a provider and four hosts takes seconds on a busy machine.
  }, 90_000);

  afterAll(async () => {
    await open.close();
    await restricted.close();
    await named.close();
    await byUsername.close();
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
    const sealer = createSealer(SECRET, 'session', scopeOf(open));
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
    const flow = await createSealer(SECRET, 'login', scopeOf(open)).seal(
      { sub: 'alice', name: 'alice' },
      600,
    );
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

  it('never takes a display name for the user: name=alice with sub=mallory is mallory, and not let in as alice', async () => {
    const agent = new CookieAgent();
    const landed = await signIn(agent, named, DEEP_LINK, 'mallory');
    expect(landed.status).toBe(403);
    expect(landed.text).toContain('You are signed in as mallory.');
    const api = await agent.request(`${named.url}${BASE}api/regions`);
    expect(api.status).toBe(403);
    await vi.waitFor(() =>
      expect(named.server.lines.at(-1)).toMatchObject({
        path: '/api/regions',
        status: 403,
        user: 'mallory',
        userId: `${provider.issuer}#mallory`,
      }),
    );

    const alice = await signIn(new CookieAgent(), named, DEEP_LINK, 'alice');
    expect(alice.status).toBe(200);
  });

  it('uses an e-mail address only when the provider verified it', async () => {
    // carol's profile says alice@example.test, unverified: she is carol, and not let in.
    const carol = await signIn(new CookieAgent(), named, BASE, 'carol');
    expect(carol.status).toBe(403);
    expect(carol.text).toContain('You are signed in as carol.');
    // dave's address is verified: that is his name.
    const agent = new CookieAgent();
    expect((await signIn(agent, open, BASE, 'dave')).status).toBe(200);
    const session = await agent.follow(`${open.url}${BASE}api/session`);
    expect(JSON.parse(session.text)).toMatchObject({ user: 'dave@example.test' });
  });

  it('with OIDC_USER_CLAIM, names users by that claim and keys them on issuer and sub', async () => {
    const alice = new CookieAgent();
    const eve = new CookieAgent();
    expect((await signIn(alice, byUsername, BASE, 'alice')).status).toBe(200);
    expect((await signIn(eve, byUsername, BASE, 'eve')).status).toBe(200);
    for (const agent of [alice, eve]) {
      const session = await agent.follow(`${byUsername.url}${BASE}api/session`);
      expect(JSON.parse(session.text)).toMatchObject({ user: 'alice' });
      await agent.request(`${byUsername.url}${BASE}api/regions`);
    }
    // Same name on the page; two accounts in the log and in the per-user limit.
    await vi.waitFor(() =>
      expect(
        byUsername.server.lines
          .filter((line) => line.route === 'api:regions')
          .map((line) => [line.user, line.userId]),
      ).toEqual([
        ['alice', `${provider.issuer}#alice`],
        ['alice', `${provider.issuer}#eve`],
      ]),
    );
  });

  it('refuses sign-in with a clear page when the provider does not send OIDC_USER_CLAIM', async () => {
    const before = await counted(byUsername, 'authCallbackFailures', { reason: 'identity' });
    const agent = new CookieAgent();
    const landed = await signIn(agent, byUsername, DEEP_LINK, 'mallory');
    expect(landed.status).toBe(403);
    expect(landed.text).toContain('Sign-in did not complete');
    expect(landed.text).toContain('no usable &quot;preferred_username&quot; claim');
    expect(landed.text).toContain(`href="${BASE}auth/login?return=`);
    expect(agent.cookie('127.0.0.1', SESSION_COOKIE)).toBeUndefined();
    expect(await counted(byUsername, 'authCallbackFailures', { reason: 'identity' })).toBe(
      before + 1,
    );
  });

  it('refuses a session sealed with the same secret for another issuer or client', async () => {
    const own = scopeOf(open);
    const ask = async (scope: SealerScope) => {
      const token = await createSealer(SECRET, 'session', scope).seal(
        { sub: 'alice', name: 'alice', groups: ['sfs-support'] },
        36_000,
      );
      return fetch(`${open.url}${BASE}api/session`, {
        headers: { Cookie: `${SESSION_COOKIE}=${token}` },
      });
    };
    expect((await ask(own)).status).toBe(200);
    const otherIssuer = await ask({ ...own, issuer: 'https://sso.other.example/realms/x' });
    expect(otherIssuer.status).toBe(401);
    expect(otherIssuer.headers.getSetCookie().join()).toMatch(
      new RegExp(`${SESSION_COOKIE}=;.*Max-Age=0`),
    );
    expect((await ask({ ...own, clientId: 'another-dashboard' })).status).toBe(401);
  });

  it('keeps one pending sign-in per browser: 30 visits to /auth/login, then sign-in still works', async () => {
    const agent = new CookieAgent();
    for (let visit = 0; visit < 30; visit++) {
      const started = await agent.request(`${open.url}${BASE}auth/login?return=${BASE}`);
      expect(started.status).toBe(302);
      await started.arrayBuffer();
    }
    const landed = await signIn(agent, open, DEEP_LINK, 'alice');
    expect(landed.status).toBe(200);
    expect(landed.url).toBe(`${open.url}${DEEP_LINK}`);
    // The one pending sign-in was replaced each time, then used and dropped: nothing piles up.
    const ours = agent.all('127.0.0.1').filter((cookie) => cookie.name.startsWith('sfs_'));
    expect(ours.map((cookie) => cookie.name)).toEqual([SESSION_COOKIE]);
  });

  it('two tabs signing in at once: the later wins, the earlier gets a page to start again', async () => {
    const agent = new CookieAgent();
    // Tab A opens the deep link, tab B the home page: both are at the provider's login screen.
    const tabA = await agent.follow(`${open.url}${DEEP_LINK}`);
    const tabB = await agent.follow(`${open.url}${BASE}`);
    const callbackA = await callbackFrom(agent, tabA, 'alice');
    const before = await counted(open, 'authCallbackFailures', { reason: 'state' });
    const answerA = await agent.follow(callbackA);
    expect(answerA.status).toBe(400);
    expect(answerA.text).toContain('A newer sign-in was started in this browser');
    expect(answerA.text).toContain(`href="${BASE}auth/login?return=`);
    expect(await counted(open, 'authCallbackFailures', { reason: 'state' })).toBe(before + 1);
    // Tab B's sign-in is still pending, and completes.
    expect(agent.cookie('127.0.0.1', LOGIN_COOKIE)).toBeDefined();
    const landedB = await submitDevLogin(agent, tabB, 'alice');
    expect(landedB.status).toBe(200);
    expect(landedB.url).toBe(`${open.url}${BASE}`);
    // Tab A's answer again, now that the browser is signed in: no error, a way in.
    const again = await agent.follow(callbackA);
    expect(again.status).toBe(200);
    expect(again.text).toContain('You are already signed in');
    expect(again.text).toContain(`href="${BASE}"`);
  });

  it('starts no sign-in for a resource or a prefetch: the one in progress is kept', async () => {
    const agent = new CookieAgent();
    const loginPage = await agent.follow(`${open.url}${DEEP_LINK}`);
    const pending = agent.cookie('127.0.0.1', LOGIN_COOKIE);
    expect(pending).toBeDefined();
    // The browser asks for the favicon of the page it shows while signed out.
    const icon = await agent.request(`${open.url}${BASE}favicon.ico`, {
      headers: { 'Sec-Fetch-Dest': 'image' },
    });
    expect(icon.status).toBe(401);
    expect(icon.headers.get('location')).toBeNull();
    const prefetch = await agent.request(`${open.url}${BASE}auth/login`, {
      headers: { 'Sec-Fetch-Dest': 'document', 'Sec-Purpose': 'prefetch' },
    });
    expect(prefetch.status).toBe(400);
    expect(prefetch.headers.getSetCookie()).toEqual([]);
    expect(agent.cookie('127.0.0.1', LOGIN_COOKIE)).toBe(pending);
    const landed = await submitDevLogin(agent, loginPage, 'alice');
    expect(landed.status).toBe(200);
    expect(landed.url).toBe(`${open.url}${DEEP_LINK}`);
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
