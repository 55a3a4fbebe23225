/**
 * `npm run bench:memory`: what the server's memory (issue 21) costs, on the embedded store
 * (SQLite) and on PostgreSQL when its binaries are installed (a throw-away cluster,
 * server/testing/postgres.ts):
 * - µs per observation written: one job's answer that changed, compared and recorded in its
 *   transaction (server/memory/history.ts `recordEntry`), one at a time, as the recorder's
 *   queue writes them; and µs per unchanged answer (read, compare, nothing written);
 * - bytes on disk per 10,000 observations (1,000 jobs, 10 changes each, with the first and
 *   latest answer of each job kept whole): the SQLite file after a checkpoint, or
 *   `pg_total_relation_size` of the two tables;
 * - the server's resident memory (`startApp`, the production server in this process's child)
 *   with its store open and 10,000 observations written, and after closing the store.
 * Loopback only; everything it creates is removed; each part is bounded and the whole run
 * stops after 5 minutes. Progress goes to stderr, the table to stdout.
 *
 *   npm run bench:memory   (OBSERVATIONS=10000: how many to write for the size)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { factsOf } from '../server/memory/facts.ts';
import { recordEntry } from '../server/memory/history.ts';
import type { JobKey } from '../server/proxy/job-source.ts';
import { openStore, SQLITE_FILE, type Store } from '../server/store/open.ts';
import {
  postgresAvailable,
  startTestPostgres,
  type TestPostgres,
} from '../server/testing/postgres.ts';
import { markdownTable } from './table.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const OBSERVATIONS = Number(process.env.OBSERVATIONS) || 10_000;
const CHANGES_PER_JOB = 10;
const TIMED_WRITES = 2_000;
/** No part writes for longer than this; what was written by then is what is reported. */
const PART_LIMIT_MS = 60_000;
const PROJECT = '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20';

const log = (line: string) => process.stderr.write(`bench:memory: ${line}\n`);

/** A job's answer after `step` changes: a few sub-jobs move on, one by one. */
function body(jobId: string, step: number): string {
  const words = ['waiting', 'running', 'success'];
  return JSON.stringify({
    job_id: jobId,
    status: step < CHANGES_PER_JOB - 1 ? 'running' : 'failed',
    job_type: 'extend_share',
    begin_time: '2026-12-05 10:00:00',
    ...(step === CHANGES_PER_JOB - 1
      ? { error_code: 'SFS.TURBO.0029', fail_reason: 'Subnet has not enough ips' }
      : {}),
    sub_jobs: Array.from({ length: 5 }, (_, n) => ({
      job_id: `${jobId.slice(0, 30)}-s${n}`,
      status: words[Math.min(2, Math.max(0, step - n * 2))],
      job_type: 'create_share',
      begin_time: '2026-12-05 10:00:00',
    })),
  });
}

function entry(jobId: string, step: number, at: number) {
  const text = body(jobId, step);
  return {
    kind: 'answer' as const,
    at,
    requestId: '0123456789abcdef0123456789abcdef',
    viewer: 'someone@example.org',
    body: text,
    facts: factsOf(JSON.parse(text)),
  };
}

const job = (prefix: string, n: number): JobKey => ({
  region: 'eu-de',
  projectId: PROJECT,
  jobId: `${prefix}-${String(n).padStart(8, '0')}`,
});

/** Writes `total` observations over jobs of CHANGES_PER_JOB each; stops at the limit. */
async function writeObservations(store: Store, prefix: string, total: number): Promise<number> {
  const until = Date.now() + PART_LIMIT_MS;
  const at = Date.now();
  let written = 0;
  for (let step = 0; step < CHANGES_PER_JOB && written < total; step += 1) {
    for (let n = 0; n < total / CHANGES_PER_JOB && written < total; n += 1) {
      const key = job(prefix, n);
      await recordEntry(store, key, entry(key.jobId, step, at + step * 1000));
      written += 1;
      if (Date.now() > until) return written;
    }
  }
  return written;
}

async function timed(store: Store): Promise<{ changed: number; unchanged: number }> {
  // Warm up: the first statements prepare and fill caches.
  await writeObservations(store, 'warm', 200);
  let start = process.hrtime.bigint();
  const written = await writeObservations(store, 'timed', TIMED_WRITES);
  const changed = Number(process.hrtime.bigint() - start) / 1000 / written;
  const at = Date.now() + 3600_000;
  const jobs = TIMED_WRITES / CHANGES_PER_JOB;
  start = process.hrtime.bigint();
  for (let n = 0; n < jobs; n += 1) {
    const key = job('timed', n);
    // The same facts as the last change: compared, nothing written.
    await recordEntry(store, key, entry(key.jobId, CHANGES_PER_JOB - 1, at));
  }
  const unchanged = Number(process.hrtime.bigint() - start) / 1000 / jobs;
  return { changed, unchanged };
}

