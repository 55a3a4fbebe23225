/**
 * `npm run bench:proxy`: what the proxy costs. The same load goes straight at the simulator
 * and through the proxy (the production server, server/http/app.ts, each request with its own
 * upstream exchange) at 50 and 200 connections, on loopback, each server in its own process.
 *
 * Per connection count and path, three measurements:
 *   - autocannon, closed loop (every connection sends as soon as it has its answer):
 *     requests per second and p50/p99 latency at saturation;
 *   - CPU per request of the server processes during that run (process.cpuUsage), which a
 *     busy shared machine distorts far less than latency;
 *   - a paced run (BENCH_RATE, default 500 req/s, spread evenly over the same number of open
 *     connections): latency when nothing queues, so the p50/p99 difference is the proxy's own
 *     hop. autocannon's own rate limit sends each second's quota in one burst, so it cannot
 *     do this.
 * Latencies are recorded per response with sub-millisecond resolution (autocannon's own
 * percentiles are whole milliseconds). Each measurement is repeated BENCH_ROUNDS times
 * (default 3), direct and proxy alternating, and the median is shown, so that a burst of
 * other work on the machine lands on both paths rather than on one.
 *
 * Bounded: BENCH_SECONDS (default 2) per run plus a 1 s warm-up per path, hard stop after
 * 4 minutes. Prints the load average, since other processes on the machine skew latency.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { markdownTable } from './table.ts';

const SECONDS = Number(process.env.BENCH_SECONDS) || 2;
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 3;
const RATE = Number(process.env.BENCH_RATE) || 500;
const CONNECTIONS = [50, 200];
const HARD_STOP_MS = 240_000;

interface Server {
  url: string;
  projectId?: string;
  jobId?: string;
  stats(): Promise<{ cpuUs: number; requests: number }>;
  stop(): void;
}

const servers: Server[] = [];
const watchdog = setTimeout(() => {
  console.error(`bench:proxy: still running after ${HARD_STOP_MS / 1000} s, stopping`);
  for (const server of servers) server.stop();
  process.exit(1);
}, HARD_STOP_MS);

function serve(...args: string[]): Promise<Server> {
  const script = fileURLToPath(new URL('./proxy-serve.ts', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: Interface = createInterface({ input: child.stdout! });
  const next = () => new Promise<string>((resolve) => lines.once('line', resolve));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
    void next().then((line) => {
      const server: Server = {
        ...(JSON.parse(line) as { url: string; projectId?: string; jobId?: string }),
        stats: async () => {
          const answer = next();
          child.stdin!.write('stats\n');
          return JSON.parse(await answer) as { cpuUs: number; requests: number };
        },
        stop: () => child.stdin?.end(),
      };
      servers.push(server);
      resolve(server);
    });
  });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

interface Latency {
  p50: number;
  p99: number;
  failures: number;
}

async function saturate(
  url: string,
  connections: number,
  seconds: number,
): Promise<Latency & { rps: number }> {
  const times: number[] = [];
  let done: (result: autocannon.Result) => void = () => undefined;
  let failed: (error: unknown) => void = () => undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    done = resolve;
    failed = reject;
  });
  const instance = autocannon(
    { url, connections, duration: seconds, headers: { accept: 'application/json' } },
    (error, result) => (error ? failed(error) : done(result)),
  );
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    times.push(responseTime);
  });
  const result = await finished;
  const sorted = Float64Array.from(times).sort();
  return {
    rps: result.requests.average,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/** Requests spread evenly in time, round-robin over `connections` kept-alive sockets. */
