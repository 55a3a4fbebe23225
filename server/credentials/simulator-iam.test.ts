import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROXY_ERROR } from '../../common/contract.ts';
import {
  startSimulator,
  DEMO_PROJECT_ID,
  SCENARIO,
  type RunningSimulator,
} from '../simulator/simulator.ts';
import { startApi, type AppUnderTest } from '../testing/app.ts';
import { getJson } from '../testing/servers.ts';
import { loginWithPassword } from './iam-login.ts';
import { passwordLogin } from './iam-password.ts';

/*
 * IAM password login end to end: the real handler and provider against the simulator with
 * authentication on (its fake IAM issues project-scoped tokens, its gateway checks them).
 */
const USER = { name: 'support-bot', password: 'sim-pass-Ω-1234', domain: 'acme-domain' };
const OTHER_PROJECT = '0123456789abcdef0123456789abcdef';
const path = (projectId: string = DEMO_PROJECT_ID, jobId: string = SCENARIO.success) =>
  `/api/eu-de/v1/${projectId}/sfs-turbo/jobs/${jobId}`;

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function setup(options: { ttlSeconds?: number; password?: string; now?: () => number } = {}) {
  const sim: RunningSimulator = await startSimulator({
    auth: { tokenTtlSeconds: options.ttlSeconds ?? 3600, users: [USER] },
    ...(options.now ? { now: options.now } : {}),
  });
  running.push(sim);
  const logins: string[] = [];
  const provider = passwordLogin({
    identity: {
      username: USER.name,
      password: options.password ?? USER.password,
      domain: { name: USER.domain },
    },
    authUrl: `${sim.url}/v3`,
    iamForRegion: () => undefined,
    timeoutMs: 2000,
    source: 'OS_USERNAME/OS_PASSWORD',
    ...(options.now ? { now: options.now } : {}),
    login: async (args) => {
      logins.push(args.projectId);
      return loginWithPassword(args);
    },
  });
  const proxy: AppUnderTest = await startApi({
    config: { endpointOverride: sim.url },
    credentials: provider,
  });
  running.push(proxy);
  const get = (p = path()) => getJson(`${proxy.url}${p}`);
  return { sim, proxy, logins, get };
}

describe('IAM password login against the simulator', () => {
  it('logs in, caches one token per project and reuses it', async () => {
    const { get, logins } = await setup();
    const first = await get();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'success' });
    expect((await get()).status).toBe(200);
    expect((await get(path(DEMO_PROJECT_ID, SCENARIO.failed))).status).toBe(200);
    expect(logins).toEqual([DEMO_PROJECT_ID]);
    // Another project needs its own token (the simulator has no such job: 404 after auth).
    expect((await get(path(OTHER_PROJECT))).status).toBe(404);
    expect(logins).toEqual([DEMO_PROJECT_ID, OTHER_PROJECT]);
  });

  it('fetches the token once for many simultaneous first requests', async () => {
    const { get, logins } = await setup();
    const answers = await Promise.all(Array.from({ length: 40 }, () => get()));
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
    expect(logins).toHaveLength(1);
  });

  it('renews ahead of expiry with a short-lived token, without a failed request', async () => {
    // One injected clock for the simulator's IAM and the dashboard: no waiting on the real one.
    const clock = { ms: Date.UTC(2026, 10, 30, 9, 0, 0) };
    const { get, logins, proxy } = await setup({ ttlSeconds: 2, now: () => clock.ms });
    expect((await get()).status).toBe(200);
    expect(logins).toHaveLength(1);
    clock.ms += 1_700; // past 80 % of the lifetime, before expiry
    expect((await get()).status).toBe(200); // answered with the old token; renewal started
    await vi.waitFor(() => expect(logins).toHaveLength(2));
    clock.ms += 600; // the first token has expired by now; the renewed one is in use
    expect((await get()).status).toBe(200);
    expect(logins).toHaveLength(2);
    expect(proxy.log.map((e) => e.status)).toEqual([200, 200, 200]);
  });

  it('does not renew a token well before its expiry', async () => {
    const clock = { ms: Date.UTC(2026, 10, 30, 9, 0, 0) };
    const { get, logins } = await setup({ ttlSeconds: 2, now: () => clock.ms });
    expect((await get()).status).toBe(200);
    clock.ms += 1_000;
    expect((await get()).status).toBe(200);
    expect(logins).toHaveLength(1);
  });

  it('renews and retries once when the gateway says the token expired', async () => {
    const { sim, get, logins, proxy } = await setup({ ttlSeconds: 60 });
    expect((await get()).status).toBe(200);
    sim.simulator.advance(61_000); // the simulator's clock only: the proxy thinks the token is fine
    const answer = await get();
    expect(answer.status).toBe(200);
    expect(logins).toHaveLength(2);
    expect(proxy.log.at(-1)?.status).toBe(200);
  });

  it('answers PROXY.AUTH_FAILED (401) for a wrong password, then 429 for a minute instead of trying again', async () => {
    const wrong = `${USER.password}-typo`;
    const { get, logins } = await setup({ password: wrong });
    const answer = await get();
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ errCode: PROXY_ERROR.authFailed });
    expect((answer.body as { errMsg: string }).errMsg).toMatch(/IAM refused the login for project/);
    expect(answer.text).not.toContain(wrong);
    expect(answer.text).not.toContain(USER.password);
    expect(answer.text).not.toContain(USER.name);
    const again = await get();
    expect(again.status).toBe(429);
    expect(again.body).toMatchObject({ errCode: PROXY_ERROR.rateLimited });
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(logins).toHaveLength(1);
  });
});
