/**
 * `npm run bench:soak [-- --minutes 10 --viewers 200]`: keeps simulated viewers polling one
 * job each through the proxy, every 2 s as a job page does while a job is young, and reports
 * failed requests, latency (p50/p99) per minute and overall, and the proxy process's memory
 * (RSS and live heap after a full GC) before the load, after the first minute and at the end.
 *
 * The proxy runs in a child process (bench/soak-serve.ts: the server as `npm start`
 * builds it, so the embedded simulator is its upstream and lives in that process too); this
 * process only generates load. Loopback only. Each viewer has its own keep-alive connection,
 * as each browser would, and at most one request in flight (react-query dedupes). Viewers
 * keep polling after their job ends, so the load stays constant for the whole run.
 *
 * Bounded: the run lasts --minutes (default 10) and a watchdog stops everything two minutes
 * after that.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_PROJECT_ID, SCENARIO } from '../server/simulator/simulator.ts';
import { markdownTable } from './table.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    viewers: { type: 'string', default: '200' },
    'interval-ms': { type: 'string', default: '2000' },
  },
});
const MINUTES = Number(values.minutes);
const VIEWERS = Number(values.viewers);
const INTERVAL_MS = Number(values['interval-ms']);
if (!(MINUTES > 0) || !(VIEWERS > 0) || !(INTERVAL_MS > 0)) {
  console.error('usage: bench:soak [--minutes N] [--viewers N] [--interval-ms N]');
  process.exit(2);
}
const RUN_MS = MINUTES * 60_000;
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Jobs that answer 200, the mix a support desk watches: live ones (they start on the first
 * request and end within a minute), ones that never end, finished ones, failures and the
 * large layouts (500 and 1,000 sub-jobs, the biggest bodies the simulator serves).
 */
const JOBS = [
  SCENARIO.running,
  SCENARIO.liveFailure,
  SCENARIO.waiting,
  SCENARIO.runningForever,
  SCENARIO.success,
  SCENARIO.failed,
  SCENARIO.multipleFailures,
  SCENARIO.longFailReason,
  SCENARIO.sequentialSubJobs,
  SCENARIO.overlappingSubJobs,
  SCENARIO.manySubJobs,
  SCENARIO.benchmarkSubJobs,
  SCENARIO.upperLive,
  SCENARIO.docExample,
  SCENARIO.extraFields,
];

interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  logLines: number;
}

interface ServerProcess {
  url: string;
  memory(): Promise<Memory>;
  stop(): Promise<void>;
}

function startServer(): Promise<ServerProcess> {
  const script = fileURLToPath(new URL('./soak-serve.ts', import.meta.url));
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const next = () => new Promise<string>((resolve) => lines.once('line', resolve));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`soak server exited with ${code}`)));
    void next().then((line) => {
      const { url } = JSON.parse(line) as { url: string };
      resolve({
        url,
        memory: async () => {
          const answer = next();
          child.stdin.write('mem\n');
          return JSON.parse(await answer) as Memory;
        },
        stop: async () => {
          child.stdin.end();
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}

interface Window {
  latencies: number[];
  errors: number;
}

const windows: Window[] = [];
const errorKinds = new Map<string, number>();
let requests = 0;
let stopping = false;

function windowFor(elapsedMs: number): Window {
  const index = Math.floor(elapsedMs / 60_000);
  while (windows.length <= index) windows.push({ latencies: [], errors: 0 });
  return windows[index]!;
}

function fail(window: Window, kind: string): void {
  window.errors += 1;
  errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
}

function poll(agent: http.Agent, url: string): Promise<{ ok: boolean; kind: string }> {
  return new Promise((resolve) => {
    const request = http.get(
      url,
      { agent, headers: { Accept: 'application/json' }, timeout: REQUEST_TIMEOUT_MS },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          const ok = response.statusCode === 200 && body.length > 0;
          // A failure is reported with the start of its body: the proxy's own errors name
          // their cause there.
          const kind = ok ? 'ok' : `HTTP ${response.statusCode}: ${body.toString('utf8', 0, 200)}`;
          resolve({ ok, kind });
        });
        response.on('error', (error) => resolve({ ok: false, kind: `response: ${error.message}` }));
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)),
    );
    request.on('error', (error) => resolve({ ok: false, kind: `request: ${error.message}` }));
  });
}

