import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DestinationStream } from 'pino';
import { loadAppConfig } from '../config/app-config.ts';
import type { ServerConfig } from '../config/config.ts';
import type { Env } from '../config/variables.ts';
import type { CredentialProvider } from '../credentials/provider.ts';
import { createServer, type AppServer } from '../http/create-server.ts';

export const TEST_ASSET = '/assets/app-abc123.js';
export const TEST_ASSET_BODY = `console.log(${JSON.stringify('app '.repeat(200))});`;

/** A small stand-in for the build, laid out as `vite build` lays it out (relative base). */
export function fakeDist(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sfs-dist-'));
  mkdirSync(path.join(dir, 'assets'));
  mkdirSync(path.join(dir, '.vite'));
  writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html><head><link rel="icon" href="./favicon.svg" /><script type="module" crossorigin src=".${TEST_ASSET}"></script></head><body><div id="root"></div></body></html>`,
  );
  writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(dir, '.vite', 'manifest.json'), '{}');
  writeFileSync(path.join(dir, TEST_ASSET), TEST_ASSET_BODY);
  // Stand-ins for the build's precompressed files: recognisable, not real compression.
  writeFileSync(path.join(dir, `${TEST_ASSET}.br`), 'BROTLI-BYTES');
  writeFileSync(path.join(dir, `${TEST_ASSET}.gz`), 'GZIP-BYTES');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface AppUnderTest {
  server: AppServer;
  port: number;
  /** The server's address, without the base path. */
  url: string;
  /** Every access-log line so far, parsed. */
  lines: Record<string, unknown>[];
  /** The access-log lines of API requests (route `api:…`). */
  readonly log: Record<string, unknown>[];
  close(): Promise<void>;
}

export interface AppUnderTestOptions {
  /** A loopback port (default 0: a free one). */
  port?: number;
  /** Replaces parts of the proxy's configuration read from the environment. */
  config?: Partial<ServerConfig>;
  /** See `AppOptions.proxy`. */
  credentials?: CredentialProvider;
  simulatorUrl?: string;
  coalesce?: boolean;
  /** Serve a `fakeDist()` (removed on close) rather than `SFS_TURBO_DIST`. */
  fakeDist?: boolean;
  /** Where log lines go instead of `lines` (a bench counts them rather than keeping them). */
  logDestination?: DestinationStream;
}

/**
 * The production server (server/http/app.ts, as `npm start` builds it) in this process, on a
 * loopback port, logging into `lines`.
 */
export async function startApp(
  env: Env = {},
  options: AppUnderTestOptions = {},
): Promise<AppUnderTest> {
  const dist = options.fakeDist ? fakeDist() : undefined;
  // Each app its own store, unless the test gives one (a restart that must find its data).
  const dataDir =
    env.SFS_TURBO_DATA_DIR === undefined && env.DATABASE_URL === undefined
      ? mkdtempSync(path.join(tmpdir(), 'sfs-turbo-test-data-'))
      : undefined;
  const full: Env = {
    HOST: '127.0.0.1',
    PORT: '1',
    SFS_TURBO_SIMULATOR_PORT: '0',
    ...(dataDir ? { SFS_TURBO_DATA_DIR: dataDir } : {}),
    ...env,
    ...(dist ? { SFS_TURBO_DIST: dist.dir } : {}),
  };
  const lines: Record<string, unknown>[] = [];
  const config = loadAppConfig(full);
  config.proxy = { ...config.proxy, ...options.config };
  const server = await createServer(config, {
    logDestination: options.logDestination ?? {
      write: (line: string) => void lines.push(JSON.parse(line)),
    },
    proxy: {
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(options.simulatorUrl ? { simulatorUrl: options.simulatorUrl } : {}),
      ...(options.coalesce === undefined ? {} : { coalesce: options.coalesce }),
    },
  });
  // Tests start on an open store (the readiness tests wait for it themselves through `/readyz`).
  await server.app.memory.opened;
  const address = await server.listen(options.port ?? 0, '127.0.0.1');
  const url = new URL(address);
  return {
    server,
    port: Number(url.port),
    url: url.origin,
    lines,
    get log() {
      return lines.filter((line) => String(line.route).startsWith('api:'));
    },
    close: async () => {
      await server.shutdown(1000);
      dist?.remove();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The API as the proxy tests see it: the same server, each request with its own exchange
 * (no coalescing, so a test's identical requests each reach its upstream) and no upstream
 * limit in the way of a test's many requests.
 */
export function startApi(
  options: Omit<AppUnderTestOptions, 'coalesce' | 'fakeDist'> = {},
): Promise<AppUnderTest> {
  return startApp(
    { RATE_LIMIT_UPSTREAM_PER_MIN: '1000000' },
    { ...options, coalesce: false, fakeDist: true },
  );
}
