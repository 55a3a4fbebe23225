import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fakeDist,
  startApp,
  TEST_ASSET,
  TEST_ASSET_BODY,
  type AppUnderTest,
} from '../testing/app.ts';
import {
  fakeUpstream,
  jobPath,
  rawRequest,
  type Running,
  type SeenRequest,
} from '../testing/servers.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

/* The production server (`npm start`) in-process, serving a small stand-in build, with a
   counting upstream behind its proxy. */
const TOKEN = 'production-test-token-0123456789';
const DEEP_LINK = '/eu-de/projects/e9993fc787d94b6c886cbaa340f9c0f4/jobs/abc';

let dist: ReturnType<typeof fakeDist>;
let upstream: Running & { seen: SeenRequest[] };
let app: AppUnderTest;

beforeAll(async () => {
  dist = fakeDist();
  upstream = await fakeUpstream();
  app = await startApp({
    SFS_TURBO_DIST: dist.dir,
    SFS_TURBO_ALLOWED_HOSTS: 'jobs.example.com, .example.org',
    SFS_TURBO_ENDPOINT: upstream.url,
    OS_TOKEN: TOKEN,
    // Every job request goes upstream here (coalescing has tests of its own).
    SFS_TURBO_CACHE_MS: '0',
  });
});

afterAll(async () => {
  await app?.close();
  await upstream?.close();
  dist?.remove();
});