async function viewer(index: number, base: string, started: number): Promise<void> {
  const jobId = JOBS[index % JOBS.length]!;
  const url = `${base}/api/eu-de/v1/${DEMO_PROJECT_ID}/sfs-turbo/jobs/${jobId}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  // Viewers open their pages spread over the first interval, not all in the same millisecond.
  let due = started + (index / VIEWERS) * INTERVAL_MS;
  try {
    while (!stopping) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (stopping || performance.now() - started >= RUN_MS) break;
      const sent = performance.now();
      const result = await poll(agent, url);
      const done = performance.now();
      requests += 1;
      const window = windowFor(sent - started);
      window.latencies.push(done - sent);
      if (!result.ok) fail(window, result.kind);
      // Fixed rate, like react-query's interval; a slow answer delays only the next request.
      due += INTERVAL_MS;
      if (due < done) due = done;
    }
  } finally {
    agent.destroy();
  }
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error('bench:soak: still running two minutes after the planned end, stopping');
    process.exit(1);
  }, RUN_MS + 120_000);
  const server = await startServer();
  try {
    const before = await server.memory();
    console.log(
      `bench:soak: ${VIEWERS} viewers polling every ${INTERVAL_MS / 1000} s for ${MINUTES} min through ${server.url} ` +
        `(${JOBS.length} jobs; load average ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')})`,
    );
    const memorySamples: { minute: number; memory: Memory }[] = [];
    const started = performance.now();
    const sampler = setInterval(() => {
      const minute = Math.round((performance.now() - started) / 60_000);
      void server.memory().then((memory) => {
        memorySamples.push({ minute, memory });
        const window = windows[minute - 1];
        console.log(
          `  minute ${minute}: ${window?.latencies.length ?? 0} requests, ${window?.errors ?? 0} failed, ` +
            `p99 ${ms(percentile(window?.latencies ?? [], 99))}, RSS ${mb(memory.rss)}, heap ${mb(memory.heapUsed)}`,
        );
      });
    }, 60_000);
    const viewers = Array.from({ length: VIEWERS }, (_, i) => viewer(i, server.url, started));
    await new Promise((resolve) => setTimeout(resolve, RUN_MS));
    stopping = true;
    clearInterval(sampler);
    await Promise.all(viewers);
    const after = await server.memory();

    const all = windows.flatMap((w) => w.latencies);
    const failed = windows.reduce((sum, w) => sum + w.errors, 0);
    const warm = memorySamples.find((sample) => sample.minute === 1)?.memory;
    console.log('');
    console.log(
      markdownTable(
        ['minute', 'requests', 'failed', 'p50', 'p99', 'max'],
        windows.map((w, i) => [
          String(i + 1),
          String(w.latencies.length),
          String(w.errors),
          ms(percentile(w.latencies, 50)),
          ms(percentile(w.latencies, 99)),
          ms(Math.max(...w.latencies)),
        ]),
      ),
    );
    console.log('');
    const memoryRow = (label: string, memory: Memory | undefined) =>
      memory
        ? [
            label,
            mb(memory.rss),
            mb(memory.heapUsed),
            mb(memory.heapTotal),
            String(memory.logLines),
          ]
        : [label, '-', '-', '-', '-'];
    console.log(
      markdownTable(
        ['proxy process memory', 'RSS', 'heap used', 'heap total', 'requests logged'],
        [
          memoryRow('before the load', before),
          memoryRow('after minute 1', warm),
          memoryRow('at the end', after),
        ],
      ),
    );
    console.log('');
    console.log(
      markdownTable(
        ['soak', 'value'],
        [
          [
            'viewers × interval × duration',
            `${VIEWERS} × ${INTERVAL_MS / 1000} s × ${MINUTES} min`,
          ],
          ['requests', String(requests)],
          ['failed requests', String(failed)],
          ['latency p50 / p99', `${ms(percentile(all, 50))} / ${ms(percentile(all, 99))}`],
          ['RSS start → end', `${mb(before.rss)} → ${mb(after.rss)}`],
          ['heap used (after GC) start → end', `${mb(before.heapUsed)} → ${mb(after.heapUsed)}`],
          ...(warm
            ? [
                [
                  'heap used (after GC) minute 1 → end',
                  `${mb(warm.heapUsed)} → ${mb(after.heapUsed)}`,
                ],
              ]
            : []),
        ],
      ),
    );
    if (errorKinds.size > 0) {
      console.log('\nfailures by kind:');
      for (const [kind, count] of errorKinds) console.log(`  ${count} × ${kind}`);
    }
    process.exitCode = failed > 0 ? 1 : 0;
  } finally {
    clearTimeout(watchdog);
    await server.stop();
  }
}

void main();
