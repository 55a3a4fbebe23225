/**
 * The real dashboard behind the test host: the built pages (SPA fallback) and the real API
 * handler with the simulator as upstream. Enough to watch a live job after signing in,
 * until the production server (issue 12) mounts the access-control step itself.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { noCredentials } from '../credentials/provider.ts';
import { createApiHandler } from '../proxy/handler.ts';
import { demoJobs } from '../simulator/simulator.ts';
import type { App } from './auth-host.ts';
import { testConfig } from './servers.ts';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

export function dashboardApp(options: { distDir: string; simulatorUrl: string }): App {
  const api = createApiHandler({
    config: testConfig(),
    credentials: noCredentials,
    simulatorUrl: options.simulatorUrl,
    demoJobs: demoJobs(),
    log: () => undefined,
  });
  const root = path.resolve(options.distDir);
  return async (req, res, ctx) => {
    if (ctx.path.startsWith('/api/')) {
      await api(req, res);
      return;
    }
    const wanted = path.resolve(root, `.${decodeURIComponent(ctx.path)}`);
    const file =
      wanted.startsWith(`${root}${path.sep}`) && path.extname(wanted)
        ? wanted
        : path.join(root, 'index.html');
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  };
}
