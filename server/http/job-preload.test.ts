import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeDist, startApp, TEST_ASSET, type AppUnderTest } from '../testing/app.ts';
import { rawRequest } from '../testing/servers.ts';
import { jobPreload } from './static-site.ts';

/* A job's address: the page served for it starts the job's request itself (issue 22 item 8). */
const BASE = '/sfs-turbo-jobs';
const PROJECT = 'e9993fc787d94b6c886cbaa340f9c0f4';
const JOB = '2d6f3a3e-8e1b-4c7b-9a59-3c2d9e1f0a11';
const JOB_PAGE = `/eu-de/projects/${PROJECT}/jobs/${JOB}`;
const PRELOAD = `<link rel="preload" as="fetch" crossorigin href="${BASE}/api/eu-de/v1/${PROJECT}/sfs-turbo/jobs/${JOB}" />`;

let dist: ReturnType<typeof fakeDist>;
let app: AppUnderTest;

beforeAll(async () => {
  dist = fakeDist();
  app = await startApp({ SFS_TURBO_DIST: dist.dir, BASE_PATH: BASE });
});

afterAll(async () => {
  await app?.close();
  dist?.remove();
});

describe("the page for a job's address", () => {
  it("asks for the job's answer under the base path, before the entry script", async () => {
    const page = await rawRequest(app.port, `${BASE}${JOB_PAGE}`);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body.match(/rel="preload"/g)).toHaveLength(1);
    expect(page.body).toContain(PRELOAD);
    expect(page.body.indexOf(PRELOAD)).toBeLessThan(
      page.body.indexOf(`src="${BASE}${TEST_ASSET}"`),
    );
    // A query or a trailing slash does not change which job the page asks for.
    expect((await rawRequest(app.port, `${BASE}${JOB_PAGE}?notify=1`)).body).toContain(PRELOAD);
    expect((await rawRequest(app.port, `${BASE}${JOB_PAGE}/`)).body).toContain(PRELOAD);
  });

  it('is served compressed, with an ETag of its own that revalidates', async () => {
    const br = await rawRequest(app.port, `${BASE}${JOB_PAGE}`, 'GET', 'Accept-Encoding: br\r\n');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(Buffer.from(br.body, 'latin1')).toString()).toContain(PRELOAD);
    const plain = await rawRequest(app.port, `${BASE}${JOB_PAGE}`);
    const index = await rawRequest(app.port, `${BASE}/`);
    expect(plain.headers.etag).toBeDefined();
    expect(plain.headers.etag).not.toBe(index.headers.etag);
    const again = await rawRequest(
      app.port,
      `${BASE}${JOB_PAGE}`,
      'GET',
      `If-None-Match: ${plain.headers.etag}\r\n`,
    );
    expect(again.status).toBe(304);
  });

  it.each([
    ['the lookup page', '/'],
    ['the board', '/board'],
    ['a region-less link', `/projects/${PROJECT}/jobs/${JOB}`],
    ['an upper-case project ID', `/eu-de/projects/${PROJECT.toUpperCase()}/jobs/${JOB}`],
    ['a malformed region', `/EU_DE/projects/${PROJECT}/jobs/${JOB}`],
    ['a job ID with a dash at its end', `/eu-de/projects/${PROJECT}/jobs/${JOB}-`],
    ['a job ID too long', `/eu-de/projects/${PROJECT}/jobs/${'a'.repeat(65)}`],
    ['an encoded letter', `/eu-de/projects/${PROJECT}/jobs/%61bc`],
    ['a quote', `/eu-de/projects/${PROJECT}/jobs/a%22%3E%3Cscript%3Ealert(1)%3C/script%3E`],
    ['a raw quote and angle brackets', `/eu-de/projects/${PROJECT}/jobs/a"><script>x</script>`],
    ['a path beyond the job', `/eu-de/projects/${PROJECT}/jobs/${JOB}/timeline`],
    ['a dot segment', `/eu-de/projects/${PROJECT}/jobs/..`],
  ])('has no preload for %s, and nothing of the address in it', async (_name, target) => {
    const page = await rawRequest(app.port, `${BASE}${target}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.body).not.toContain('rel="preload"');
    expect(page.body).not.toContain('<script>');
    expect(page.body).not.toContain('alert(');
  });
});

describe('jobPreload', () => {
  it('names the proxy route of the job, below the base', () => {
    expect(jobPreload(JOB_PAGE, '/')).toBe(
      `<link rel="preload" as="fetch" crossorigin href="/api/eu-de/v1/${PROJECT}/sfs-turbo/jobs/${JOB}" />`,
    );
    expect(jobPreload(`/cn-north-4/projects/${PROJECT}/jobs/A1`, '/x/')).toContain(
      `href="/x/api/cn-north-4/v1/${PROJECT}/sfs-turbo/jobs/A1"`,
    );
  });

  it('gives nothing for an ID that is not one', () => {
    expect(jobPreload(`/eu-de/projects/${PROJECT}/jobs/a b`, '/')).toBeUndefined();
    expect(jobPreload(`/eu-de/projects/${PROJECT}/jobs/a&b`, '/')).toBeUndefined();
    expect(jobPreload(`/eu-de/projects/${PROJECT}/jobs/`, '/')).toBeUndefined();
  });
});

describe("the page for a job's address while signed out", () => {
  let guarded: AppUnderTest;
  beforeAll(async () => {
    guarded = await startApp({ SFS_TURBO_DIST: dist.dir, AUTH_MODE: 'header' });
  });
  afterAll(() => guarded?.close());

  it('is not served, so nothing is preloaded; signed in, it is', async () => {
    const out = await rawRequest(guarded.port, JOB_PAGE);
    expect(out.status).toBe(401);
    expect(out.body).not.toContain('rel="preload"');
    const signedIn = await rawRequest(guarded.port, JOB_PAGE, 'GET', 'X-Forwarded-User: alice\r\n');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toContain('rel="preload" as="fetch"');
  });
});
