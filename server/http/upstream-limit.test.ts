import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeDist, startApp, type AppUnderTest } from '../testing/app.ts';
import {
  fakeUpstream,
  jobPath,
  rawRequest,
  type Running,
  type SeenRequest,
} from '../testing/servers.ts';

/* RATE_LIMIT_UPSTREAM_PER_MIN in the production server: per user, upstream calls only. */
const PER_MIN = 3;
let dist: ReturnType<typeof fakeDist>;
let upstream: Running & { seen: SeenRequest[] };
let app: AppUnderTest;

beforeAll(async () => {
  dist = fakeDist();
  upstream = await fakeUpstream((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ job_id: 'x', status: 'running' }));
  });
  app = await startApp({
    SFS_TURBO_DIST: dist.dir,
    SFS_TURBO_ENDPOINT: upstream.url,
    OS_TOKEN: 'upstream-limit-test-token-0123456789',
    SFS_TURBO_CACHE_MS: '60000',
    // Loopback is a trusted proxy by default: the test names its user in the header.
    AUTH_MODE: 'header',
    RATE_LIMIT_UPSTREAM_PER_MIN: String(PER_MIN),
  });
});
afterAll(async () => {
  await app?.close();
  await upstream?.close();
  dist?.remove();
});

const as = (user: string, job: string) =>
  rawRequest(app.port, jobPath('eu-de', undefined, job), 'GET', `X-Forwarded-User: ${user}\r\n`);

describe('per-user upstream limit', () => {
  it('refuses the (N+1)-th distinct job of one user with 429 and Retry-After, sending nothing', async () => {
    for (let i = 0; i < PER_MIN; i++) expect((await as('alice', `alice-${i}`)).status).toBe(200);
    const sentBefore = upstream.seen.length;
    const refused = await as('alice', 'alice-extra');
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toMatchObject({ errCode: 'PROXY.RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(upstream.seen.length).toBe(sentBefore);

    // Another user is not held back by alice's lookups.
    expect((await as('bob', 'bob-0')).status).toBe(200);
  });

  it('does not count requests answered by coalescing', async () => {
    expect((await as('carol', 'shared')).status).toBe(200);
    // Served from the answer still fresh (SFS_TURBO_CACHE_MS): no upstream call, no count.
    for (let i = 0; i < PER_MIN * 2; i++) expect((await as('carol', 'shared')).status).toBe(200);
    for (let i = 1; i < PER_MIN; i++) expect((await as('carol', `carol-${i}`)).status).toBe(200);
    expect((await as('carol', 'carol-extra')).status).toBe(429);
  });
});
