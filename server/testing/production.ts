import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Env } from '../config.ts';
import { loadAppConfig } from '../http/app-config.ts';
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

export interface ProductionUnderTest {
  server: AppServer;
  port: number;
  url: string;
  /** Every access-log line so far, parsed. */
  lines: Record<string, unknown>[];
  close(): Promise<void>;
}

/** The production server in this process, on a loopback port (0: a free one), logging into `lines`. */
export async function startProduction(env: Env, port = 0): Promise<ProductionUnderTest> {
  const full: Env = { HOST: '127.0.0.1', PORT: '1', SFS_TURBO_SIMULATOR_PORT: '0', ...env };
  const lines: Record<string, unknown>[] = [];
  const server = await createServer(loadAppConfig(full), {
    env: full,
    logDestination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  const url = await server.listen(port, '127.0.0.1');
  return {
    server,
    port: Number(new URL(url).port),
    url,
    lines,
    close: () => server.shutdown(1000),
  };
}
