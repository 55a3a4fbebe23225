import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeDist, startApp, TEST_ASSET, type AppUnderTest } from '../testing/app.ts';
import { rawRequest } from '../testing/servers.ts';
import { allowingInlineScripts, SECURITY_HEADERS } from './security-headers.ts';
import { inlineScriptHashes } from './static-site.ts';

/*
 * The build writes one inline script into index.html (src/first-status.ts: the job's status
 * before the app's entry has loaded). The policy allows that script by its hash, and still no
 * other inline script.
 */
const SCRIPT = `(function(){document.title="early "+location.pathname})();`;
const sha256 = (code: string) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`;

let dist: ReturnType<typeof fakeDist>;
let app: AppUnderTest;

beforeAll(async () => {
  dist = fakeDist();
  const index = path.join(dist.dir, 'index.html');
  writeFileSync(
    index,
    readFileSync(index, 'utf8')
      .replace('</title>', '')
      .replace('<head>', `<head><script>${SCRIPT}</script>`),
  );
  app = await startApp({ SFS_TURBO_DIST: dist.dir });
});

afterAll(async () => {
  await app?.close();
  dist?.remove();
});

describe("index.html's inline script", () => {
  it('is allowed by its hash in the policy of pages and files (the API has a policy of its own)', async () => {
    for (const target of ['/', '/eu-de/projects/p/jobs/j', TEST_ASSET]) {
      const answer = await rawRequest(app.port, target);
      const policy = String(answer.headers['content-security-policy']);
      const scripts = /(?:^|; )script-src ([^;]*)/.exec(policy)?.[1];
      expect(scripts, target).toBe(`'self' ${sha256(SCRIPT)}`);
    }
    const page = await rawRequest(app.port, '/');
    expect(page.body).toContain(`<script>${SCRIPT}</script>`);
  });
});

describe('inlineScriptHashes', () => {
  it('hashes each inline script as the browser does, and no script with a src', () => {
    const html = `<head><script type="module" src="./a.js"></script><script>${SCRIPT}</script></head><body><script>x()</script></body>`;
    expect(inlineScriptHashes(html)).toEqual([sha256(SCRIPT), sha256('x()')]);
    expect(inlineScriptHashes('<script src="./a.js"></script>')).toEqual([]);
  });
});

describe('allowingInlineScripts', () => {
  it('adds the hashes to script-src only, and changes nothing without any', () => {
    const policy = allowingInlineScripts(SECURITY_HEADERS, ["'sha256-abc'"])[
      'Content-Security-Policy'
    ];
    expect(policy).toContain("script-src 'self' 'sha256-abc';");
    expect(policy).toContain("default-src 'self';");
    expect(allowingInlineScripts(SECURITY_HEADERS, [])).toBe(SECURITY_HEADERS);
  });
});
