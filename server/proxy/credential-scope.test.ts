import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { PROXY_ERROR } from '../../common/contract.ts';
import { akskSigner } from '../credentials/aksk.ts';
import { passwordLogin } from '../credentials/iam-password.ts';
import { CredentialError, staticToken, type CredentialProvider } from '../credentials/provider.ts';
import { startApi } from '../testing/app.ts';
import {
  fakeUpstream,
  getJson,
  jobPath,
  PROJECT,
  rawRequest,
  type Closable,
} from '../testing/servers.ts';

/*
 * Where the credential may go, proven on the wire: the real handler behind a real server, an
 * upstream that counts what reached it and hands the credential back in every way it can.
 */
const TOKEN = 'MIIEcredential-token-0123456789abcdefghij+/xyz';
const AK = 'AKEXAMPLE0123456789X';
const SK = 'SKEXAMPLE-secret-key-0123456789abcdefghijkl';

const cleanup: Closable[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((s) => s.close()));
});
async function track<T extends Closable>(running: Promise<T>): Promise<T> {
  const value = await running;
  cleanup.push(value);
  return value;
}

/** The credential the upstream received, in the form the test asks for. */
function credentialOf(req: IncomingMessage): string {
  const token = req.headers['x-auth-token'];
  if (typeof token === 'string') return token;
  return /Signature=(\w+)/.exec(req.headers.authorization ?? '')?.[1] ?? '';
}

const ECHOES: Record<string, (secret: string) => string> = {
  plain: (s) => s,
  'URL-encoded': (s) => encodeURIComponent(s),
  base64: (s) => Buffer.from(`Bearer ${s}`).toString('base64'),
};

async function echoingProxy(
  credentials: CredentialProvider,
  respond: (req: IncomingMessage, res: ServerResponse) => void,
) {
  const upstream = await track(fakeUpstream(respond));
  const proxy = await track(startApi({ config: { endpointOverride: upstream.url }, credentials }));
  return { upstream, proxy };
}

describe('region allow-list', () => {
  it('refuses a region the credential is not allowed in with 403, before anything is sent', async () => {
    const { upstream, proxy } = await echoingProxy(staticToken(TOKEN, 'OS_TOKEN'), (_req, res) =>
      res.end('{}'),
    );
    const refused = await getJson(`${proxy.url}${jobPath('cn-north-4')}`);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ errCode: PROXY_ERROR.regionNotAllowed });
    expect((refused.body as { errMsg: string }).errMsg).toContain('eu-de');
    expect(upstream.seen).toHaveLength(0);
    expect((await getJson(`${proxy.url}${jobPath('eu-de')}`)).status).toBe(200);
    expect(upstream.seen).toHaveLength(1);
  });

  it('never logs in to IAM for a region that is not allowed', async () => {
    const logins: string[] = [];
    const provider = passwordLogin({
      identity: { username: 'desk', password: 'desk-password-1', domain: { name: 'acme' } },
      authUrl: undefined,
      iamForRegion: (region) => `https://iam.${region}.example/v3`,
      timeoutMs: 1000,
      source: 'test',
      login: ({ authUrl }) => {
        logins.push(authUrl);
        return Promise.resolve({
          token: TOKEN,
          issuedAt: Date.now(),
          expiresAt: Date.now() + 3600_000,
        });
      },
    });
    const { upstream, proxy } = await echoingProxy(provider, (_req, res) => res.end('{}'));
    expect((await getJson(`${proxy.url}${jobPath('cn-north-4')}`)).status).toBe(403);
    expect((await getJson(`${proxy.url}${jobPath('eu-nl')}`)).status).toBe(403);
    expect(logins).toEqual([]);
    expect(upstream.seen).toHaveLength(0);
    expect((await getJson(`${proxy.url}${jobPath('eu-de')}`)).status).toBe(200);
    expect(logins).toEqual(['https://iam.eu-de.example/v3']);
  });

  it('lets the simulator, which holds no secret, serve every catalogue region', async () => {
    const simulator = await track(fakeUpstream());
    const proxy = await track(startApi({ simulatorUrl: simulator.url }));
    expect((await getJson(`${proxy.url}${jobPath('cn-north-4')}`)).status).toBe(200);
    const regions = (await getJson(`${proxy.url}/api/regions`)).body as {
      regions: unknown[];
      otherRegions: string[];
    };
    expect(regions.regions.length).toBeGreaterThan(10);
    expect(regions.otherRegions).toEqual([]);
  });
});

