import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeDist, startApp, TEST_ASSET, type AppUnderTest } from '../testing/app.ts';
import { jobPath, rawRequest } from '../testing/servers.ts';

/* The production server (`npm start`) in-process, twice: as a team deploys it behind TLS
   (https PUBLIC_URL, TRUSTED_PROXIES set empty), and as a developer runs it locally with
   source maps asked for. */
const MAP = `${TEST_ASSET}.map`;
const MAP_BODY = '{"version":3,"sources":["../src/secret-sauce.ts"],"mappings":""}';

let dist: ReturnType<typeof fakeDist>;
let team: AppUnderTest;
let local: AppUnderTest;

beforeAll(async () => {
  dist = fakeDist();
  writeFileSync(path.join(dist.dir, MAP), MAP_BODY);
  team = await startApp({
    SFS_TURBO_DIST: dist.dir,
    PUBLIC_URL: 'https://jobs.example.com',
    TRUSTED_PROXIES: '',
  });
  local = await startApp({ SFS_TURBO_DIST: dist.dir, SERVE_SOURCE_MAPS: '1' });
});

afterAll(async () => {
  await team?.close();
  await local?.close();
  dist?.remove();
});

describe('transport security', () => {
  it.each(['/', TEST_ASSET, '/api/regions', jobPath(), '/healthz', '/no-such-file.txt'])(
    'sends Strict-Transport-Security on %s when PUBLIC_URL is https, and only then',
    async (target) => {
      const secure = await rawRequest(team.port, target);
      // A year, for this host only (server/security-headers.ts says why no subdomains).
      expect(secure.headers['strict-transport-security']).toBe('max-age=31536000');
      const plain = await rawRequest(local.port, target);
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    },
  );
});

describe('source maps', () => {
  it('are not served unless SERVE_SOURCE_MAPS=1', async () => {
    const hidden = await rawRequest(team.port, MAP);
    expect(hidden.status).toBe(404);
    expect(hidden.body).not.toContain('secret-sauce');
    const asset = await rawRequest(team.port, TEST_ASSET);
    expect(asset.status).toBe(200);
    expect(asset.headers.sourcemap).toBeUndefined();
  });

  it('are served, and named by each script, with SERVE_SOURCE_MAPS=1', async () => {
    const map = await rawRequest(local.port, MAP);
    expect(map.status).toBe(200);
    expect(map.body).toBe(MAP_BODY);
    expect((await rawRequest(local.port, TEST_ASSET)).headers.sourcemap).toBe(MAP);
  });
});

describe('TRUSTED_PROXIES set empty', () => {
  it('believes no X-Forwarded-For, not even from loopback', async () => {
    team.lines.length = 0;
    local.lines.length = 0;
    const forged = 'X-Forwarded-For: 203.0.113.7\r\n';
    await rawRequest(team.port, '/healthz', 'GET', forged);
    await rawRequest(local.port, '/healthz', 'GET', forged);
    await expect.poll(() => team.lines.length + local.lines.length).toBe(2);
    expect(team.lines[0]).toMatchObject({ client: '127.0.0.1', route: 'healthz' });
    // Unset, it keeps the default: a proxy on this host is believed.
    expect(local.lines[0]).toMatchObject({ client: '203.0.113.7', route: 'healthz' });
  });
});
