/**
 * `npm run bench:proxy`: what the proxy costs. The same load goes straight at the simulator
 * and through the proxy (the real handler, as Vite preview mounts it) at 50 and 200
 * connections, all on loopback, each server in its own process.
 *
 * Two kinds of run per setting:
 *   - saturation: every connection sends as fast as it can → requests per second;
 *   - fixed rate (BENCH_RATE, default 1000 req/s in total): the same offered load on both
 *     paths → latency without queueing, so that p50/p99 differences are the proxy's own.
 * Latencies are recorded per response with sub-millisecond resolution (autocannon's own
 * percentiles are whole milliseconds).
 *
 * Bounded: BENCH_SECONDS (default 4) per run, 1 s warm-up, and a hard stop after 3 minutes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS) || 4;
const RATE = Number(process.env.BENCH_RATE) || 1000;
const CONNECTIONS = [50, 200];
const HARD_STOP_MS = 180_000;

const children: ChildProcess[] = [];
const stopAll = () => {
  for (const child of children) child.stdin?.end();
};
const watchdog = setTimeout(() => {
  console.error(`bench:proxy: still running after ${HARD_STOP_MS / 1000} s, stopping`);
  stopAll();
  process.exit(1);
}, HARD_STOP_MS);

function serve(...args: string[]): Promise<{ url: string; projectId?: string; jobId?: string }> {
  const script = fileURLToPath(new URL('./proxy-serve.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(JSON.parse(line) as { url: string }));
  });
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function run(url: string, connections: number, seconds: number, overallRate?: number): Promise<Measured> {
  const times: number[] = [];
  let done: (result: autocannon.Result) => void = () => undefined;
  let failed: (error: unknown) => void = () => undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    done = resolve;
    failed = reject;
  });
  const instance = autocannon(
    {
      url,
      connections,
      duration: seconds,
      ...(overallRate ? { overallRate } : {}),
      headers: { accept: 'application/json' },
    },
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
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

async function main(): Promise<void> {
  const simulator = await serve('simulator');
  if (!simulator.projectId || !simulator.jobId) throw new Error('the simulator offers no demo job to ask for');
  const proxy = await serve('proxy', simulator.url);
  const path = `/v1/${simulator.projectId}/sfs-turbo/jobs/${simulator.jobId}`;
  const targets = { direct: `${simulator.url}${path}`, proxy: `${proxy.url}/api/eu-de${path}` };

  console.log(`bench:proxy — loopback, ${SECONDS} s per run, fixed rate ${RATE} req/s, Node ${process.version}`);
  console.log(`  direct: ${targets.direct}\n  proxy:  ${targets.proxy}\n`);
  const rows: string[][] = [];
  for (const connections of CONNECTIONS) {
    for (const [mode, rate] of [['saturation', undefined], [`${RATE} req/s`, RATE]] as const) {
      const measured: Record<'direct' | 'proxy', Measured> = {} as never;
      for (const which of ['direct', 'proxy'] as const) {
        await run(targets[which], connections, 1, rate); // warm-up: sockets, JIT
        measured[which] = await run(targets[which], connections, SECONDS, rate);
      }
      const { direct, proxy: via } = measured;
      rows.push([
        String(connections),
        mode,
        fmt(direct.rps, 0),
        fmt(via.rps, 0),
        fmt(via.rps / direct.rps),
        `${fmt(direct.p50)} / ${fmt(direct.p99)}`,
        `${fmt(via.p50)} / ${fmt(via.p99)}`,
        `+${fmt(via.p50 - direct.p50)} / +${fmt(via.p99 - direct.p99)}`,
        String(direct.errors + direct.non2xx + via.errors + via.non2xx),
      ]);
    }
  }
  const head = ['conns', 'load', 'direct req/s', 'proxy req/s', 'ratio', 'direct p50/p99 ms', 'proxy p50/p99 ms', 'overhead p50/p99 ms', 'errors'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log('\nTarget: at 200 connections the proxy adds < 1 ms at p50 and < 5 ms at p99 (fixed-rate rows).');
}

main()
  .catch((error: unknown) => {
    console.error('bench:proxy failed:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => {
    clearTimeout(watchdog);
    stopAll();
  });
