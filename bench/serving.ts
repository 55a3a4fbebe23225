/**
 * The second half of `npm run bench:proxy`: the production server beside what else could
 * stand in its place, under the same load, on loopback, each server in its own process.
 *
 *   direct   the simulator itself (the upstream every other path reaches)
 *   ours     `node dist-server/main.js` (SFS_TURBO_CACHE_MS default 1000)
 *   nginx    Debian's nginx, `proxy_pass` to the simulator (no cache): the practical limit
 *   vite     `vite preview` with `preview.proxy`, the "small dev proxy" one might configure
 *
 * Loads (autocannon, 200 connections, BENCH_SECONDS each, default 3):
 *   - different jobs: every request names another job, nothing can be shared;
 *   - one job: every request names the same job (200 viewers of one incident's job);
 *   - 200 viewers every 2 s (100 req/s), one job vs 200 different jobs: upstream requests/s.
 * CPU per request is the server process's own (utime + stime from /proc), as a ratio to
 * nginx's. Static: a deep-link page and the entry chunk from ours, nginx (gzip_static) and
 * vite preview, with the bytes each sends to a browser that accepts br and gzip.
 * Needs a build (`npm run build`). Hard stop after 4 minutes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { DEMO_PROJECT_ID, SCENARIO } from '../server/simulator/scenario-ids.ts';
import { freePort } from '../server/testing/servers.ts';
import { markdownTable } from './table.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS) || 3;
const CONNECTIONS = 200;
const NGINX = '/usr/sbin/nginx';
const children: ChildProcess[] = [];
const scratch = mkdtempSync(path.join(os.tmpdir(), 'sfs-bench-serving-'));

const stopAll = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  rmSync(scratch, { recursive: true, force: true });
};
const watchdog = setTimeout(() => {
  console.error('bench:serving: still running after 240 s, stopping');
  stopAll();
  process.exit(1);
}, 240_000);

async function start(
  command: string,
  args: string[],
  env: Record<string, string>,
  probe: string,
): Promise<ChildProcess> {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  const until = Date.now() + 30_000;
  while (
    !(await fetch(probe).then(
      (r) => r.status < 500,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > until) throw new Error(`${command} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return child;
}

/** User + system CPU of one process, in µs (Linux /proc). */
function cpuUs(child: ChildProcess): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks / 100) * 1e6; // USER_HZ is 100 on Linux
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  cpuPerRequestUs: number;
  upstreamRps: number;
  failures: number;
}

async function simulatorTotal(simulator: string): Promise<number> {
  const stats = (await (await fetch(`${simulator}/__simulator/stats`)).json()) as { total: number };
  return stats.total;
}

async function load(
  base: string,
  server: ChildProcess,
  simulator: string,
  pathOf: (n: number) => string,
  options: { rate?: number; seconds?: number } = {},
): Promise<Run> {
  let n = 0;
  // Requests a previous run left in flight must not count here; this run's own must.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));
  await settle();
  const upstreamBefore = await simulatorTotal(simulator);
  const cpuBefore = cpuUs(server);
  const seconds = options.seconds ?? SECONDS;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: pathOf((n += 1)) }) }],
  });
  const cpu = cpuUs(server) - cpuBefore;
  await settle();
  const upstream = (await simulatorTotal(simulator)) - upstreamBefore - 1;
  return {
    rps: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuPerRequestUs: result.requests.total > 0 ? cpu / result.requests.total : NaN,
    upstreamRps: upstream / seconds,
    failures: result.errors + result.timeouts,
  };
}

