import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROXY_ERROR } from '../../common/contract.ts';
import { loadAuthConfig } from '../config/auth.ts';
import { createAccessControl } from '../http/steps/access-control.ts';
import { fakeDist, startApp } from '../testing/app.ts';
import { startAuthHost, type AuthHost } from '../testing/auth-host.ts';

const TEAM = { host: '0.0.0.0', basePath: '/' };
const JOB_API = '/api/eu-de/v1/e9993fc787d94b6c886cbaa340f9c0f4/sfs-turbo/jobs/job-1';

describe('header mode: the identity an SSO proxy in front asserts', () => {
  let trusted: AuthHost;
  let untrusted: AuthHost;

  beforeAll(async () => {
    const config = loadAuthConfig(
      {
        AUTH_MODE: 'header',
        AUTH_ALLOWED_GROUPS: 'sfs-support',
        AUTH_LOGOUT_URL: '/oauth2/sign_out',
      },
      TEAM,
    );
    // The same step; whether the peer is a trusted proxy is the server's finding.
    trusted = await startAuthHost({ step: createAccessControl(config), isTrustedPeer: () => true });
    untrusted = await startAuthHost({
      step: createAccessControl(config),
      isTrustedPeer: () => false,
    });
  });

  afterAll(async () => {
    await trusted.close();
    await untrusted.close();
  });

  const asked = (host: AuthHost, path: string, headers: Record<string, string> = {}) =>
    fetch(`${host.url}${path}`, { headers, redirect: 'manual' });

  it('believes the user and groups from a trusted proxy and names the user in the log', async () => {
    const answer = await asked(trusted, '/api/session', {
      'X-Forwarded-User': 'alice',
      'X-Forwarded-Groups': 'staff,sfs-support',
    });
    expect(await answer.json()).toEqual({
      mode: 'header',
      user: 'alice',
      groups: ['staff', 'sfs-support'],
      loginUrl: null,
      logoutUrl: '/oauth2/sign_out',
    });
    const page = await asked(trusted, '/eu-de/projects/p/jobs/j', {
      'X-Forwarded-User': 'alice',
      'X-Forwarded-Groups': 'sfs-support',
    });
    expect(page.status).toBe(200);
    expect(trusted.reached.at(-1)).toMatchObject({
      user: { name: 'alice' },
      log: { user: 'alice' },
    });
  });

  it('ignores forged identity headers from an untrusted address: 401, and the headers never reach the app', async () => {
    const forged = { 'X-Forwarded-User': 'alice', 'X-Forwarded-Groups': 'sfs-support' };
    const api = await asked(untrusted, JOB_API, forged);
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ errCode: PROXY_ERROR.unauthenticated });
    const page = await asked(untrusted, '/eu-de/projects/p/jobs/j', forged);
    expect(page.status).toBe(401);
    expect(page.headers.get('location')).toBeNull();
    expect(await page.text()).toContain('You are not signed in');
    expect(untrusted.reached).toEqual([]);
  });

  it('refuses a trusted request without a user header (the proxy let it through unauthenticated)', async () => {
    expect((await asked(trusted, JOB_API)).status).toBe(401);
    expect((await asked(trusted, JOB_API, { 'X-Forwarded-User': ' ' })).status).toBe(401);
  });

  it('refuses a user outside the allowed groups with 403, saying who they are', async () => {
    const api = await asked(trusted, JOB_API, {
      'X-Forwarded-User': 'mallory',
      'X-Forwarded-Groups': 'staff',
    });
    expect(api.status).toBe(403);
    expect(await api.json()).toMatchObject({ errCode: PROXY_ERROR.forbidden });
    const page = await asked(trusted, '/', {
      'X-Forwarded-User': '<script>x</script>',
      'X-Forwarded-Groups': 'staff',
    });
    expect(page.status).toBe(403);
    const html = await page.text();
    expect(html).toContain('You are signed in as &lt;script&gt;x&lt;/script&gt;.');
    expect(html).not.toContain('<script>');
    expect(html).toContain('href="/oauth2/sign_out"');
  });
});

describe('no sign-in (AUTH_MODE=none)', () => {
  it('lets everything through, metrics included, and says there is no session', async () => {
    const host = await startAuthHost({
      step: createAccessControl(loadAuthConfig({}, { host: '127.0.0.1', basePath: '/' })),
    });
    try {
      const session = await fetch(`${host.url}/api/session`);
      expect(await session.json()).toEqual({
        mode: 'none',
        user: null,
        groups: [],
        loginUrl: null,
        logoutUrl: null,
      });
      expect(
        (await fetch(`${host.url}${JOB_API}`, { headers: { 'X-Forwarded-User': 'alice' } })).status,
      ).toBe(200);
      expect(host.reached.at(-1)?.user).toBeUndefined();
    } finally {
      await host.close();
    }
  });
});

describe('header mode in the production server', () => {
  let dist: ReturnType<typeof fakeDist>;
  beforeAll(() => {
    dist = fakeDist();
  });
  afterAll(() => dist.remove());
  const waitForLine = async (lines: Record<string, unknown>[], count: number) => {
    for (let tries = 0; lines.length < count && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('keeps /healthz open and /metrics closed without METRICS_TOKEN (404)', async () => {
    const server = await startApp({ AUTH_MODE: 'header', SFS_TURBO_DIST: dist.dir });
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('guards /metrics with METRICS_TOKEN, counts refusals and logs the user', async () => {
    const token = 'metrics-token-0123456789';
    const server = await startApp({
      AUTH_MODE: 'header',
      METRICS_TOKEN: token,
      SFS_TURBO_DIST: dist.dir,
    });
    try {
      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
      // Loopback is a trusted proxy by default; without the header nobody is signed in.
      expect((await fetch(`${server.url}/api/session`)).status).toBe(401);
      const session = await fetch(`${server.url}/api/session`, {
        headers: { 'X-Forwarded-User': 'alice' },
      });
      expect(await session.json()).toMatchObject({ mode: 'header', user: 'alice' });
      await waitForLine(server.lines, 3);
      expect(server.lines.at(-1)).toMatchObject({ user: 'alice', status: 200 });
      const metrics = await fetch(`${server.url}/metrics`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toMatch(/^sfs_turbo_auth_refusals_total\{code="401"\} 1$/m);
    } finally {
      await server.close();
    }
  });
});
