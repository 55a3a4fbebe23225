import { describe, expect, it } from 'vitest';
import { DEMO_PROJECT_ID, DEMO_USER, SCENARIO } from './simulator.ts';
import { T0, testSimulator, type TestSimulator } from './test-support.ts';

const OTHER_PROJECT = 'e9993fc787d94b6c886cbaa340f9c0f4';

function loginBody(
  overrides: { name?: string; password?: string; domain?: string; projectId?: string } = {},
) {
  return JSON.stringify({
    auth: {
      identity: {
        methods: ['password'],
        password: {
          user: {
            name: overrides.name ?? DEMO_USER.name,
            password: overrides.password ?? DEMO_USER.password,
            domain: { name: overrides.domain ?? DEMO_USER.domain },
          },
        },
      },
      scope: { project: { id: overrides.projectId ?? DEMO_PROJECT_ID } },
    },
  });
}

async function login(sim: TestSimulator, body = loginBody(), query = '?nocatalog=true') {
  return sim.request(`/v3/auth/tokens${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
}

async function token(sim: TestSimulator, projectId = DEMO_PROJECT_ID): Promise<string> {
  const answer = await login(sim, loginBody({ projectId }));
  const value = answer.headers.get('x-subject-token');
  if (answer.status !== 201 || !value)
    throw new Error(`login failed: ${answer.status} ${answer.text}`);
  return value;
}

const withToken = (value: string) => ({ headers: { 'X-Auth-Token': value } });

describe('fake IAM login', () => {
  it('issues a project-scoped token in X-Subject-Token with its expiry in the body', async () => {
    const sim = await testSimulator({ auth: {} });
    const answer = await login(sim);
    expect(answer.status).toBe(201);
    expect(answer.headers.get('x-subject-token')).toMatch(/^MII\S{40,}$/);
    expect(answer.headers.get('date')).toBe(new Date(T0).toUTCString());
    const body = answer.json as { token: Record<string, unknown> };
    expect(body.token).toMatchObject({
      methods: ['password'],
      expires_at: '2026-11-30T10:00:00.000000Z',
      issued_at: '2026-11-29T10:00:00.000000Z',
      project: { id: DEMO_PROJECT_ID },
      user: { name: DEMO_USER.name, domain: { name: DEMO_USER.domain } },
    });
    expect(body.token).not.toHaveProperty('catalog');
    // The token never appears in the body.
    expect(answer.text).not.toContain(answer.headers.get('x-subject-token'));
  });

  it('includes a catalogue pointing back at the simulator unless nocatalog is set', async () => {
    const sim = await testSimulator({ auth: {} });
    const answer = await login(sim, loginBody(), '');
    const catalog = (
      answer.json as { token: { catalog: { type: string; endpoints: { url: string }[] }[] } }
    ).token.catalog;
    const sfs = catalog.find((service) => service.type === 'sfs-turbo');
    expect(sfs?.endpoints[0]?.url).toBe(`${sim.url}/v1/${DEMO_PROJECT_ID}`);
  });

  it('refuses a wrong password, an unknown user or domain with 401 in IAM shape', async () => {
    const sim = await testSimulator({ auth: {} });
    for (const body of [
      loginBody({ password: 'wrong' }),
      loginBody({ name: 'eve' }),
      loginBody({ domain: 'other' }),
    ]) {
      const answer = await login(sim, body);
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({
        error: {
          code: 401,
          title: 'Unauthorized',
          message: 'The request you have made requires authentication.',
        },
      });
      expect(answer.headers.get('x-subject-token')).toBeNull();
    }
  });

  it('refuses malformed bodies with 400, oversized ones with 413, other methods with 405', async () => {
    const sim = await testSimulator({ auth: {} });
    for (const body of [
      'not json',
      '{}',
      '{"auth":{"identity":{"methods":["token"]}}}',
      JSON.stringify({
        auth: { identity: { methods: ['password'], password: { user: { name: 'demo' } } } },
      }),
    ]) {
      const answer = await login(sim, body);
      expect(answer.status, body).toBe(400);
      expect((answer.json as { error: { code: number } }).error.code).toBe(400);
    }
    const noScope = JSON.parse(loginBody()) as { auth: Record<string, unknown> };
    delete noScope.auth.scope;
    expect((await login(sim, JSON.stringify(noScope))).status).toBe(400);
    expect((await login(sim, 'x'.repeat(70 * 1024))).status).toBe(413);
    expect((await sim.request('/v3/auth/tokens')).status).toBe(405);
  });

  it('knows the users it is given', async () => {
    const sim = await testSimulator({
      auth: { users: [{ name: 'alice', password: 's3cret', domain: 'acme' }] },
    });
    expect((await login(sim)).status).toBe(401);
    expect(
      (await login(sim, loginBody({ name: 'alice', password: 's3cret', domain: 'acme' }))).status,
    ).toBe(201);
  });
});

describe('the gateway checks tokens when auth is on', () => {
  it('lets a valid token for the project through', async () => {
    const sim = await testSimulator({ auth: {} });
    const answer = await sim.job(SCENARIO.success, withToken(await token(sim)));
    expect(answer.status).toBe(200);
  });

  it('answers 401 APIG.0301 without a token, with an unknown one, and with one for another project', async () => {
    const sim = await testSimulator({ auth: {} });
    const cases: [RequestInit, RegExp][] = [
      [{}, /x-auth-token not found$/],
      [withToken('MIIforged'), /decrypt token fail$/],
      [withToken(await token(sim, OTHER_PROJECT)), /not scoped to this project$/],
    ];
    for (const [init, message] of cases) {
      const answer = await sim.job(SCENARIO.success, init);
      expect(answer.status).toBe(401);
      const body = answer.json as Record<string, string>;
      expect(body.error_code).toBe('APIG.0301');
      expect(body.error_msg).toMatch(/^Incorrect IAM authentication information: /);
      expect(body.error_msg).toMatch(message);
      expect(body.request_id).toBe(answer.headers.get('x-request-id'));
    }
  });

  it('expires tokens after tokenTtlSeconds, saying when', async () => {
    const sim = await testSimulator({ auth: { tokenTtlSeconds: 60 } });
    const value = await token(sim);
    sim.clock.tick(59_999);
    expect((await sim.job(SCENARIO.success, withToken(value))).status).toBe(200);
    sim.clock.tick(1);
    const expired = await sim.job(SCENARIO.success, withToken(value));
    expect(expired.status).toBe(401);
    expect((expired.json as Record<string, string>).error_msg).toBe(
      'Incorrect IAM authentication information: token expires, expires_at: 2026-11-29T10:01:00.000000Z',
    );
  });

  it('counts advance() towards expiry and keeps tokens across a reset', async () => {
    const sim = await testSimulator({ auth: { tokenTtlSeconds: 60 } });
    const value = await token(sim);
    sim.simulator.reset();
    expect((await sim.job(SCENARIO.success, withToken(value))).status).toBe(200);
    sim.simulator.advance(60_000);
    expect((await sim.job(SCENARIO.success, withToken(value))).status).toBe(401);
  });

  it('does not start a job timeline for a refused request', async () => {
    const sim = await testSimulator({ auth: {} });
    await sim.job(SCENARIO.running);
    sim.clock.tick(30_000);
    expect((await sim.body(SCENARIO.running, withToken(await token(sim)))).status).toBe('waiting');
  });

  it('needs no token when auth is off, though logins still work', async () => {
    const sim = await testSimulator();
    expect((await sim.job(SCENARIO.success)).status).toBe(200);
    expect((await login(sim)).status).toBe(201);
  });
});
