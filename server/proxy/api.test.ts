import { afterEach, describe, expect, it } from 'vitest';
import { PROXY_ERROR } from '../../common/contract.ts';
import { CredentialError, staticToken, type CredentialProvider } from '../credentials/provider.ts';
import { startApi } from '../testing/app.ts';
import {
  fakeUpstream,
  getJson,
  JOB,
  jobPath,
  PROJECT,
  rawRequest,
  type Closable,
} from '../testing/servers.ts';

const cleanup: Closable[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((s) => s.close()));
});
async function track<T extends Closable>(running: Promise<T>): Promise<T> {
  const value = await running;
  cleanup.push(value);
  return value;
}

describe('the job route', () => {
  it('forwards a valid lookup to a path rebuilt from the validated IDs, with the token added', async () => {
    const upstream = await track(fakeUpstream());
    const proxy = await track(
      startApi({
        config: { endpointOverride: upstream.url },
        credentials: staticToken('tok-123', 'OS_TOKEN'),
      }),
    );
    const answer = await getJson(`${proxy.url}${jobPath()}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ job_id: JOB, status: 'running' });
    expect(answer.headers.get('x-request-id')).toBe('req-1');
    expect(upstream.seen).toHaveLength(1);
    expect(upstream.seen[0]?.url).toBe(`/v1/${PROJECT}/sfs-turbo/jobs/${JOB}`);
    expect(upstream.seen[0]?.method).toBe('GET');
    expect(upstream.seen[0]?.headers['x-auth-token']).toBe('tok-123');
  });

  it('forwards HEAD as HEAD', async () => {
    const upstream = await track(fakeUpstream());
    const proxy = await track(
      startApi({
        config: { endpointOverride: upstream.url },
        credentials: staticToken('t', 'OS_TOKEN'),
      }),
    );
    const response = await fetch(`${proxy.url}${jobPath()}`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(upstream.seen[0]?.method).toBe('HEAD');
  });

  it('uses the region catalogue when no endpoint override is set, and refuses unconfigured regions', async () => {
    const proxy = await track(
      startApi({ credentials: staticToken('t', 'OS_TOKEN'), config: { upstreamTimeoutMs: 50 } }),
    );
    const unknown = await getJson(`${proxy.url}${jobPath('xx-nowhere-9')}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ errCode: PROXY_ERROR.unknownRegion });
  });

  it('passes status, body and content type of non-JSON answers through, and Retry-After', async () => {
    const upstream = await track(
      fakeUpstream((_req, res) => {
        res.writeHead(429, { 'Content-Type': 'text/html', 'Retry-After': '7' });
        res.end('<html><body>slow down</body></html>');
      }),
    );
    const proxy = await track(
      startApi({
        config: { endpointOverride: upstream.url },
        credentials: staticToken('t', 'OS_TOKEN'),
      }),
    );
    const answer = await getJson(`${proxy.url}${jobPath()}`);
    expect(answer.status).toBe(429);
    expect(answer.text).toBe('<html><body>slow down</body></html>');
    expect(answer.headers.get('content-type')).toBe('text/html');
    expect(answer.headers.get('retry-after')).toBe('7');
    // An HTML body on our origin stays inert even when opened directly.
    expect(answer.headers.get('content-security-policy')).toContain('sandbox');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('drops Set-Cookie, hop-by-hop and any other upstream header', async () => {
    const upstream = await track(
      fakeUpstream((_req, res) => {
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'Set-Cookie': 'session=abc; Path=/',
          'Keep-Alive': 'timeout=99',
          'Proxy-Authenticate': 'Basic',
          Upgrade: 'h2c',
          Trailer: 'X-Foo',
          'X-Internal-Host': 'node-17.internal',
          'Strict-Transport-Security': 'max-age=1',
          'Access-Control-Allow-Origin': '*',
        });
        res.end('{}');
      }),
    );
    const proxy = await track(
      startApi({
        config: { endpointOverride: upstream.url },
        credentials: staticToken('t', 'OS_TOKEN'),
      }),
    );
    const raw = await rawRequest(proxy.port, jobPath());
    expect(raw.status).toBe(200);
    for (const name of [
      'set-cookie',
      'keep-alive',
      'proxy-authenticate',
      'upgrade',
      'trailer',
      'x-internal-host',
      'strict-transport-security',
      'access-control-allow-origin',
    ]) {
      expect(raw.headers[name], name).toBeUndefined();
    }
    expect(raw.raw).not.toMatch(/session=abc|node-17/);
  });

  it('answers PROXY.NO_CREDENTIALS (401) for a real endpoint without credentials and sends nothing', async () => {
    const upstream = await track(fakeUpstream());
    const proxy = await track(startApi({ config: { endpointOverride: upstream.url } }));
    const answer = await getJson(`${proxy.url}${jobPath()}`);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ errCode: PROXY_ERROR.noCredentials });
    expect((answer.body as { errMsg: string }).errMsg).toMatch(/OS_TOKEN/);
    expect(upstream.seen).toHaveLength(0);
  });

  it('sends no credentials to the simulator and needs none', async () => {
    const upstream = await track(fakeUpstream());
    const proxy = await track(startApi({ simulatorUrl: upstream.url }));
    expect((await getJson(`${proxy.url}${jobPath()}`)).status).toBe(200);
    expect(upstream.seen[0]?.headers['x-auth-token']).toBeUndefined();
    const regions = await getJson(`${proxy.url}/api/regions`);
    expect(regions.body).toMatchObject({ simulated: true, credentials: { kind: 'none' } });
  });

  it('renews and retries exactly once when the upstream answers 401', async () => {
    let issued = 0;
    const invalidated: string[] = [];
    const provider: CredentialProvider = {
      kind: 'password',
      description: 'test',
      secrets: [],
      headersFor: () => Promise.resolve({ 'X-Auth-Token': `token-${++issued}` }),
      invalidate: (_projectId, rejected) => {
        invalidated.push(rejected['X-Auth-Token'] ?? '');
        return true;
      },
    };
    const upstream = await track(
      fakeUpstream((req, res) => {
        const ok = req.headers['x-auth-token'] === 'token-2';
        res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
        res.end(
          ok
            ? '{"status":"success"}'
            : '{"error_code":"APIG.0307","error_msg":"The token must be updated."}',
        );
      }),
    );
    const proxy = await track(
      startApi({ config: { endpointOverride: upstream.url }, credentials: provider }),
    );
    expect((await getJson(`${proxy.url}${jobPath()}`)).status).toBe(200);
    expect(invalidated).toEqual(['token-1']);
    expect(upstream.seen.map((s) => s.headers['x-auth-token'])).toEqual(['token-1', 'token-2']);
    expect(proxy.log).toHaveLength(1);

    // A second 401 in a row goes back to the page as it came; no third attempt.
    issued = 10;
    const again = await getJson(`${proxy.url}${jobPath()}`);
    expect(again.status).toBe(401);
    expect(upstream.seen).toHaveLength(4);
  });

  it('maps credential failures to PROXY.AUTH_FAILED with the provider’s status', async () => {
    const failing = (status: 401 | 502): CredentialProvider => ({
      kind: 'password',
      description: 'test',
      secrets: [],
      headersFor: () =>
        Promise.reject(new CredentialError('IAM refused the login of user alice', status)),
      invalidate: () => true,
    });
    const upstream = await track(fakeUpstream());
    for (const status of [401, 502] as const) {
      const proxy = await track(
        startApi({ config: { endpointOverride: upstream.url }, credentials: failing(status) }),
      );
      const answer = await getJson(`${proxy.url}${jobPath()}`);
      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject({ errCode: PROXY_ERROR.authFailed });
      expect((answer.body as { errMsg: string }).errMsg).toContain(
        'IAM refused the login of user alice',
      );
    }
    expect(upstream.seen).toHaveLength(0);
  });

  it('answers PROXY.INTERNAL without details when a provider has a bug', async () => {
    const buggy: CredentialProvider = {
      kind: 'token',
      description: 'test',
      secrets: [],
      headersFor: () => Promise.reject(new TypeError('secret-ish internals')),
      invalidate: () => false,
    };
    const upstream = await track(fakeUpstream());
    const proxy = await track(
      startApi({ config: { endpointOverride: upstream.url }, credentials: buggy }),
    );
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const answer = await getJson(`${proxy.url}${jobPath()}`);
      expect(answer.status).toBe(500);
      expect(answer.text).not.toContain('internals');
    } finally {
      console.error = original;
    }
    expect(JSON.stringify(errors)).not.toContain('internals');
    expect(proxy.log.map((e) => e.status)).toEqual([500]);
  });
});

