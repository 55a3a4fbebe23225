/**
 * What sign-in costs per request: opening the sealed session cookie (jose: decrypt, then
 * verify), sealing one (once per sign-in), the upstream limit's bookkeeping, and the
 * access-control step over HTTP (autocannon, 50 connections, closed loop) in each mode, in
 * front of a stub app that answers at once. Prints markdown tables.
 *
 *   npm run bench:auth
 */
import autocannon from 'autocannon';
import type { OidcClient } from '../server/auth/oidc-client.ts';
import { createSealer } from '../server/auth/sealed-token.ts';
import { SESSION_COOKIE } from '../server/auth/session-store.ts';
import { loadAuthConfig } from '../server/config/auth.ts';
import { createAccessControl } from '../server/http/steps/access-control.ts';
import { createUpstreamLimit } from '../server/proxy/upstream-limit.ts';
import { startAuthHost } from '../server/testing/auth-host.ts';
import { markdownTable } from './table.ts';

const SECRET = 'bench-session-secret-0123456789abcdefghij';
const SECONDS = Number(process.env.BENCH_AUTH_SECONDS) || 5;
const CONNECTIONS = 50;

async function perOp(
  label: string,
  count: number,
  work: (i: number) => unknown,
): Promise<string[]> {
  for (let i = 0; i < Math.min(200, count); i++) await work(i);
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await work(i);
  const ns = Number(process.hrtime.bigint() - started);
  return [
    label,
    String(count),
    (ns / count / 1000).toFixed(1),
    Math.round((count * 1e9) / ns).toLocaleString('en'),
  ];
}

function load(url: string, headers: Record<string, string>): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

// The oidc mode below: its issuer and client, so that the cookie is one it accepts.
const session = createSealer(SECRET, 'session', { issuer: 'http://127.0.0.1:1', clientId: 'x' });
const groups = Array.from({ length: 30 }, (_, i) => `group-with-a-long-name-${i}`);
const cookie = await session.seal({ sub: 'alice', name: 'alice@example.com', groups }, 36_000);
const limit = createUpstreamLimit({ perMinute: 300 });

const ops = [
  await perOp('open session cookie (30 groups)', 5_000, () => session.open(cookie)),
  await perOp('seal session cookie (sign-in)', 2_000, () =>
    session.seal({ sub: 'a', name: 'a', groups }, 36_000),
  ),
  await perOp('upstream limit take (10,000 keys)', 500_000, (i) =>
    limit.take(`user:${i % 10_000}`, i),
  ),
];
console.log(`Session cookie: ${cookie.length} bytes with 30 groups.\n`);
console.log(markdownTable(['operation', 'runs', 'µs per op', 'ops/s'], ops));

const context = { host: '127.0.0.1', basePath: '/', publicUrl: 'http://127.0.0.1:1' };
const noProvider: OidcClient = {
  start: () => Promise.reject(new Error('not used')),
  finish: () => Promise.reject(new Error('not used')),
  endSessionUrl: () => Promise.resolve(undefined),
};
const modes: { name: string; env: Record<string, string>; headers: Record<string, string> }[] = [
  { name: 'none', env: {}, headers: {} },
  {
    name: 'header (trusted proxy)',
    env: { AUTH_MODE: 'header', AUTH_ALLOWED_GROUPS: 'group-with-a-long-name-7' },
    headers: { 'x-forwarded-user': 'alice', 'x-forwarded-groups': groups.join(',') },
  },
  {
    name: 'oidc (session cookie)',
    env: {
      AUTH_MODE: 'oidc',
      OIDC_ISSUER_URL: 'http://127.0.0.1:1',
      OIDC_CLIENT_ID: 'x',
      SESSION_SECRET: SECRET,
    },
    headers: { cookie: `${SESSION_COOKIE}=${cookie}` },
  },
];
const rows: string[][] = [];
for (const mode of modes) {
  const config = loadAuthConfig(mode.env, context);
  const step = createAccessControl(
    config,
    config.mode === 'oidc' ? { oidcClient: noProvider } : {},
  );
  const host = await startAuthHost({ step, isTrustedPeer: () => true });
  const result = await load(`${host.url}/api/eu-de/v1/p/sfs-turbo/jobs/j`, mode.headers);
  await host.close();
  rows.push([
    mode.name,
    Math.round(result.requests.average).toLocaleString('en'),
    String(result.latency.p50),
    String(result.latency.p99),
    String(result.non2xx + result.errors),
  ]);
}
console.log(
  `\nAccess-control step over HTTP, ${CONNECTIONS} connections, ${SECONDS} s each, stub app:\n`,
);
console.log(markdownTable(['mode', 'req/s', 'p50 ms', 'p99 ms', 'failed'], rows));
