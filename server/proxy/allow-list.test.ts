import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGION_CATALOGUE } from '../config/regions.ts';
import { startApi, type AppUnderTest } from '../testing/app.ts';
import {
  fakeUpstream,
  JOB,
  PROJECT,
  rawRequest,
  type SeenRequest,
  type Running,
} from '../testing/servers.ts';

/*
 * The allow-list, proven from outside: the real handler behind a real HTTP server, raw bytes
 * on a socket (no client-side URL normalisation), and a counting upstream. The oracle below is
 * written independently of route.ts, from the wording.
 */
const REGIONS = REGION_CATALOGUE.map((r) => r.id);
const ALLOWED = new RegExp(
  `^/api/(${REGIONS.map((r) => r.replace(/-/g, '\\-')).join('|')})/v1/([0-9a-f]{32})/sfs-turbo/jobs/([A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)$`,
);
const oracle = (method: string, target: string) =>
  (method === 'GET' || method === 'HEAD') && ALLOWED.exec(target);

let upstream: Running & { seen: SeenRequest[] };
let proxy: AppUnderTest;
beforeAll(async () => {
  upstream = await fakeUpstream();
  proxy = await startApi({
    // Every catalogue region served: this is about the path, credential-scope.test.ts about
    // regions. One credential may not span both clouds' regions, and the simulator's mode
    // (which holds none) serves them all, through the same steps.
    simulatorUrl: upstream.url,
  });
});
afterAll(async () => {
  await proxy.close();
  await upstream.close();
});

async function check(method: string, target: string): Promise<void> {
  const before = upstream.seen.length;
  const answer = await rawRequest(proxy.port, target, method);
  const allowed = oracle(method, target);
  if (allowed) {
    expect(upstream.seen.length, `${method} ${target}`).toBe(before + 1);
    const seen = upstream.seen[before];
    expect(seen?.method).toBe(method);
    expect(seen?.url).toBe(`/v1/${allowed[2]}/sfs-turbo/jobs/${allowed[3]}`);
    expect(answer.status).toBe(200);
  } else {
    expect(upstream.seen.length, `${method} ${target} reached the upstream`).toBe(before);
    // Under /api/ the proxy (or Node's HTTP parser, for malformed request lines) refuses it;
    // anything else went to the pages (the SPA's index.html for a page route).
    if (target === '/api/regions' && (method === 'GET' || method === 'HEAD'))
      expect(answer.status).toBe(200);
    else if (target.startsWith('/api/'))
      expect(answer.status, `${method} ${target}`).toBeGreaterThanOrEqual(400);
    else expect([200, 400, 404, 405]).toContain(answer.status);
  }
}

