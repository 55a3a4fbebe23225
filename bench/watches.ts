/**
 * `npm run bench:watches`: one replica watching 1,000 live jobs with no browser open (issue 21).
 * The production server (`startApp`, in this process) polls a loopback stand-in for the cloud
 * that answers every job as running for 10 minutes, so the polling rules
 * (server/memory/polling.ts) give each job one poll every 20 s: 3,000 requests a minute.
 * After WARMUP_MS (the first round, all due at once, is left out) it reports over MEASURE_MS:
 * - upstream requests per minute, against what the rules give;
 * - the time between two polls of one job (median and 95th percentile), against the rule;
 * - the event loop's delay in the server's process (median, 99th percentile, longest);
 * - the process's resident memory before the watches and at the end.
 * On the embedded store, and on PostgreSQL when its binaries are installed (a throw-away
 * cluster). Loopback only; everything it creates is removed; bounded to 8 minutes.
 *
 *   npm run bench:watches   (WATCHES=1000 WARMUP_MS=30000 MEASURE_MS=60000)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pollInterval } from '../server/memory/polling.ts';
import { startWatch } from '../server/memory/watches.ts';
import { startApp } from '../server/testing/app.ts';
import { postgresAvailable, startTestPostgres } from '../server/testing/postgres.ts';
import { markdownTable } from './table.ts';

const WATCHES = Number(process.env.WATCHES) || 1000;
const WARMUP_MS = Number(process.env.WARMUP_MS) || 30_000;
const MEASURE_MS = Number(process.env.MEASURE_MS) || 60_000;
/** How long the jobs have been running when the bench starts. */
const JOB_AGE_MS = 10 * 60_000;
const PROJECT = '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20';
const log = (line: string) => process.stderr.write(`bench:watches: ${line}\n`);
const rows: string[][] = [];

const utc = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** Every job is running, begun JOB_AGE_MS before the bench; each request is noted. */
async function startCloud(began: number) {
  const polls = new Map<string, number[]>();
  const server = http.createServer((req, res) => {
    const jobId = /\/jobs\/([^/?]+)$/.exec(req.url ?? '')?.[1] ?? '';
    const times = polls.get(jobId) ?? [];
    times.push(Date.now());
    polls.set(jobId, times);
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'X-request-id': `${Date.now().toString(16)}${times.length}`,
    });
    res.end(
      JSON.stringify({
        job_id: jobId,
        job_type: 'extend_share',
        status: 'running',
        begin_time: utc(began),
        sub_jobs: [1, 2, 3].map((n) => ({
          job_id: `${jobId}-s${n}`,
          job_type: 'extend_share',
          status: 'running',
          begin_time: utc(began),
        })),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    polls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function run(engine: string, storeEnv: Record<string, string>): Promise<void> {
  const began = Date.now() - JOB_AGE_MS;
  const cloud = await startCloud(began);
  const rssBefore = process.memoryUsage().rss;
  const app = await startApp(
    {
      ...storeEnv,
      SFS_TURBO_SIMULATOR: '1',
      SFS_TURBO_ENDPOINT: cloud.url,
      NOTIFY_TARGETS: 'bench=webhook:http://127.0.0.1:9/hook',
      NOTIFY_WEBHOOK_SECRET: 'bench-watches-webhook-key-0123456789abcdef',
    },
    { logDestination: { write: () => {} } },
  );
  try {
    const store = app.server.app.memory.store();
    if (!store) throw new Error('the store is not open');
    log(`${engine}: starting ${WATCHES} watches`);
    const now = Date.now();
    for (let n = 0; n < WATCHES; n++) {
      await startWatch(
        store,
        {
          region: 'eu-de',
          projectId: PROJECT,
          jobId: `bench-watch-${String(n).padStart(5, '0')}`,
          target: 'bench',
          subJobFailures: false,
          // Ten watchers, within the per-user cap.
          createdBy: `bench-user-${n % 10}`,
          createdByName: null,
        },
        now,
      );
    }
    log(`${engine}: warming up ${WARMUP_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
    // Sampled every millisecond: an idle loop reads about 1 ms.
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const from = Date.now();
    log(`${engine}: measuring ${MEASURE_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
    const to = Date.now();
    delay.disable();
    const rssAfter = process.memoryUsage().rss;

    let requests = 0;
    const gaps: number[] = [];
    for (const times of cloud.polls.values()) {
      for (const [index, at] of times.entries()) {
        if (at < from || at >= to) continue;
        requests += 1;
        const previous = times[index - 1];
        if (previous !== undefined && previous >= from - MEASURE_MS) gaps.push(at - previous);
      }
    }
    gaps.sort((a, b) => a - b);
    const midAge = (from + to) / 2 - began;
    const rule = pollInterval('running', midAge);
    // From each job's pace: the jobs start in step, so a count over the window depends on
    // where it falls between two rounds (shown beside it).
    const meanGap = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length;
    rows.push(
      [
        engine,
        `upstream requests per minute, ${WATCHES} live jobs (rule: one per ${rule / 1000} s each); requests counted in the ${MEASURE_MS / 1000} s window`,
        `${((WATCHES * 60_000) / meanGap).toFixed(0)}; ${requests}`,
        ((WATCHES * 60_000) / rule).toFixed(0),
      ],
      [
        engine,
        'time between two polls of one job, median / 95th percentile',
        `${(percentile(gaps, 0.5) / 1000).toFixed(1)} / ${(percentile(gaps, 0.95) / 1000).toFixed(1)} s`,
        `${rule / 1000} s`,
      ],
      [
        engine,
        "event loop delay in the server's process, median / 99th percentile / longest",
        `${(delay.percentile(50) / 1e6).toFixed(1)} / ${(delay.percentile(99) / 1e6).toFixed(1)} / ${(delay.max / 1e6).toFixed(1)} ms`,
        '-',
      ],
      [
        engine,
        'resident memory before the watches / at the end',
        `${mib(rssBefore)} / ${mib(rssAfter)}`,
        '-',
      ],
    );
  } finally {
    await app.close();
    await cloud.close();
  }
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error('bench:watches: still running after 8 minutes, stopping');
    process.exit(1);
  }, 8 * 60_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'sfs-bench-watches-'));
  const cluster = postgresAvailable() ? await startTestPostgres() : undefined;
  try {
    await run('SQLite', { SFS_TURBO_DATA_DIR: dataDir });
    if (cluster) {
      await run('PostgreSQL', { DATABASE_URL: await cluster.createDatabase('bench_watches') });
    } else {
      rows.push(['PostgreSQL', 'not measured', 'binaries not installed', '-']);
    }
  } finally {
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    clearTimeout(watchdog);
  }
  console.log(markdownTable(['watches', 'measure', 'value', 'by the rules'], rows));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