describe('what the proxy answers itself', () => {
  it.each([
    ['GET', '/api', 404, PROXY_ERROR.notFound],
    ['GET', '/api/', 400, PROXY_ERROR.badRequest],
    ['GET', '/api/nothing', 404, PROXY_ERROR.notFound],
    ['GET', '/api?x=1', 400, PROXY_ERROR.badRequest],
    ['POST', jobPath(), 405, PROXY_ERROR.methodNotAllowed],
    ['DELETE', jobPath(), 405, PROXY_ERROR.methodNotAllowed],
    ['OPTIONS', jobPath(), 405, PROXY_ERROR.methodNotAllowed],
    ['GET', `${jobPath()}?x=1`, 400, PROXY_ERROR.badRequest],
    ['GET', jobPath('eu-de', PROJECT.toUpperCase()), 400, PROXY_ERROR.badRequest],
  ])('%s %s → %i %s', async (method, path, status, code) => {
    const upstream = await track(fakeUpstream());
    const proxy = await track(
      startApi({
        config: { endpointOverride: upstream.url },
        credentials: staticToken('t', 'OS_TOKEN'),
      }),
    );
    const raw = await rawRequest(proxy.port, path, method);
    expect(raw.status).toBe(status);
    expect(JSON.parse(raw.body)).toMatchObject({ errCode: code });
    if (status === 405) expect(raw.headers.allow).toBe('GET, HEAD');
    expect(upstream.seen).toHaveLength(0);
  });

  it('serves /api/regions with the credential’s kind only, and the allowed regions only', async () => {
    const proxy = await track(
      startApi({
        credentials: staticToken('tok-secret', 'OS_TOKEN'),
        config: { allowedRegions: ['eu-de', 'eu-nl'] },
      }),
    );
    const answer = await getJson(`${proxy.url}/api/regions`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      simulated: false,
      defaultRegion: 'eu-de',
      credentials: { kind: 'token' },
    });
    const body = answer.body as {
      regions: Array<{ id: string }>;
      otherRegions: string[];
      credentials: object;
    };
    expect(body.credentials).toEqual({ kind: 'token' });
    expect(body.regions.map((r) => r.id)).toEqual(['eu-de', 'eu-nl']);
    expect(body.otherRegions).toContain('cn-north-4');
    expect(answer.text).not.toContain('tok-secret');
    expect(answer.text).not.toContain('OS_TOKEN');
  });
});