describe('the production server', () => {
  it.each([
    ['jobs.example.com', 200],
    ['jobs.example.com:8443', 200],
    ['a.example.org', 200],
    ['example.org', 200],
    ['localhost', 200],
    ['127.0.0.1', 200],
    ['[::1]:5173', 200],
    ['evil.example', 403],
    ['jobs.example.com.evil.example', 403],
    ['example.org.evil.example', 403],
  ])('accepts only configured host names: Host %s → %i', async (host, status) => {
    expect((await rawRequest(app.port, '/', 'GET', `Host: ${host}\r\n`)).status).toBe(status);
  });

  it.each(['/', '/index.html', DEEP_LINK, TEST_ASSET, '/api/regions', jobPath(), '/healthz'])(
    'sends the security headers on %s',
    async (target) => {
      const answer = await rawRequest(app.port, target);
      expect(answer.status).toBe(200);
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('DENY');
      const csp = answer.headers['content-security-policy'] ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      // JSON answers (the API, health) carry the stricter sandboxing policy of their own.
      if (!target.startsWith('/api/') && target !== '/healthz')
        expect(csp).toBe(SECURITY_HEADERS['Content-Security-Policy']);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    },
  );

  it('answers a deep link with index.html, its references made absolute and the base given to the app', async () => {
    const answer = await rawRequest(app.port, DEEP_LINK);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('no-cache');
    expect(answer.body).toContain(`src="${TEST_ASSET}"`);
    expect(answer.body).toContain('href="/favicon.svg"');
    expect(answer.body).toContain('<meta name="sfs-turbo-base" content="/" />');
    expect(answer.body).not.toContain('sfs-turbo-public-url');
  });

  it.each([
    `/eu-de/projects/p/jobs/${encodeURIComponent('<script>window.__pwned = true</script>')}`,
    `/eu-de/projects/p/jobs/${encodeURIComponent('\u202Egnp.exe-report mixed')}`,
  ])('answers a page route whose ID holds a dot with the page: %s', async (target) => {
    const answer = await rawRequest(app.port, target, 'GET', 'Accept: text/html\r\n');
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('<div id="root">');
  });

  it.each(['/assets/app-gone.js', '/assets/nothing', '/favicon.ico', '/robots.txt'])(
    'answers 404, not the page, for a missing file: %s',
    async (target) => {
      const answer = await rawRequest(app.port, target, 'GET', 'Accept: text/html\r\n');
      expect(answer.status).toBe(404);
      expect(answer.body).not.toContain('<div id="root">');
    },
  );

  it('serves hashed assets precompressed by Accept-Encoding, cached for a year, with Vary and an ETag per coding', async () => {
    const plain = await rawRequest(app.port, TEST_ASSET);
    const br = await rawRequest(
      app.port,
      TEST_ASSET,
      'GET',
      'Accept-Encoding: gzip, deflate, br\r\n',
    );
    const gzip = await rawRequest(app.port, TEST_ASSET, 'GET', 'Accept-Encoding: gzip\r\n');
    const noBr = await rawRequest(app.port, TEST_ASSET, 'GET', 'Accept-Encoding: br;q=0, gzip\r\n');
    expect(plain.body).toBe(TEST_ASSET_BODY);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect([br.body, br.headers['content-encoding']]).toEqual(['BROTLI-BYTES', 'br']);
    expect([gzip.body, gzip.headers['content-encoding']]).toEqual(['GZIP-BYTES', 'gzip']);
    expect(noBr.headers['content-encoding']).toBe('gzip');
    for (const answer of [plain, br, gzip]) {
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(answer.headers.vary).toBe('Accept-Encoding');
      expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
    }
    expect(new Set([plain, br, gzip].map((answer) => answer.headers.etag)).size).toBe(3);
  });

  it('answers 304 to a matching If-None-Match, and 200 to another coding of the same file', async () => {
    const first = await rawRequest(app.port, TEST_ASSET, 'GET', 'Accept-Encoding: br\r\n');
    const etag = first.headers.etag ?? '';
    const again = await rawRequest(
      app.port,
      TEST_ASSET,
      'GET',
      `Accept-Encoding: br\r\nIf-None-Match: ${etag}\r\n`,
    );
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    const otherCoding = await rawRequest(
      app.port,
      TEST_ASSET,
      'GET',
      `Accept-Encoding: gzip\r\nIf-None-Match: ${etag}\r\n`,
    );
    expect(otherCoding.status).toBe(200);
    const page = await rawRequest(app.port, '/', 'GET', 'Accept-Encoding: br\r\n');
    expect(page.headers['content-encoding']).toBe('br');
    // Any page route but a job's (whose page names its job, job-preload.test.ts) is index.html.
    const pageAgain = await rawRequest(
      app.port,
      '/board',
      'GET',
      `Accept-Encoding: br\r\nIf-None-Match: ${page.headers.etag}\r\n`,
    );
    expect(pageAgain.status).toBe(304);
  });

  it('refuses other methods on pages and files', async () => {
    const answer = await rawRequest(app.port, '/', 'POST', 'Content-Length: 0\r\n');
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });

  it('lets no other origin read the API (no CORS headers)', async () => {
    const answer = await rawRequest(
      app.port,
      '/api/regions',
      'GET',
      'Origin: http://localhost:3000\r\n',
    );
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('gives the proxy raw request targets: nothing normalised reaches the upstream', async () => {
    const before = upstream.seen.length;
    for (const target of [
      `${jobPath()}%2F..%2F..`,
      `${jobPath()}/../../../../v3/auth/tokens`,
      `/api/./regions`,
      `/api/x/../regions`,
      `${jobPath()}?a=1`,
      `http://127.0.0.1${jobPath()}`,
    ]) {
      const answer = await rawRequest(app.port, target);
      expect(answer.status, target).toBe(400);
      expect(JSON.parse(answer.body), target).toMatchObject({ errCode: 'PROXY.BAD_REQUEST' });
    }
    for (const target of ['/assets/../api/regions', `//api/eu-de/v1/x/sfs-turbo/jobs/abc`]) {
      expect((await rawRequest(app.port, target)).body, target).not.toContain('"regions"');
    }
    expect(upstream.seen.length).toBe(before);
  });

  it('forwards the job route with the token, never sends it back, and writes one JSON log line per request', async () => {
    app.lines.length = 0;
    const answer = await rawRequest(app.port, jobPath());
    expect(answer.status).toBe(200);
    expect(upstream.seen.at(-1)?.headers['x-auth-token']).toBe(TOKEN);
    expect(answer.raw).not.toContain(TOKEN);
    await rawRequest(app.port, DEEP_LINK);
    // The line is written on the answer's 'close' event, just after the client has it.
    await expect.poll(() => app.lines.length).toBe(2);
    expect(app.lines).toHaveLength(2);
    expect(app.lines[0]).toMatchObject({
      method: 'GET',
      route: 'api:job',
      region: 'eu-de',
      project: 'e9993fc787d94b6c886cbaa340f9c0f4',
      job: '26f6b565-xxxx-XXXX-xxxx-03f0bd975433',
      status: 200,
      upstreamStatus: 200,
      upstreamRequestId: 'req-1',
      client: '127.0.0.1',
      user: null,
    });
    expect(typeof app.lines[0]?.upstreamMs).toBe('number');
    expect(app.lines[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(app.lines[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(app.lines[1]).toMatchObject({ route: 'page', status: 200, path: DEEP_LINK });
    expect(JSON.stringify(app.lines)).not.toContain(TOKEN);
  });
});

describe('the production server under a sub-path', () => {
  const BASE = '/sfs-turbo-jobs';
  let sub: AppUnderTest;
  beforeAll(async () => {
    sub = await startApp({
      SFS_TURBO_DIST: dist.dir,
      BASE_PATH: BASE,
      PUBLIC_URL: 'https://jobs.example.com',
      SFS_TURBO_ENDPOINT: upstream.url,
      OS_TOKEN: TOKEN,
      TRUSTED_PROXIES: '10.0.0.0/8',
    });
  });
  afterAll(() => sub?.close());

  it('serves pages, assets, the API and health under the base, with the base and public address written into the page', async () => {
    const page = await rawRequest(sub.port, `${BASE}${DEEP_LINK}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`src="${BASE}${TEST_ASSET}"`);
    expect(page.body).toContain(`<meta name="sfs-turbo-base" content="${BASE}/" />`);
    expect(page.body).toContain(
      '<meta name="sfs-turbo-public-url" content="https://jobs.example.com/sfs-turbo-jobs" />',
    );
    expect((await rawRequest(sub.port, `${BASE}${TEST_ASSET}`)).body).toBe(TEST_ASSET_BODY);
    expect((await rawRequest(sub.port, `${BASE}/api/regions`)).status).toBe(200);
    expect((await rawRequest(sub.port, `${BASE}${jobPath()}`)).status).toBe(200);
    expect((await rawRequest(sub.port, `${BASE}/healthz`)).body).toBe('{"status":"ok"}');
  });

  it('redirects the base without its slash, and answers 404 outside the base', async () => {
    const bare = await rawRequest(sub.port, `${BASE}?x=1`);
    expect(bare.status).toBe(308);
    expect(bare.headers.location).toBe(`${BASE}/?x=1`);
    for (const target of ['/', DEEP_LINK, '/api/regions', TEST_ASSET, '/sfs-turbo-jobsX/']) {
      expect((await rawRequest(sub.port, target)).status, target).toBe(404);
    }
  });

  it('believes X-Forwarded-For from a trusted proxy only', async () => {
    app.lines.length = 0;
    sub.lines.length = 0;
    // The first server trusts loopback (the default); this one only 10.0.0.0/8.
    await rawRequest(app.port, '/healthz', 'GET', 'X-Forwarded-For: 203.0.113.7\r\n');
    await rawRequest(sub.port, `${BASE}/healthz`, 'GET', 'X-Forwarded-For: 203.0.113.7\r\n');
    await expect.poll(() => app.lines.length + sub.lines.length).toBe(2);
    expect(app.lines[0]).toMatchObject({ client: '203.0.113.7', route: 'healthz' });
    expect(sub.lines[0]).toMatchObject({ client: '127.0.0.1', route: 'healthz' });
  });
});