describe('requests made by another site', () => {
  it.each(['cross-site', 'same-site'])(
    'refuses Sec-Fetch-Site: %s on every API route, forwarding nothing',
    async (site) => {
      const { upstream, proxy } = await echoingProxy(staticToken(TOKEN, 'OS_TOKEN'), (_req, res) =>
        res.end('{}'),
      );
      for (const path of [jobPath(), '/api/regions', '/api/other']) {
        const answer = await rawRequest(proxy.port, path, 'GET', `Sec-Fetch-Site: ${site}\r\n`);
        expect(answer.status, path).toBe(403);
        expect(JSON.parse(answer.body)).toMatchObject({ errCode: PROXY_ERROR.crossSite });
      }
      expect(upstream.seen).toHaveLength(0);
      expect(proxy.log.map((entry) => entry.code)).toEqual(Array(3).fill(PROXY_ERROR.crossSite));
    },
  );

  it.each([['same-origin'], ['none'], [undefined]])('serves Sec-Fetch-Site: %s', async (site) => {
    const { upstream, proxy } = await echoingProxy(staticToken(TOKEN, 'OS_TOKEN'), (_req, res) =>
      res.end('{}'),
    );
    const answer = await rawRequest(
      proxy.port,
      jobPath(),
      'GET',
      site ? `Sec-Fetch-Site: ${site}\r\n` : '',
    );
    expect(answer.status).toBe(200);
    expect(upstream.seen).toHaveLength(1);
  });

  it('marks every API answer, forwarded or its own, as readable by the same origin only', async () => {
    const { proxy } = await echoingProxy(staticToken(TOKEN, 'OS_TOKEN'), (_req, res) =>
      res.end('{}'),
    );
    for (const path of [jobPath(), '/api/regions', '/api/other', jobPath('cn-north-4')]) {
      const { headers } = await rawRequest(proxy.port, path);
      expect(headers['cross-origin-resource-policy'], path).toBe('same-origin');
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['x-frame-options'], path).toBe('DENY');
      expect(headers['referrer-policy'], path).toBe('no-referrer');
      expect(headers['cache-control'], path).toBe('no-store');
    }
  });
});

