/**
 * What the real build and server give away about transport and source: no source maps unless
 * asked for (nor a `sourceMappingURL` comment that makes browsers ask), and
 * `Strict-Transport-Security` only when the public address is https. The default web server
 * (`node dist-server/main.js`, http on loopback) is one case; a second production server in
 * this process, serving the same build with an https PUBLIC_URL and SERVE_SOURCE_MAPS=1, is
 * the other.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { startApp, type AppUnderTest } from '../server/testing/app.ts';

/** The entry script and stylesheet index.html loads, as paths. */
async function entryAssets(request: APIRequestContext, origin: string): Promise<string[]> {
  const html = await (await request.get(`${origin}/`)).text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map(
    (match) => match[1] ?? '',
  );
  expect(assets.length).toBeGreaterThan(0);
  return assets;
}

test.describe('as served by default (http, no SERVE_SOURCE_MAPS)', () => {
  test('scripts name no source map, the maps are 404, and there is no HSTS', async ({
    request,
    baseURL,
  }) => {
    const origin = baseURL ?? '';
    for (const asset of await entryAssets(request, origin)) {
      const answer = await request.get(`${origin}${asset}`);
      expect(answer.status(), asset).toBe(200);
      expect(await answer.text(), asset).not.toContain('sourceMappingURL');
      expect(answer.headers().sourcemap, asset).toBeUndefined();
      expect(answer.headers()['strict-transport-security'], asset).toBeUndefined();
      const map = await request.get(`${origin}${asset}.map`);
      expect(map.status(), `${asset}.map`).toBe(404);
    }
  });
});

test.describe('with an https PUBLIC_URL and SERVE_SOURCE_MAPS=1', () => {
  let team: AppUnderTest;
  test.beforeAll(async () => {
    // The real build (SFS_TURBO_DIST defaults to dist/), on a free port.
    team = await startApp({ PUBLIC_URL: 'https://jobs.example.com', SERVE_SOURCE_MAPS: '1' });
  });
  test.afterAll(() => team?.close());

  test('every answer carries HSTS, and each script names its map, which is served', async ({
    request,
  }) => {
    const origin = team.url;
    for (const target of ['/', '/api/regions', '/healthz']) {
      const answer = await request.get(`${origin}${target}`);
      expect(answer.headers()['strict-transport-security'], target).toBe('max-age=31536000');
    }
    // Vite writes maps for scripts only (the CSS is Tailwind's output, not worth one), and none
    // for the bundler's own runtime chunk, which has no source to map.
    const scripts = (await entryAssets(request, origin)).filter(
      (asset) => asset.endsWith('.js') && !asset.includes('/rolldown-runtime-'),
    );
    expect(scripts.length).toBeGreaterThan(0);
    for (const asset of scripts) {
      const answer = await request.get(`${origin}${asset}`);
      expect(answer.headers().sourcemap, asset).toBe(`${asset}.map`);
      const map = await request.get(`${origin}${asset}.map`);
      expect(map.status(), `${asset}.map`).toBe(200);
      expect((await map.json()) as { version: number }).toMatchObject({ version: 3 });
    }
  });
});
