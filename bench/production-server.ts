/**
 * The built app served as `npm start` serves it, without its build step: the production server
 * (`dist-server/main.js`, built beside `dist`) over `dist`, on loopback, with the embedded
 * simulator as its upstream and a throw-away data directory (e2e/preview-env.ts). For the
 * benches that open the app in a browser (paint, big-job, board).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulatedPreviewEnv } from '../e2e/preview-env.ts';
import { freePort } from '../server/testing/servers.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const START_MS = 60_000;

export interface ProductionServer {
  /** `http://127.0.0.1:port`, the app's address. */
  base: string;
  /** The simulator's own address, for its control routes (`/__simulator/…`). */
  simulator: string;
  /** POSTs to a simulator control route (`/__simulator/reset`, …), JSON body. */
  control(path: string, body?: unknown): Promise<Response>;
  stop(): void;
}

/**
 * Starts the server over `dist` (default: `DIST`, else the repository's `dist`) and resolves
 * once it answers `/api/regions`; rejects if it has not within a minute. Ports default to free
 * ones.
 */
export async function startProductionServer(
  options: { dist?: string; port?: number; simulatorPort?: number } = {},
): Promise<ProductionServer> {
  const dist = resolve(ROOT, options.dist ?? process.env.DIST ?? 'dist');
  if (!existsSync(join(dist, 'index.html')))
    throw new Error(`${dist} has no build: run npm run build first`);
  const port = options.port ?? (await freePort());
  const simulatorPort = options.simulatorPort ?? (await freePort());
  const child = spawn(process.execPath, [join(dist, '..', 'dist-server', 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, ...simulatedPreviewEnv(port, simulatorPort), SFS_TURBO_DIST: dist },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const simulator = `http://127.0.0.1:${simulatorPort}`;
  // Also when the bench stops early (its watchdog's process.exit): no server is left behind.
  const stop = () => {
    process.off('exit', stop);
    child.kill();
  };
  process.once('exit', stop);
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  try {
    for (const until = Date.now() + START_MS; ;) {
      if (exited !== null) throw new Error(`the production server exited (code ${exited})`);
      const up = await fetch(`${base}/api/regions`)
        .then((response) => response.ok)
        .catch(() => false);
      if (up) break;
      if (Date.now() > until) throw new Error('the production server did not start within 60 s');
      await new Promise((done) => setTimeout(done, 250));
    }
  } catch (error) {
    stop();
    throw error;
  }
  return {
    base,
    simulator,
    control: (path, body = {}) =>
      fetch(`${simulator}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    stop,
  };
}