const rows: string[][] = [];
const us = (value: number) => `${value.toFixed(0)} µs`;
const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MiB`;

async function sqlite(): Promise<void> {
  log('SQLite');
  const dir = mkdtempSync(join(tmpdir(), 'sfs-bench-memory-'));
  try {
    let store = await openStore({ engine: 'sqlite', dataDir: dir });
    const cost = await timed(store);
    rows.push(['SQLite', 'per observation written', us(cost.changed)]);
    rows.push(['SQLite', 'per unchanged answer (read and compare)', us(cost.unchanged)]);
    await store.close();

    const sizeDir = mkdtempSync(join(tmpdir(), 'sfs-bench-memory-size-'));
    try {
      store = await openStore({ engine: 'sqlite', dataDir: sizeDir });
      const sizeFile = join(sizeDir, SQLITE_FILE);
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(store.db);
      const empty = statSync(sizeFile).size;
      const written = await writeObservations(store, 'size', OBSERVATIONS);
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(store.db);
      const grown = statSync(sizeFile).size - empty;
      rows.push([
        'SQLite',
        'on disk per 10,000 observations (file)',
        mib((grown / written) * 10_000) + (written < OBSERVATIONS ? ` (from ${written})` : ''),
      ]);
      await store.close();
    } finally {
      rmSync(sizeDir, { recursive: true, force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres(cluster: TestPostgres): Promise<void> {
  log('PostgreSQL');
  const url = await cluster.createDatabase('bench_memory');
  const store = await openStore({ engine: 'postgres', url });
  try {
    const cost = await timed(store);
    rows.push(['PostgreSQL', 'per observation written', us(cost.changed)]);
    rows.push(['PostgreSQL', 'per unchanged answer (read and compare)', us(cost.unchanged)]);
    await store.db.deleteFrom('observations').execute();
    await store.db.deleteFrom('jobs_seen').execute();
    await sql`VACUUM FULL observations`.execute(store.db);
    await sql`VACUUM FULL jobs_seen`.execute(store.db);
    const size = async () => {
      const result = await sql<{ bytes: number | string }>`
        SELECT pg_total_relation_size('observations') + pg_total_relation_size('jobs_seen') AS bytes`.execute(
        store.db,
      );
      return Number(result.rows[0]?.bytes ?? 0);
    };
    const empty = await size();
    const written = await writeObservations(store, 'size', OBSERVATIONS);
    await sql`VACUUM observations`.execute(store.db);
    await sql`VACUUM jobs_seen`.execute(store.db);
    const grown = (await size()) - empty;
    rows.push([
      'PostgreSQL',
      'on disk per 10,000 observations (pg_total_relation_size)',
      mib((grown / written) * 10_000) + (written < OBSERVATIONS ? ` (from ${written})` : ''),
    ]);
  } finally {
    await store.close();
  }
}

/** The server's RSS, measured in a fresh process (this one has written thousands of rows). */
function rssChild(env: Record<string, string>): Promise<{ open: number; closed: number }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'bench/memory.ts', '--rss-child'],
      { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 2 * PART_LIMIT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((text) => text.startsWith('RSS '));
      if (code !== 0 || !line) return fail(new Error(`the RSS child exited with ${code}`));
      const [, open = '0', closed = '0'] = line.split(' ');
      done({ open: Number(open), closed: Number(closed) });
    });
  });
}

/** In the child: the production server with its store, 10,000 observations, then the store closed. */
async function measureRss(): Promise<void> {
  const { startApp } = await import('../server/testing/app.ts');
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  // Only the store's variable from the environment: never a credential of the shell.
  const { SFS_TURBO_DATA_DIR, DATABASE_URL } = process.env;
  const app = await startApp({
    ...(SFS_TURBO_DATA_DIR ? { SFS_TURBO_DATA_DIR } : {}),
    ...(DATABASE_URL ? { DATABASE_URL } : {}),
  });
  const store = app.server.app.memory.store();
  if (!store) throw new Error('the store did not open');
  await writeObservations(store, 'rss', OBSERVATIONS);
  gc();
  const open = process.memoryUsage().rss;
  await app.server.app.memory.close();
  gc();
  await new Promise((resolvePromise) => setTimeout(resolvePromise, 200));
  gc();
  const closed = process.memoryUsage().rss;
  await app.close();
  process.stdout.write(`RSS ${open} ${closed}\n`);
}

async function rss(label: string, env: Record<string, string>): Promise<void> {
  log(`server RSS, ${label}`);
  const measured = await rssChild(env);
  rows.push([
    label,
    `server RSS, store open (${OBSERVATIONS} observations written) / store closed`,
    `${mib(measured.open)} / ${mib(measured.closed)}`,
  ]);
}

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error('bench:memory: still running after 5 minutes, stopping');
    process.exit(1);
  }, 5 * 60_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'sfs-bench-memory-rss-'));
  const cluster = postgresAvailable() ? await startTestPostgres() : undefined;
  try {
    await sqlite();
    await rss('SQLite', { SFS_TURBO_DATA_DIR: dataDir });
    if (cluster) {
      await postgres(cluster);
      await rss('PostgreSQL', { DATABASE_URL: await cluster.createDatabase('bench_memory_rss') });
    } else {
      rows.push([
        'PostgreSQL',
        'not measured',
        'binaries not installed (apt-get install postgresql)',
      ]);
    }
  } finally {
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    clearTimeout(watchdog);
  }
  console.log(markdownTable(['memory', 'measure', 'value'], rows));
}

if (process.argv.includes('--rss-child')) {
  measureRss().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
