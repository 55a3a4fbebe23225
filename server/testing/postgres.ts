/**
 * A throw-away PostgreSQL cluster for tests: Debian's PostgreSQL 15 binaries (`.ci/run`
 * installs them), `initdb` into a temporary directory, `pg_ctl` on a free loopback port, and
 * everything removed on `stop()`. Run as root (CI's containers), the cluster belongs to the
 * `postgres` user, as `initdb` refuses to run as root.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './servers.ts';

/** Debian's PostgreSQL 15 (the package .ci/run installs). */
const BIN = '/usr/lib/postgresql/15/bin';

export interface TestPostgres {
  /** `postgres://…@127.0.0.1:port/postgres` */
  url: string;
  /** A new, empty database on the cluster, and its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export function postgresAvailable(): boolean {
  return existsSync(join(BIN, 'initdb')) && existsSync(join(BIN, 'pg_ctl'));
}

function postgresIds(): { uid: number; gid: number } {
  const line = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).split(':');
  return { uid: Number(line[2]), gid: Number(line[3]) };
}

export async function startTestPostgres(): Promise<TestPostgres> {
  if (!postgresAvailable()) {
    throw new Error(`PostgreSQL binaries not found in ${BIN}: apt-get install postgresql`);
  }
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'sfs-pg-'));
  const data = join(dir, 'data');
  const password = 'test-only-password';
  const passwordFile = join(dir, 'pwfile');
  writeFileSync(passwordFile, `${password}\n`);
  const ids = root ? postgresIds() : undefined;
  if (ids) {
    chmodSync(dir, 0o700);
    chownSync(dir, ids.uid, ids.gid);
    chownSync(passwordFile, ids.uid, ids.gid);
  }
  const run = (command: string, args: string[]) =>
    execFileSync(join(BIN, command), args, {
      stdio: 'pipe',
      timeout: 60_000,
      ...(ids ? { uid: ids.uid, gid: ids.gid } : {}),
    });
  run('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=scram-sha-256',
    `--pwfile=${passwordFile}`,
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  const port = await freePort();
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c full_page_writes=off`,
    'start',
  ]);
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]{0,40}$/.test(name)) throw new Error(`bad database name ${name}`);
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres:${password}@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