describe('nothing the upstream echoes reaches the browser or the log', () => {
  const providers: Record<string, () => CredentialProvider> = {
    token: () => staticToken(TOKEN, 'OS_TOKEN'),
    'AK/SK signature': () => akskSigner({ accessKey: AK, secretKey: SK, source: 'test' }),
  };

  for (const [kind, provider] of Object.entries(providers)) {
    for (const [form, encode] of Object.entries(ECHOES)) {
      it(`drops X-request-id and Retry-After holding the ${kind} (${form}), and logs no request ID`, async () => {
        let sent = '';
        const { proxy } = await echoingProxy(provider(), (req, res) => {
          sent = credentialOf(req);
          res.writeHead(429, {
            'Content-Type': `application/json; x=${encode(sent)}`,
            'X-request-id': `req-${encode(sent)}`,
            'Retry-After': encode(sent),
          });
          res.end('{"error_code":"APIG.0308","error_msg":"throttled"}');
        });
        const answer = await rawRequest(proxy.port, jobPath());
        expect(sent.length).toBeGreaterThan(8);
        expect(answer.status).toBe(429);
        expect(answer.headers['x-request-id']).toBeUndefined();
        expect(answer.headers['retry-after']).toBeUndefined();
        expect(answer.headers['content-type']).toBe('application/octet-stream');
        expect(answer.raw).not.toContain(encode(sent));
        expect(proxy.log[0]?.upstreamRequestId).toBeNull();
        expect(JSON.stringify(proxy.lines)).not.toContain(encode(sent));
      });

      it(`answers 502 PROXY.UPSTREAM_LEAK for a body holding the ${kind} (${form})`, async () => {
        let sent = '';
        const { proxy } = await echoingProxy(provider(), (req, res) => {
          sent = credentialOf(req);
          res.writeHead(500, { 'Content-Type': 'text/html', 'X-request-id': 'req-9' });
          res.end(`<pre>debug: ${encode(sent)}</pre>`);
        });
        const answer = await rawRequest(proxy.port, jobPath());
        expect(answer.status).toBe(502);
        expect(JSON.parse(answer.body)).toMatchObject({ errCode: PROXY_ERROR.upstreamLeak });
        expect(answer.raw).not.toContain(encode(sent));
        expect(answer.headers['x-request-id']).toBeUndefined();
        expect(proxy.log[0]).toMatchObject({ status: 502, code: PROXY_ERROR.upstreamLeak });
      });
    }
  }

  it('refuses a body holding the secret key or the access key, though neither was sent as such', async () => {
    for (const secret of [SK, AK]) {
      const { proxy } = await echoingProxy(providers['AK/SK signature']!(), (_req, res) =>
        res.end(`{"x":"${secret}"}`),
      );
      const answer = await rawRequest(proxy.port, jobPath());
      expect(answer.status).toBe(502);
      expect(answer.raw).not.toContain(secret);
    }
  });

  it('drops a log field that holds a credential, even one the request itself put there', async () => {
    const { proxy } = await echoingProxy(providers['AK/SK signature']!(), (_req, res) =>
      res.end('{}'),
    );
    await rawRequest(proxy.port, jobPath('eu-de', PROJECT, AK));
    expect(proxy.log[0]).toMatchObject({ job: null, project: PROJECT, status: 200 });
    expect(proxy.log[0]).not.toHaveProperty('path');
    expect(JSON.stringify(proxy.lines)).not.toContain(AK);
  });

  it('passes an ordinary answer and its request ID on unchanged', async () => {
    const { proxy } = await echoingProxy(staticToken(TOKEN, 'OS_TOKEN'), (_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'X-request-id': 'req-42',
        'Retry-After': '3',
      });
      res.end('{"status":"running"}');
    });
    const answer = await rawRequest(proxy.port, jobPath());
    expect([answer.status, answer.body]).toEqual([200, '{"status":"running"}']);
    expect(answer.headers['x-request-id']).toBe('req-42');
    expect(answer.headers['retry-after']).toBe('3');
    expect(proxy.log[0]?.upstreamRequestId).toBe('req-42');
  });
});

describe('login limits, as the browser sees them', () => {
  it('answers 429 PROXY.RATE_LIMITED with Retry-After when the provider may not log in now', async () => {
    const limited: CredentialProvider = {
      kind: 'password',
      description: 'test',
      secrets: [],
      headersFor: () =>
        Promise.reject(new CredentialError('The dashboard waits before logging in again', 429, 42)),
      invalidate: () => false,
    };
    const { upstream, proxy } = await echoingProxy(limited, (_req, res) => res.end('{}'));
    const answer = await rawRequest(proxy.port, jobPath());
    expect(answer.status).toBe(429);
    expect(answer.headers['retry-after']).toBe('42');
    expect(JSON.parse(answer.body)).toMatchObject({ errCode: PROXY_ERROR.rateLimited });
    expect(upstream.seen).toHaveLength(0);
  });

  it("makes no more logins than one client's share of the budget (a third) for a burst of random project IDs", async () => {
    const logins: string[] = [];
    const provider = passwordLogin({
      identity: { username: 'desk', password: 'desk-password-1', domain: { name: 'acme' } },
      authUrl: 'https://iam.example/v3',
      iamForRegion: () => undefined,
      timeoutMs: 1000,
      source: 'test',
      maxLoginsPerMinute: 10,
      login: ({ projectId }) => {
        logins.push(projectId);
        return Promise.resolve({
          token: `${TOKEN}-${logins.length}`,
          issuedAt: Date.now(),
          expiresAt: Date.now() + 3600_000,
        });
      },
    });
    const { upstream, proxy } = await echoingProxy(provider, (_req, res) => res.end('{}'));
    const projects = Array.from({ length: 40 }, (_, i) => (i + 1).toString(16).padStart(32, 'a'));
    const statuses = await Promise.all(
      projects.map(async (p) => (await getJson(`${proxy.url}${jobPath('eu-de', p)}`)).status),
    );
    // Every request comes from this one client: it may spend floor(10 / 3) of the minute's logins.
    expect(logins).toHaveLength(3);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(37);
    expect(upstream.seen).toHaveLength(3);
  });
});
