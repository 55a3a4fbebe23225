import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort, fakeUpstream, type Running, type SeenRequest } from '../testing/servers.ts';
import { loginWithPassword, tokensUrl } from './iam-login.ts';
import { CredentialError } from './provider.ts';
import { redact } from './redact.ts';

const P = 'e9993fc787d94b6c886cbaa340f9c0f4';
const PASSWORD = 'Pa55"w0rd with spaces & <html>';
const identity = { username: 'alice', password: PASSWORD, domain: { name: 'acme' } };

const cleanup: Running[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((s) => s.close()));
});

async function iam(
  answer: (
    body: string,
    req: IncomingMessage,
  ) => { status: number; headers?: Record<string, string>; body?: string },
) {
  const bodies: string[] = [];
  const server = await fakeUpstream((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      bodies.push(body);
      const out = answer(body, req);
      res.writeHead(out.status, { 'Content-Type': 'application/json', ...out.headers });
      res.end(out.body ?? '');
    });
  });
  cleanup.push(server);
  return Object.assign(server, { bodies }) as Running & { seen: SeenRequest[]; bodies: string[] };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as CredentialError,
  );

describe('IAM password login (POST /v3/auth/tokens)', () => {
  it('builds the token URL from the usual spellings of the auth URL', () => {
    for (const url of [
      'https://iam.example/v3',
      'https://iam.example/v3/',
      'https://iam.example',
      'https://iam.example/v3/auth/tokens',
    ]) {
      expect(tokensUrl(url).href).toBe('https://iam.example/v3/auth/tokens?nocatalog=true');
    }
    expect(tokensUrl('https://iam.example:443/v3').href).toBe(
      'https://iam.example/v3/auth/tokens?nocatalog=true',
    );
  });

  it('sends a password identity scoped to the project, and reads the token and its expiry', async () => {
    const expires = new Date(Date.now() + 3600_000).toISOString();
    const server = await iam(() => ({
      status: 201,
      headers: { 'X-Subject-Token': 'MIIissued-token' },
      body: JSON.stringify({ token: { expires_at: expires, methods: ['password'] } }),
    }));
    const issued = await loginWithPassword({
      authUrl: `${server.url}/v3`,
      identity,
      projectId: P,
      timeoutMs: 1000,
    });
    expect(issued.token).toBe('MIIissued-token');
    expect(issued.expiresAt).toBe(Date.parse(expires));
    expect(server.seen[0]?.method).toBe('POST');
    expect(server.seen[0]?.url).toBe('/v3/auth/tokens?nocatalog=true');
    expect(JSON.parse(server.bodies[0] ?? '')).toEqual({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'alice', password: PASSWORD, domain: { name: 'acme' } } },
        },
        scope: { project: { id: P } },
      },
    });
  });

  it('moves the expiry onto the local clock when the local clock is off', async () => {
    const remoteNow = Date.now() + 3_600_000; // the IAM's clock is an hour ahead of ours
    const server = await iam(() => ({
      status: 201,
      headers: { 'X-Subject-Token': 't', Date: new Date(remoteNow).toUTCString() },
      body: JSON.stringify({
        token: { expires_at: new Date(remoteNow + 24 * 3600_000).toISOString() },
      }),
    }));
    const issued = await loginWithPassword({
      authUrl: server.url,
      identity,
      projectId: P,
      timeoutMs: 1000,
    });
    const lifetime = issued.expiresAt - issued.issuedAt;
    expect(lifetime).toBeGreaterThan(24 * 3600_000 - 3_000);
    expect(lifetime).toBeLessThanOrEqual(24 * 3600_000);
  });

  it('reports a refused login as 401 with IAM’s code only, never IAM’s text (which may echo the password)', async () => {
    const server = await iam((body) => ({
      status: 401,
      body: JSON.stringify({
        error: {
          code: 401,
          title: 'Unauthorized',
          message: `The password ${JSON.parse(body).auth.identity.password.user.password} is wrong for MIIB${'x'.repeat(60)}`,
        },
      }),
    }));
    const error = await failure(
      loginWithPassword({ authUrl: server.url, identity, projectId: P, timeoutMs: 1000 }),
    );
    expect(error).toBeInstanceOf(CredentialError);
    expect(error.status).toBe(401);
    expect(error.message).toBe(`IAM refused the login for project ${P} (HTTP 401, IAM code 401)`);
    expect(error.message).not.toContain('Pa55');
    expect(error.message).not.toContain('alice');
    expect(error.message).not.toContain(server.url);
    expect(error.message).not.toContain('xxxxxxxxxx');
  });

  it('reads Huawei IAM and API gateway error shapes', async () => {
    const server = await iam(() => ({
      status: 403,
      body: JSON.stringify({ error_code: 'IAM.0011', error_msg: 'Request parameter error.' }),
    }));
    const error = await failure(
      loginWithPassword({ authUrl: server.url, identity, projectId: P, timeoutMs: 1000 }),
    );
    expect(error.status).toBe(401);
    expect(error.message).toContain('(HTTP 403, IAM code IAM.0011)');
    expect(error.message).not.toContain('Request parameter error');
  });

  it('reports IAM outages as 502 and slowness as 504, so that the page retries', async () => {
    const down = await iam(() => ({ status: 503, body: '<html>maintenance</html>' }));
    const e1 = await failure(
      loginWithPassword({ authUrl: down.url, identity, projectId: P, timeoutMs: 1000 }),
    );
    expect([e1.status, e1.message]).toEqual([502, 'IAM failed to issue a token (HTTP 503)']);

    const e2 = await failure(
      loginWithPassword({
        authUrl: `http://127.0.0.1:${await closedPort()}`,
        identity,
        projectId: P,
        timeoutMs: 1000,
      }),
    );
    expect(e2.status).toBe(502);
    expect(e2.message).toMatch(/could not be reached \(ECONNREFUSED\)/);

    const slow = await fakeUpstream(() => undefined);
    cleanup.push(slow);
    const e3 = await failure(
      loginWithPassword({ authUrl: slow.url, identity, projectId: P, timeoutMs: 100 }),
    );
    expect(e3.status).toBe(504);
  });

  it('refuses an answer without X-Subject-Token', async () => {
    const server = await iam(() => ({ status: 201, body: '{"token":{}}' }));
    const error = await failure(
      loginWithPassword({ authUrl: server.url, identity, projectId: P, timeoutMs: 1000 }),
    );
    expect(error.message).toMatch(/without an X-Subject-Token/);
  });
});

describe('redact', () => {
  it('removes secrets in plain, JSON-escaped and URL-encoded form, and long opaque runs', () => {
    const secret = 'a"b/c d';
    expect(redact(`x a"b/c d y a\\"b/c d z ${encodeURIComponent(secret)}`, [secret])).toBe(
      'x [redacted] y [redacted] z [redacted]',
    );
    expect(redact(`token MII${'A'.repeat(50)} end`, [])).toBe('token [redacted] end');
    expect(redact('line\r\nbreak\u0000', [])).toBe('line break');
    expect(redact('y'.repeat(10) + ' ' + 'z'.repeat(300), [], 20)).toHaveLength(20);
  });
});