describe('the access log', () => {
  it('writes exactly one line per request, whatever the outcome', async () => {
    const upstream = await track(fakeUpstream());
    const proxy = await track(
      startApi({
        config: { endpointOverride: upstream.url },
        credentials: staticToken('t', 'OS_TOKEN'),
      }),
    );
    const requests: Array<[string, string]> = [
      ['GET', jobPath()],
      ['GET', '/api/regions'],
      ['GET', '/api/other'],
      ['PUT', jobPath()],
      ['GET', `${jobPath()}%2F..`],
      ['GET', jobPath('xx-nowhere-1')],
    ];
    for (const [method, path] of requests) await rawRequest(proxy.port, path, method);
    await rawRequest(proxy.port, '/not-api');
    expect(proxy.log.map((e) => [e.method, e.route, e.status])).toEqual([
      ['GET', 'api:job', 200],
      ['GET', 'api:regions', 200],
      ['GET', 'api:unknown', 404],
      ['PUT', 'api:job', 405],
      ['GET', 'api:invalid', 400],
      ['GET', 'api:job', 400],
    ]);
    expect(proxy.lines.map((line) => line.route)).toEqual([
      ...proxy.log.map((line) => line.route),
      'page',
    ]);
    expect(proxy.log[0]).toMatchObject({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
      method: 'GET',
      route: 'api:job',
      region: 'eu-de',
      project: PROJECT,
      job: JOB,
      status: 200,
      code: null,
      upstreamMs: expect.any(Number),
      upstreamRequestId: 'req-1',
    });
    expect(proxy.log[2]).toMatchObject({
      method: 'GET',
      route: 'api:unknown',
      region: null,
      project: null,
      job: null,
      status: 404,
      code: 'PROXY.NOT_FOUND',
      upstreamMs: null,
      upstreamRequestId: null,
    });
  });
});
