import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeDist, startApp, type AppUnderTest } from '../testing/app.ts';
import {
  fakeUpstream,
  jobPath,
  rawRequest,
  type Running,
  type SeenRequest,
} from '../testing/servers.ts';

/* The production server with a slow upstream: what 200 viewers of one job cost the cloud. */
let dist: ReturnType<typeof fakeDist>;
let upstream: Running & { seen: SeenRequest[] };
let app: AppUnderTest;

beforeAll(async () => {
  dist = fakeDist();
  upstream = await fakeUpstream((req, res) => {
    const throttled = req.url?.endsWith('/throttled');
    setTimeout(() => {
      res.writeHead(throttled ? 429 : 200, {
        'Content-Type': 'application/json',
        'X-request-id': `req-${Math.random()}`,
        ...(throttled ? { 'Retry-After': '7' } : {}),
      });
      res.end(JSON.stringify({ job_id: 'x', status: 'running' }));
    }, 150);
  });
  app = await startApp({
    SFS_TURBO_DIST: dist.dir,
    SFS_TURBO_ENDPOINT: upstream.url,
    OS_TOKEN: 'coalescing-test-token-0123456789',
    SFS_TURBO_CACHE_MS: '60000',
  });
});
afterAll(async () => {
  await app?.close();
  await upstream?.close();
  dist?.remove();
});

describe('coalescing', () => {
  it('sends identical requests in flight upstream once, and answers each with the same answer', async () => {
    const target = jobPath('eu-de', undefined, 'job-one');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => rawRequest(app.port, target)),
    );
    expect(upstream.seen.filter((seen) => seen.url.endsWith('/job-one'))).toHaveLength(1);
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([200]));
    expect(new Set(answers.map((answer) => answer.headers['x-request-id'])).size).toBe(1);
    // Metrics are counted on each answer's 'close' event, just after the client has it.
    await expect
      .poll(async () => (await rawRequest(app.port, '/metrics')).body)
      .toMatch(/^sfs_turbo_upstream_coalesced_total 19$/m);
    const metrics = (await rawRequest(app.port, '/metrics')).body;
    expect(metrics).toMatch(/^sfs_turbo_upstream_requests_total\{region="eu-de",code="200"\} 1$/m);
  });

  it('serves a later identical request from the answer, telling the browser when the upstream answered', async () => {
    const target = jobPath('eu-de', undefined, 'job-two');
    const first = await rawRequest(app.port, target);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const later = await rawRequest(app.port, target);
    expect(upstream.seen.filter((seen) => seen.url.endsWith('/job-two'))).toHaveLength(1);
    expect(later.headers.date).toBe(first.headers.date);
    expect(Number(later.headers.age)).toBeGreaterThanOrEqual(1);
    expect(first.headers.age).toBe('0');
    // Other jobs are other requests.
    await rawRequest(app.port, jobPath('eu-de', undefined, 'job-three'));
    expect(upstream.seen.filter((seen) => seen.url.endsWith('/job-three'))).toHaveLength(1);
  });

  it("passes a 429's Retry-After on to the browser", async () => {
    const answer = await rawRequest(app.port, jobPath('eu-de', undefined, 'throttled'));
    expect(answer.status).toBe(429);
    expect(answer.headers['retry-after']).toBe('7');
  });
});
