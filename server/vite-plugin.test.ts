import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SECURITY_HEADERS } from './security-headers.ts';
import {
  closedPort,
  fakeUpstream,
  jobPath,
  rawRequest,
  type Running,
  type SeenRequest,
} from './testing/servers.ts';

/*
 * `vite preview` exactly as `npm start` runs it: the project's own vite.config.ts (host,
 * port, allowedHosts from the environment, this plugin), serving a small stand-in for the
 * built app, with a counting upstream behind the proxy.
 */
const loadVite = () => import('vite');

const CONFIG_FILE = fileURLToPath(new URL('../vite.config.ts', import.meta.url));
const TOKEN = 'preview-test-token-0123456789';

let dist: string;
let upstream: Running & { seen: SeenRequest[] };
let server: PreviewServer;
let port: number;
const stdout: string[] = [];
const savedEnv = { ...process.env };

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'preview-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(
    path.join(dist, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/app-abc123.js"></script></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(path.join(dist, 'assets', 'app-abc123.js'), 'console.log("app");');
  upstream = await fakeUpstream();

  Object.assign(process.env, {
    HOST: '',
    SFS_TURBO_ALLOWED_HOSTS: 'jobs.example.com, other.example.org',
    SFS_TURBO_ENDPOINT: upstream.url,
    OS_TOKEN: TOKEN,
  });
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation(
    (chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = String(chunk);
      if (/ (?:job|regions|invalid|unknown) region=/.test(text)) {
        stdout.push(text);
        return true;
      }
      return write(chunk, ...(rest as []));
    },
  );
  const { preview } = await loadVite();
  server = await preview({
    configFile: CONFIG_FILE,
    logLevel: 'silent',
    build: { outDir: dist },
    preview: { port: await closedPort(), open: false },
  });
  port = (server.httpServer.address() as AddressInfo).port;
}, 30_000);

afterAll(async () => {
  await server?.close();
  await upstream?.close();
  vi.restoreAllMocks();
  rmSync(dist, { recursive: true, force: true });
  process.env = savedEnv;
});

describe('what npm start serves', () => {
  it('listens on 127.0.0.1 unless HOST says otherwise', async () => {
    expect((server.httpServer.address() as AddressInfo).address).toBe('127.0.0.1');
    process.env.HOST = '0.0.0.0';
    try {
      const { resolveConfig } = await loadVite();
      const config = await resolveConfig(
        { configFile: CONFIG_FILE, logLevel: 'silent' },
        'serve',
        'production',
        'production',
        true,
      );
      expect(config.preview.host).toBe('0.0.0.0');
      // Vite adds the listening host itself (repeatedly; harmless).
      const allowed = config.preview.allowedHosts;
      expect(allowed === true ? allowed : new Set(allowed)).toEqual(
        new Set(['jobs.example.com', 'other.example.org', '0.0.0.0']),
      );
    } finally {
      process.env.HOST = '';
    }
  });

  it.each([
    ['jobs.example.com', 200],
    ['jobs.example.com:8443', 200],
    ['other.example.org', 200],
    ['localhost', 200],
    ['127.0.0.1', 200],
    ['evil.example', 403],
    ['jobs.example.com.evil.example', 403],
  ])('accepts only configured host names: Host %s → %i', async (host, status) => {
    expect((await rawRequest(port, '/', 'GET', `Host: ${host}\r\n`)).status).toBe(status);
  });

  it.each([
    '/',
    '/index.html',
    '/eu-de/projects/e9993fc787d94b6c886cbaa340f9c0f4/jobs/abc',
    '/assets/app-abc123.js',
    '/api/regions',
    jobPath(),
  ])('sends the security headers on %s', async (target) => {
    const answer = await rawRequest(port, target);
    expect(answer.status).toBe(200);
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    const csp = answer.headers['content-security-policy'] ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline'; script"); // no inline scripts anywhere
    if (!target.startsWith('/api/')) expect(csp).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('serves the SPA fallback for deep links, with the headers', async () => {
    const answer = await rawRequest(
      port,
      '/eu-de/projects/e9993fc787d94b6c886cbaa340f9c0f4/jobs/abc',
      'GET',
      'Accept: text/html\r\n',
    );
    expect(answer.body).toContain('<div id="root">');
    expect(answer.headers['content-security-policy']).toBe(
      SECURITY_HEADERS['Content-Security-Policy'],
    );
  });

  it('lets no other origin read the API (no CORS headers, even for localhost origins)', async () => {
    const answer = await rawRequest(
      port,
      '/api/regions',
      'GET',
      'Origin: http://localhost:3000\r\n',
    );
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await rawRequest(
      port,
      jobPath(),
      'OPTIONS',
      'Origin: http://localhost:3000\r\nAccess-Control-Request-Method: GET\r\n',
    );
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sees raw request targets: nothing Vite or connect normalises reaches the upstream', async () => {
    const before = upstream.seen.length;
    const targets = [
      `${jobPath()}%2F..%2F..`,
      `${jobPath()}/../../../../v3/auth/tokens`,
      `/api/eu-de/v1/e9993fc787d94b6c886cbaa340f9c0f4/sfs-turbo/jobs/./abc`,
      `/api/eu-de/v1/e9993fc787d94b6c886cbaa340f9c0f4//sfs-turbo/jobs/abc`,
      `/api/./regions`,
      `/api/x/../regions`,
      `${jobPath()}?a=1`,
      `http://127.0.0.1${jobPath()}`,
    ];
    for (const target of targets) {
      const answer = await rawRequest(port, target);
      expect(answer.status, target).toBe(400);
      expect(JSON.parse(answer.body), target).toMatchObject({ errCode: 'PROXY.BAD_REQUEST' });
    }
    for (const target of [
      `/assets/../api/regions`,
      `//api/eu-de/v1/e9993fc787d94b6c886cbaa340f9c0f4/sfs-turbo/jobs/abc`,
    ]) {
      const answer = await rawRequest(port, target);
      expect(answer.body, target).not.toContain('"regions"');
    }
    expect(upstream.seen.length).toBe(before);
  });

  it('forwards the allowed route with the token, never sends the token back, and logs to stdout', async () => {
    stdout.length = 0;
    const answer = await rawRequest(port, jobPath());
    expect(answer.status).toBe(200);
    expect(upstream.seen.at(-1)?.headers['x-auth-token']).toBe(TOKEN);
    expect(answer.raw).not.toContain(TOKEN);
    const regions = await rawRequest(port, '/api/regions');
    expect(regions.raw).not.toContain(TOKEN);
    expect(JSON.parse(regions.body)).toMatchObject({
      credentials: { kind: 'token' },
    });
    expect(stdout).toHaveLength(2);
    expect(stdout[0]).toMatch(
      / GET job region=eu-de project=e9993fc787d94b6c886cbaa340f9c0f4 .* status=200 /,
    );
    expect(stdout.join('')).not.toContain(TOKEN);
  });
});
