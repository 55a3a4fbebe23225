import { describe, expect, it } from 'vitest';
import type { IssuedToken, loginWithPassword } from './iam-login.ts';
import { passwordLogin, renewAt, usableUntil } from './iam-password.ts';
import type { LoginResult } from './login-observer.ts';
import { CredentialError } from './provider.ts';

const P1 = 'e9993fc787d94b6c886cbaa340f9c0f4';
const P2 = '0123456789abcdef0123456789abcdef';
const P3 = 'fedcba9876543210fedcba9876543210';
const DAY = 24 * 3600_000;

/** A fake IAM: counts logins, issues numbered tokens; the test drives the clock. */
function setup(
  options: {
    lifetimeMs?: number;
    fail?: (n: number) => CredentialError | undefined;
    delayMs?: number;
    maxLoginsPerMinute?: number;
    maxCachedProjects?: number;
  } = {},
) {
  let clock = 1_000_000;
  const reported: Array<[LoginResult, number]> = [];
  const logins: Array<{ authUrl: string; projectId: string }> = [];
  let release: (() => void) | undefined;
  const login: typeof loginWithPassword = async ({ authUrl, projectId }) => {
    logins.push({ authUrl, projectId });
    const n = logins.length;
    if (options.delayMs !== undefined) await new Promise<void>((resolve) => (release = resolve));
    const failure = options.fail?.(n);
    if (failure) throw failure;
    const issued: IssuedToken = {
      token: `token-${n}`,
      issuedAt: clock,
      expiresAt: clock + (options.lifetimeMs ?? DAY),
    };
    return issued;
  };
  const provider = passwordLogin({
    identity: { username: 'alice', password: 'pw-secret', domain: { name: 'acme' } },
    authUrl: undefined,
    iamForRegion: (region) =>
      region === 'eu-de'
        ? 'https://iam.eu-de.example/v3'
        : region === 'eu-nl'
          ? 'https://iam.eu-nl.example/v3'
          : undefined,
    timeoutMs: 1000,
    source: 'OS_USERNAME/OS_PASSWORD',
    now: () => clock,
    login,
    maxLoginsPerMinute: options.maxLoginsPerMinute,
    maxCachedProjects: options.maxCachedProjects,
  });
  provider.observeLogins?.({ login: (result, at) => reported.push([result, at]) });
  const get = async (projectId = P1, region = 'eu-de', limitKey?: string) =>
    (
      await provider.headersFor({
        method: 'GET',
        url: new URL('https://x/'),
        region,
        projectId,
        limitKey,
      })
    )['X-Auth-Token'];
  return {
    provider,
    logins,
    reported,
    get,
    advance: (ms: number) => (clock += ms),
    release: () => release?.(),
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('IAM password login provider', () => {
  it('logs in once per project and serves the cached token afterwards', async () => {
    const { get, logins } = setup();
    expect(await get(P1)).toBe('token-1');
    expect(await get(P1)).toBe('token-1');
    expect(await get(P2)).toBe('token-2');
    expect(await get(P1)).toBe('token-1');
    expect(logins.map((l) => l.projectId)).toEqual([P1, P2]);
  });

  it('uses the region’s IAM endpoint, one token per endpoint', async () => {
    const { get, logins } = setup();
    await get(P1, 'eu-de');
    await get(P1, 'eu-nl');
    expect(logins.map((l) => l.authUrl)).toEqual([
      'https://iam.eu-de.example/v3',
      'https://iam.eu-nl.example/v3',
    ]);
    await expect(get(P1, 'xx-custom-1')).rejects.toThrow(
      /No IAM endpoint is known for region xx-custom-1: set OS_AUTH_URL/,
    );
  });

  it('fetches once however many requests wait for the token', async () => {
    const { get, logins, release } = setup({ delayMs: 1 });
    const waiting = Array.from({ length: 100 }, () => get(P1));
    await flush();
    release();
    expect(new Set(await Promise.all(waiting))).toEqual(new Set(['token-1']));
    expect(logins).toHaveLength(1);
  });

  it('renews ahead of expiry in the background, keeping the old token until the new one is there', async () => {
    const { get, logins, advance } = setup();
    expect(await get()).toBe('token-1');
    advance(DAY - 5 * 60_000 - 1); // just before the renewal point
    expect(await get()).toBe('token-1');
    expect(logins).toHaveLength(1);
    advance(2); // past it: still answered with the valid old token, renewal started
    expect(await get()).toBe('token-1');
    await flush();
    expect(logins).toHaveLength(2);
    expect(await get()).toBe('token-2');
  });

  it('waits for a new token once the old one is (nearly) expired', async () => {
    const { get, logins, advance } = setup();
    await get();
    advance(DAY);
    expect(await get()).toBe('token-2');
    expect(logins).toHaveLength(2);
  });

  it('scales the renewal margin down for short-lived tokens', () => {
    const short: IssuedToken = { token: 't', issuedAt: 0, expiresAt: 10_000 };
    expect(renewAt(short)).toBe(8_000);
    expect(usableUntil(short)).toBe(9_500);
    const day: IssuedToken = { token: 't', issuedAt: 0, expiresAt: DAY };
    expect(renewAt(day)).toBe(DAY - 5 * 60_000);
    expect(usableUntil(day)).toBe(DAY - 30_000);
  });

  it('drops a token the upstream rejected, but not one a concurrent request already renewed', async () => {
    const { provider, get, logins } = setup();
    expect(await get()).toBe('token-1');
    expect(provider.invalidate(P1, { 'X-Auth-Token': 'token-1' })).toBe(true);
    expect(await get()).toBe('token-2');
    // A late 401 for the old token must not throw the new one away.
    expect(provider.invalidate(P1, { 'X-Auth-Token': 'token-1' })).toBe(true);
    expect(await get()).toBe('token-2');
    expect(logins).toHaveLength(2);
  });

  it('turns fifty simultaneous 401s into one login', async () => {
    const { provider, get, logins } = setup();
    await get();
    const renewed = await Promise.all(
      Array.from({ length: 50 }, async () => {
        provider.invalidate(P1, { 'X-Auth-Token': 'token-1' });
        return get();
      }),
    );
    expect(new Set(renewed)).toEqual(new Set(['token-2']));
    expect(logins).toHaveLength(2);
  });

  it.each([
    ['refused', new CredentialError('IAM refused the login', 401)],
    ['unreachable', new CredentialError('IAM could not be reached', 502)],
  ])(
    'pauses logins for a project for 60 s after a failed one (%s), answering 429 meanwhile',
    async (_name, failure) => {
      const { get, logins, advance } = setup({ fail: (n) => (n === 1 ? failure : undefined) });
      await expect(get()).rejects.toBe(failure);
      const paused = await get().catch((error: unknown) => error);
      expect(paused).toBeInstanceOf(CredentialError);
      expect(paused).toMatchObject({ status: 429, retryAfterSeconds: 60 });
      expect((paused as Error).message).toContain(failure.message);
      advance(59_000);
      await expect(get()).rejects.toMatchObject({ status: 429, retryAfterSeconds: 1 });
      // Other projects are not held up by this one.
      expect(await get(P2)).toBe('token-2');
      expect(logins).toHaveLength(2);
      advance(1_000);
      expect(await get()).toBe('token-3');
    },
  );

  it('makes at most OS_AUTH_MAX_LOGINS_PER_MIN logins a minute, all projects together', async () => {
    const { get, logins, advance } = setup({ maxLoginsPerMinute: 3 });
    const projects = Array.from({ length: 6 }, (_, i) => i.toString(16).padStart(32, '0'));
    for (const project of projects.slice(0, 3)) await get(project);
    advance(20_000);
    await expect(get(projects[3])).rejects.toMatchObject({ status: 429, retryAfterSeconds: 40 });
    expect(await get(projects[0])).toBe('token-1'); // cached tokens still serve
    advance(40_000);
    expect(await get(projects[3])).toBe('token-4');
    expect(logins).toHaveLength(4);
  });

  it('keeps the tokens of the most recently used projects only', async () => {
    const { get, logins } = setup({ maxCachedProjects: 2, maxLoginsPerMinute: 100 });
    await get(P1);
    await get(P2);
    await get(P1); // P1 is now the most recent: P2 goes when a third comes
    await get(P3);
    expect(await get(P1)).toBe('token-1');
    expect(await get(P2)).toBe('token-4');
    expect(logins.map((l) => l.projectId)).toEqual([P1, P2, P3, P2]);
  });

  it('logs in again on a rejected token at most once a minute per project', async () => {
    const { provider, get, logins, advance } = setup();
    expect(await get()).toBe('token-1');
    expect(provider.invalidate(P1, { 'X-Auth-Token': 'token-1' })).toBe(true);
    expect(await get()).toBe('token-2');
    advance(10_000);
    expect(() => provider.invalidate(P1, { 'X-Auth-Token': 'token-2' })).toThrow(
      expect.objectContaining({ status: 429, retryAfterSeconds: 50 }),
    );
    expect(await get()).toBe('token-2');
    advance(50_000);
    expect(provider.invalidate(P1, { 'X-Auth-Token': 'token-2' })).toBe(true);
    expect(await get()).toBe('token-3');
    expect(logins).toHaveLength(3);
  });

  it('takes at most a third of the minute’s new-project logins for one payer', async () => {
    const { get, logins } = setup({ maxLoginsPerMinute: 9 });
    const projects = Array.from({ length: 5 }, (_, i) => i.toString(16).padStart(32, '0'));
    for (const project of projects.slice(0, 3)) await get(project, 'eu-de', 'addr:192.0.2.66');
    await expect(get(projects[3], 'eu-de', 'addr:192.0.2.66')).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 60,
    });
    expect(await get(projects[4], 'eu-de', 'user:bob')).toBe('token-4');
    expect(logins).toHaveLength(4);
  });

  it('renews tokens in use while the new-project budget is spent, in the background and on a 401', async () => {
    const { provider, get, logins, advance } = setup({ maxLoginsPerMinute: 3 });
    expect(await get(P1)).toBe('token-1');
    advance(DAY - 5 * 60_000 - 30_000); // 30 s before P1's renewal point
    const P4 = '1'.repeat(32);
    for (const project of [P2, P3, P4]) await get(project);
    await expect(get('0'.repeat(32))).rejects.toMatchObject({ status: 429 });
    advance(30_000); // renewal due; the budget is still spent on P2, P3 and P4
    expect(await get(P1)).toBe('token-1');
    await flush();
    expect(await get(P1)).toBe('token-5');
    expect(provider.invalidate(P1, { 'X-Auth-Token': 'token-5' })).toBe(true);
    expect(await get(P1)).toBe('token-6');
    expect(logins.map((l) => l.projectId)).toEqual([P1, P2, P3, P4, P1, P1]);
  });

  it('logs in for a project in use at most once a second when IAM’s tokens expire at once', async () => {
    const { get, logins, advance } = setup({ lifetimeMs: 0 });
    expect(await get()).toBe('token-1');
    advance(400);
    await expect(get()).rejects.toMatchObject({ status: 429, retryAfterSeconds: 1 });
    advance(600);
    expect(await get()).toBe('token-2');
    expect(logins).toHaveLength(2);
  });

  it('after IAM refuses one renewal, holds every project’s renewal for a minute (a changed password)', async () => {
    let refusing = false;
    const { provider, get, logins, advance } = setup({
      fail: () => (refusing ? new CredentialError('IAM refused the login', 401) : undefined),
    });
    expect([await get(P1), await get(P2), await get(P3)]).toEqual([
      'token-1',
      'token-2',
      'token-3',
    ]);
    refusing = true;
    for (const [project, token] of [
      [P1, 'token-1'],
      [P2, 'token-2'],
      [P3, 'token-3'],
    ] as const) {
      expect(provider.invalidate(project, { 'X-Auth-Token': token })).toBe(true);
    }
    await expect(get(P1)).rejects.toMatchObject({ status: 401 });
    await expect(get(P2)).rejects.toMatchObject({ status: 429, retryAfterSeconds: 60 });
    await expect(get(P3)).rejects.toMatchObject({ status: 429 });
    expect(logins).toHaveLength(4);
    refusing = false;
    advance(60_000);
    expect(await get(P2)).toBe('token-5');
  });

  it('reports each login’s outcome, and the logins the limits held back', async () => {
    const failures = [
      undefined,
      new CredentialError('IAM refused the login', 401),
      new CredentialError('IAM failed to issue a token (HTTP 503)', 502),
      new CredentialError('IAM did not answer in time', 504),
    ];
    const { get, reported } = setup({ fail: (n) => failures[n - 1] });
    await get(P1);
    await expect(get(P2)).rejects.toMatchObject({ status: 401 });
    await expect(get(P3)).rejects.toMatchObject({ status: 502 });
    await expect(get('0'.repeat(32))).rejects.toMatchObject({ status: 504 });
    await expect(get(P2)).rejects.toMatchObject({ status: 429 });
    expect(reported.map(([result]) => result)).toEqual([
      'success',
      'refused',
      'error',
      'error',
      'rate_limited',
    ]);
    expect(reported[0]?.[1]).toBe(1_000_000);
  });

  it('describes the user and domain, never the password', () => {
    const { provider } = setup();
    expect(provider.kind).toBe('password');
    expect(provider.description).toBe(
      'IAM password login (OS_USERNAME/OS_PASSWORD) as user alice (domain acme) via the region’s IAM endpoint',
    );
    expect(provider.description).not.toContain('pw-secret');
  });
});