async function paced(
  url: string,
  connections: number,
  rate: number,
  seconds: number,
): Promise<Latency> {
  const target = new URL(url);
  const agents = Array.from(
    { length: connections },
    () => new http.Agent({ keepAlive: true, maxSockets: 1 }),
  );
  const once = (agent: http.Agent) =>
    new Promise<{ ms: number; ok: boolean }>((resolve) => {
      const started = performance.now();
      const req = http.get(
        {
          hostname: target.hostname,
          port: target.port,
          path: target.pathname,
          agent,
          headers: { accept: 'application/json' },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ ms: performance.now() - started, ok: res.statusCode === 200 }),
          );
        },
      );
      req.on('error', () => resolve({ ms: performance.now() - started, ok: false }));
    });
  await Promise.all(agents.map(once)); // open every connection first
  const times: number[] = [];
  let failures = 0;
  const pending: Array<Promise<void>> = [];
  const total = Math.round(rate * seconds);
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
    for (; sent < due; sent++) {
      const agent = agents[sent % connections]!;
      pending.push(
        once(agent).then(({ ms, ok }) => {
          times.push(ms);
          if (!ok) failures += 1;
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(pending);
  for (const agent of agents) agent.destroy();
  const sorted = Float64Array.from(times).sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), failures };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const plus = (n: number) => `${n >= 0 ? '+' : ''}${fmt(n)}`;

async function cpuPerRequest(
  measured: Server[],
  work: () => Promise<unknown>,
  count: Server,
): Promise<number> {
  const before = await Promise.all(measured.map((s) => s.stats()));
  const countBefore = (await count.stats()).requests;
  await work();
  const after = await Promise.all(measured.map((s) => s.stats()));
  const requests = (await count.stats()).requests - countBefore;
  const cpuUs = after.reduce((sum, a, i) => sum + a.cpuUs - (before[i]?.cpuUs ?? 0), 0);
  return requests > 0 ? cpuUs / requests : NaN;
}

async function main(): Promise<void> {
  const simulator = await serve('simulator');
  if (!simulator.projectId || !simulator.jobId)
    throw new Error('the simulator offers no demo job to ask for');
  const proxy = await serve('proxy', simulator.url);
  const path = `/v1/${simulator.projectId}/sfs-turbo/jobs/${simulator.jobId}`;
  const urls = { direct: `${simulator.url}${path}`, proxy: `${proxy.url}/api/eu-de${path}` };

  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `bench:proxy: loopback, ${SECONDS} s per run, median of ${ROUNDS} rounds, paced at ${RATE} req/s; Node ${process.version}, ${os.cpus().length} CPUs, load average ${load}`,
  );
  console.log(`  direct: ${urls.direct}\n  proxy:  ${urls.proxy}\n`);

  const rows: string[][] = [];
  let failures = 0;
  for (const connections of CONNECTIONS) {
    type Path = 'direct' | 'proxy';
    const runs: Record<
      Path,
      { sat: Array<Latency & { rps: number }>; cpu: number[]; pace: Latency[] }
    > = {
      direct: { sat: [], cpu: [], pace: [] },
      proxy: { sat: [], cpu: [], pace: [] },
    };
    for (const which of ['direct', 'proxy'] as const) await saturate(urls[which], connections, 1); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      const order: Path[] = round % 2 === 0 ? ['direct', 'proxy'] : ['proxy', 'direct'];
      for (const which of order) {
        const url = urls[which];
        const processes = which === 'direct' ? [simulator] : [simulator, proxy];
        let measured: (Latency & { rps: number }) | undefined;
        runs[which].cpu.push(
          await cpuPerRequest(
            processes,
            async () => (measured = await saturate(url, connections, SECONDS)),
            simulator,
          ),
        );
        const pace = await paced(url, connections, RATE, SECONDS);
        runs[which].sat.push(measured!);
        runs[which].pace.push(pace);
        failures += measured!.failures + pace.failures;
      }
    }
    const med = <T>(items: T[], pick: (item: T) => number) => median(items.map(pick));
    const summary = (which: Path) => ({
      sat: {
        rps: med(runs[which].sat, (r) => r.rps),
        p50: med(runs[which].sat, (r) => r.p50),
        p99: med(runs[which].sat, (r) => r.p99),
      },
      cpu: median(runs[which].cpu),
      pace: { p50: med(runs[which].pace, (r) => r.p50), p99: med(runs[which].pace, (r) => r.p99) },
    });
    const [ds, ps] = [summary('direct'), summary('proxy')];
    const sat = { direct: ds.sat, proxy: ps.sat };
    const pace = { direct: ds.pace, proxy: ps.pace };
    const cpu = { direct: ds.cpu, proxy: ps.cpu };
    const [d, p] = [sat.direct!, sat.proxy!];
    const [dp, pp] = [pace.direct!, pace.proxy!];
    rows.push([
      String(connections),
      'saturation',
      `${fmt(d.rps, 0)} / ${fmt(p.rps, 0)}`,
      fmt(p.rps / d.rps),
      `${fmt(d.p50)} / ${fmt(d.p99)}`,
      `${fmt(p.p50)} / ${fmt(p.p99)}`,
      `${plus(p.p50 - d.p50)} / ${plus(p.p99 - d.p99)}`,
      `${fmt(cpu.direct, 0)} / ${fmt(cpu.proxy, 0)}`,
    ]);
    rows.push([
      String(connections),
      `paced ${RATE}/s`,
      '-',
      '-',
      `${fmt(dp.p50)} / ${fmt(dp.p99)}`,
      `${fmt(pp.p50)} / ${fmt(pp.p99)}`,
      `${plus(pp.p50 - dp.p50)} / ${plus(pp.p99 - dp.p99)}`,
      '-',
    ]);
  }
  const head = [
    'conns',
    'load',
    'req/s direct / proxy',
    'ratio',
    'direct p50 / p99 ms',
    'proxy p50 / p99 ms',
    'overhead p50 / p99 ms',
    'CPU µs/req direct / proxy',
  ];
  console.log(markdownTable(head, rows));
  console.log(
    `\nCPU µs/req: the simulator's for "direct", simulator + proxy for "proxy" (their difference is the proxy's cost).` +
      `\nTarget: at 200 connections the proxy adds < 1 ms at p50 and < 5 ms at p99.` +
      (failures ? `\nWARNING: ${failures} failed or non-2xx responses.` : ''),
  );
}

main()
  .catch((error: unknown) => {
    console.error('bench:proxy failed:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => {
    clearTimeout(watchdog);
    for (const server of servers) server.stop();
  });
