import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeDist, startApp, type AppUnderTest } from '../testing/app.ts';
import { rawRequest } from '../testing/servers.ts';
import { withInlineStyles, type StaticFile } from './static-site.ts';

/*
 * The page for a job's address carries the app's style sheet inline, so the status drawn
 * before the app's script (src/first-status.ts) is not held back by a second request; the
 * other pages link the cached file.
 */
const BASE = '/sfs-turbo-jobs';
const CSS = '.bg-surface{background:#fff}';
const SHEET = '<link rel="stylesheet" crossorigin href="./assets/index-abc123.css">';
const JOB_PAGE =
  '/eu-de/projects/e9993fc787d94b6c886cbaa340f9c0f4/jobs/2d6f3a3e-8e1b-4c7b-9a59-3c2d9e1f0a11';

let dist: ReturnType<typeof fakeDist>;
let app: AppUnderTest;

beforeAll(async () => {
  dist = fakeDist();
  const index = path.join(dist.dir, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('</head>', `${SHEET}</head>`));
  writeFileSync(path.join(dist.dir, 'assets', 'index-abc123.css'), CSS);
  app = await startApp({ SFS_TURBO_DIST: dist.dir, BASE_PATH: BASE });
});

afterAll(async () => {
  await app?.close();
  dist?.remove();
});

describe("the page for a job's address", () => {
  it('holds the style sheet inline, and no link to it', async () => {
    const page = await rawRequest(app.port, `${BASE}${JOB_PAGE}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<style>${CSS}</style>`);
    expect(page.body).not.toContain('rel="stylesheet"');
  });

  it('is the only one: the lookup page and the board link the cached file', async () => {
    for (const target of ['/', '/board']) {
      const page = await rawRequest(app.port, `${BASE}${target}`);
      expect(page.body, target).toContain(`href="${BASE}/assets/index-abc123.css"`);
      expect(page.body, target).not.toContain('<style>');
    }
    const sheet = await rawRequest(app.port, `${BASE}/assets/index-abc123.css`);
    expect(sheet.body).toBe(CSS);
  });
});

describe('withInlineStyles', () => {
  const file = (body: string): StaticFile => ({
    body: Buffer.from(body),
    br: undefined,
    gzip: undefined,
    type: 'text/css',
    etag: '"x"',
    cacheControl: 'no-cache',
  });
  const link = (href: string) => `<link rel="stylesheet" crossorigin href="${href}">`;

  it('inlines a sheet of the build under the base path', () => {
    const files = new Map([['/assets/a.css', file('a{color:red}')]]);
    expect(withInlineStyles(`<head>${link('/base/assets/a.css')}</head>`, '/base/', files)).toBe(
      '<head><style>a{color:red}</style></head>',
    );
  });

  it('leaves the link of a sheet it does not have, of another origin, or one that would end the element', () => {
    const files = new Map([['/assets/b.css', file('b{content:"</style><script>x()</script>"}')]]);
    for (const href of [
      '/base/assets/missing.css',
      'https://cdn.example/a.css',
      '/base/assets/b.css',
    ]) {
      const html = `<head>${link(href)}</head>`;
      expect(withInlineStyles(html, '/base/', files), href).toBe(html);
    }
  });
});