describe('the allow-list, on the wire', () => {
  it.each([
    `/api/eu-de/v1/${PROJECT}/sfs-turbo/jobs/${JOB}%2F..%2F..%2Fv2`,
    `/api/eu-de/v1/${PROJECT}/sfs-turbo/jobs/%2e%2e`,
    `/api/eu-de/v1/${PROJECT}/sfs-turbo/jobs/${JOB}/../../../../v3/auth/tokens`,
    `/api/eu-de/v1/${PROJECT}/sfs-turbo/jobs/./${JOB}`,
    `/api/eu-de/v1/${PROJECT}//sfs-turbo/jobs/${JOB}`,
    `/api//eu-de/v1/${PROJECT}/sfs-turbo/jobs/${JOB}`,
    `/api/eu-de/v1/${PROJECT}/sfs-turbo/jobs/${JOB}/`,
    `/api/eu-de/v1/${PROJECT}/sfs-turbo/jobs/${JOB}?`,
    `/api/eu-de/v1/${PROJECT}/sfs-turbo/jobs/${JOB}?x=1`,
    `/api/eu-de/v1/${PROJECT}/sfs-turbo/jobs/${JOB}#x`,
    `/api/eu-de/v1/${PROJECT}/sfs-turbo/jobs/${JOB}\\..`,
    `/api/eu-de/v1/${PROJECT}/sfs-turbo/jobs/${JOB};x=1`,
    `/api/eu-de/v1/${PROJECT}/sfs-turbo/jobs/${JOB}%00`,
    `/api/eu-de/v1/${PROJECT}/sfs-turbo/jobs/${'a'.repeat(65)}`,
    `/api/eu-de/v1/${PROJECT}/sfs-turbo/shares/${JOB}`,
    `/api/eu-de/v2/${PROJECT}/sfs-turbo/jobs/${JOB}`,
    `/api/xx-nowhere-1/v1/${PROJECT}/sfs-turbo/jobs/${JOB}`,
    `/api/EU-DE/v1/${PROJECT}/sfs-turbo/jobs/${JOB}`,
    `/api/eu-de/v1/${PROJECT}/sfs-turbo/jobs/${JOB}\u00e9`,
    `http://127.0.0.1/api/eu-de/v1/${PROJECT}/sfs-turbo/jobs/${JOB}`,
    `http://evil.example/api/eu-de/v1/${PROJECT}/sfs-turbo/jobs/${JOB}`,
    `//api/eu-de/v1/${PROJECT}/sfs-turbo/jobs/${JOB}`,
    `/API/eu-de/v1/${PROJECT}/sfs-turbo/jobs/${JOB}`,
  ])('GET %s never reaches the upstream', async (target) => {
    await check('GET', target);
  });

  it('forwards the one allowed shape, for GET and HEAD only', async () => {
    const target = `/api/eu-nl/v1/${PROJECT}/sfs-turbo/jobs/${JOB}`;
    for (const method of [
      'GET',
      'HEAD',
      'POST',
      'PUT',
      'PATCH',
      'DELETE',
      'OPTIONS',
      'TRACE',
      'PROPFIND',
      'PURGE',
    ]) {
      await check(method, target);
    }
    expect(upstream.seen.map((s) => s.method).slice(-2)).toEqual(['GET', 'HEAD']);
  });

  it('lets nothing off the allow-list through, over thousands of generated requests', async () => {
    const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);
    const jobId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,62}[A-Za-z0-9]$/);
    // Characters that can appear in an HTTP request target, weighted towards the dangerous ones.
    const junk = fc.stringMatching(/^[!-~]{0,12}$/);
    const tricky = fc.constantFrom(
      '',
      '.',
      '..',
      '%2e',
      '%2E%2E',
      '%2f',
      '%2F',
      '%5c',
      '\\',
      '?',
      '?x=1',
      '#',
      ';',
      '%00',
      '%20',
      '..%2f',
      'api',
      'v1',
      'v3',
      'sfs-turbo',
      'jobs',
      'shares',
      'regions',
      'auth',
      'tokens',
      'EU-DE',
      'xx-nowhere-1',
    );
    const segment = fc.oneof(
      { arbitrary: fc.constantFrom(...REGIONS), weight: 3 },
      { arbitrary: hex32, weight: 3 },
      { arbitrary: jobId, weight: 3 },
      { arbitrary: tricky, weight: 4 },
      { arbitrary: junk, weight: 2 },
    );
    // Mostly near-misses of the real shape: each slot usually valid, sometimes mutated, so
    // that a good share of requests is allowed and the rest differ from it in one place or two.
    const slot = (valid: fc.Arbitrary<string>) =>
      fc.oneof({ arbitrary: valid, weight: 8 }, { arbitrary: segment, weight: 1 });
    const nearMiss = fc
      .tuple(
        slot(fc.constant('api')),
        slot(fc.constantFrom(...REGIONS)),
        slot(fc.constant('v1')),
        slot(hex32),
        slot(fc.constant('sfs-turbo')),
        slot(fc.constant('jobs')),
        slot(jobId),
        fc.oneof(
          { arbitrary: fc.constant([]), weight: 8 },
          { arbitrary: fc.array(segment, { minLength: 1, maxLength: 2 }), weight: 1 },
        ),
        fc.oneof(
          { arbitrary: fc.constant(''), weight: 8 },
          { arbitrary: fc.constantFrom('/', '?a=b', '#f', '%2F', '?'), weight: 1 },
        ),
      )
      .map(
        ([a, r, v, p, s, j, id, extra, tail]) =>
          `/${[a, r, v, p, s, j, id, ...extra].join('/')}${tail}`,
      );
    const anyPath = fc
      .array(segment, { minLength: 0, maxLength: 9 })
      .map((parts) => `/api/${parts.join('/')}`);
    const absolute = nearMiss.map((path) => `http://127.0.0.1${path}`);
    const target = fc.oneof(
      { arbitrary: nearMiss, weight: 6 },
      { arbitrary: anyPath, weight: 3 },
      { arbitrary: absolute, weight: 1 },
    );
    const method = fc.constantFrom(
      'GET',
      'GET',
      'GET',
      'HEAD',
      'POST',
      'PUT',
      'DELETE',
      'PATCH',
      'OPTIONS',
      'TRACE',
      'PROPFIND',
    );

    let forwarded = 0;
    const before = upstream.seen.length;
    const loggedBefore = proxy.lines.length;
    await fc.assert(
      fc.asyncProperty(method, target, async (m, t) => {
        await check(m, t);
        if (oracle(m, t)) forwarded += 1;
      }),
      { numRuns: 3000 },
    );
    expect(upstream.seen.length - before).toBe(forwarded);
    // The generator must also produce allowed requests, or the test would prove nothing.
    expect(forwarded).toBeGreaterThan(100);
    // Every request the server saw was logged once, whichever step answered it.
    expect(proxy.lines.length - loggedBefore).toBe(3000);
  }, 60_000);
});