async function main(): Promise<void> {
  const [simPort, oursPort, nginxPort, vitePort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const simulator = `http://127.0.0.1:${simPort}`;
  const sim = await start(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/cli/simulator.ts',
      '--port',
      String(simPort),
      '--host',
      '127.0.0.1',
    ],
    {},
    `${simulator}/__simulator/stats`,
  );
  const ours = await start(
    process.execPath,
    ['dist-server/main.js'],
    {
      HOST: '127.0.0.1',
      PORT: String(oursPort),
      SFS_TURBO_ENDPOINT: simulator,
      OS_TOKEN: 'bench-token-not-a-secret',
      SFS_TURBO_CACHE_MS: '1000',
    },
    `http://127.0.0.1:${oursPort}/healthz`,
  );
  // Its access log goes to /dev/null (stdio 'ignore'), as it would to a log collector.

  for (const dir of ['client', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
    mkdirSync(path.join(scratch, dir));
  writeFileSync(
    path.join(scratch, 'nginx.conf'),
    `daemon off; master_process off; worker_processes 1; pid ${scratch}/nginx.pid; error_log stderr error;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${scratch}/client; proxy_temp_path ${scratch}/proxy;
  fastcgi_temp_path ${scratch}/fastcgi; uwsgi_temp_path ${scratch}/uwsgi; scgi_temp_path ${scratch}/scgi;
  include /etc/nginx/mime.types;
  upstream sim { server 127.0.0.1:${simPort}; keepalive 64; }
  server {
    listen 127.0.0.1:${nginxPort};
    location /api/eu-de/ { proxy_pass http://sim/; proxy_http_version 1.1; proxy_set_header Connection ""; }
    location /assets/ { root ${ROOT}dist; gzip_static on; add_header Cache-Control "public, max-age=31536000, immutable"; }
    location / { root ${ROOT}dist; try_files $uri /index.html; gzip_static on; }
  }
}
`,
  );
  const nginx = await start(
    NGINX,
    ['-p', scratch, '-c', `${scratch}/nginx.conf`, '-e', 'stderr'],
    {},
    `http://127.0.0.1:${nginxPort}/`,
  );
  const viteConfig = path.join(ROOT, '.bench', `vite-preview-proxy-${process.pid}.config.mjs`);
  mkdirSync(path.dirname(viteConfig), { recursive: true });
  writeFileSync(
    viteConfig,
    `export default { logLevel: 'silent', preview: { host: '127.0.0.1', port: ${vitePort}, strictPort: true, proxy: { '/api/eu-de': { target: '${simulator}', rewrite: (p) => p.replace(/^\\/api\\/eu-de/, '') } } } };\n`,
  );
  const vite = await start(
    process.execPath,
    [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'preview', '--config', viteConfig],
    {},
    `http://127.0.0.1:${vitePort}/`,
  );

  const targets = [
    { name: 'direct (simulator)', base: simulator, server: sim, api: '' },
    { name: 'our server', base: `http://127.0.0.1:${oursPort}`, server: ours, api: '/api/eu-de' },
    {
      name: 'nginx proxy_pass',
      base: `http://127.0.0.1:${nginxPort}`,
      server: nginx,
      api: '/api/eu-de',
    },
    {
      name: 'vite preview.proxy',
      base: `http://127.0.0.1:${vitePort}`,
      server: vite,
      api: '/api/eu-de',
    },
  ];
  const job = (api: string, id: string) => `${api}/v1/${DEMO_PROJECT_ID}/sfs-turbo/jobs/${id}`;

  const results: Record<string, { distinct: Run; same: Run }> = {};
  for (const target of targets) {
    process.stderr.write(`bench:serving: ${target.name}\n`);
    const distinct = await load(target.base, target.server, simulator, (n) =>
      job(target.api, `bench-${process.pid}-${n}`),
    );
    const same = await load(target.base, target.server, simulator, () =>
      job(target.api, SCENARIO.success),
    );
    results[target.name] = { distinct, same };
  }
  const nginxCpu = results['nginx proxy_pass'];
  const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
  const row = (name: string, run: Run, reference: Run | undefined) => [
    name,
    fmt(run.rps),
    reference ? `${fmt(run.rps / reference.rps, 2)}×` : '-',
    fmt(run.p50),
    fmt(run.p99),
    fmt(run.cpuPerRequestUs),
    reference ? `${fmt(run.cpuPerRequestUs / reference.cpuPerRequestUs, 2)}×` : '-',
    fmt(run.upstreamRps),
    String(run.failures),
  ];
  const header = [
    'path',
    'req/s',
    'vs nginx',
    'p50 ms',
    'p99 ms',
    'CPU µs/req',
    'CPU vs nginx',
    'upstream req/s',
    'errors',
  ];
  console.log(
    `\n### Proxy side by side: ${CONNECTIONS} connections, every request a different job (${SECONDS} s each)\n`,
  );
  console.log(
    markdownTable(
      header,
      targets.map((t) => row(t.name, results[t.name]!.distinct, nginxCpu?.distinct)),
    ),
  );
  console.log(`\n### Proxy side by side: ${CONNECTIONS} connections, all on one job\n`);
  console.log(
    markdownTable(
      header,
      targets.map((t) => row(t.name, results[t.name]!.same, nginxCpu?.same)),
    ),
  );

  // 200 viewers polling every 2 s: 100 req/s, one job vs 200 different jobs.
  const oursBase = `http://127.0.0.1:${oursPort}`;
  const viewers = [
    ['one job', () => job('/api/eu-de', SCENARIO.success)],
    ['200 different jobs', (n: number) => job('/api/eu-de', `viewer-${process.pid}-${n % 200}`)],
  ] as const;
  const viewerRows: string[][] = [];
  for (const [name, pathOf] of viewers) {
    const run = await load(oursBase, ours, simulator, pathOf, { rate: 100, seconds: 6 });
    viewerRows.push([
      name,
      fmt(run.rps),
      fmt(run.upstreamRps, 1),
      fmt(run.p50),
      fmt(run.p99),
      String(run.failures),
    ]);
  }
  console.log(
    '\n### 200 viewers polling every 2 s through our server (SFS_TURBO_CACHE_MS=1000, 6 s)\n',
  );
  console.log(
    markdownTable(
      ['viewers watch', 'viewer req/s', 'upstream req/s', 'p50 ms', 'p99 ms', 'errors'],
      viewerRows,
    ),
  );

  // Static serving.
  const entry = (/src="\.\/(assets\/index-[^"]+\.js)"/.exec(
    readFileSync(path.join(ROOT, 'dist/index.html'), 'utf8'),
  ) ?? [])[1];
  const staticRows: string[][] = [];
  for (const target of targets.slice(1)) {
    for (const [what, p] of [
      ['deep-link page', `/eu-de/projects/${DEMO_PROJECT_ID}/jobs/${SCENARIO.success}`],
      ['entry chunk', `/${entry}`],
    ] as const) {
      const answer = await fetch(`${target.base}${p}`, {
        headers: { 'Accept-Encoding': 'br, gzip' },
      });
      const bytes =
        Number(answer.headers.get('content-length')) || (await answer.arrayBuffer()).byteLength;
      const coding = answer.headers.get('content-encoding') ?? 'none';
      const cpuBefore = cpuUs(target.server);
      const result = await autocannon({
        url: `${target.base}${p}`,
        connections: 50,
        duration: 2,
        headers: { 'accept-encoding': 'br, gzip' },
      });
      const cpu = (cpuUs(target.server) - cpuBefore) / Math.max(1, result.requests.total);
      staticRows.push([
        target.name,
        what,
        fmt(result.requests.total / 2),
        fmt(result.latency.p99),
        `${bytes} (${coding})`,
        fmt(cpu),
      ]);
    }
  }
  console.log('\n### Static files, 50 connections, 2 s each\n');
  console.log(
    markdownTable(['server', 'file', 'req/s', 'p99 ms', 'bytes sent', 'CPU µs/req'], staticRows),
  );
  console.log(
    `\nload average ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}, ${os.cpus().length} CPUs`,
  );
  rmSync(viteConfig, { force: true });
}

main()
  .then(() => {
    clearTimeout(watchdog);
    stopAll();
  })
  .catch((error: unknown) => {
    console.error(error);
    stopAll();
    process.exit(1);
  });
