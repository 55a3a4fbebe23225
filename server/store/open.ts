import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import type { StoreSettings } from '../config/memory.ts';
import { migrations } from './migrations.ts';
import type { StoreTables } from './schema.ts';

export type Engine = StoreSettings['engine'];

/** The server's memory (history, watches, deliveries): one query layer over either engine. */
export interface Store {
  db: Kysely<StoreTables>;
  engine: Engine;
  /** Where it is, for the log: the file, or PostgreSQL's host and database (no password). */
  description: string;
  close(): Promise<void>;
}

/** The store could not be opened or migrated: the message names the variable to look at. */
export class StoreError extends Error {}

export const SQLITE_FILE = 'sfs-turbo-jobs.sqlite';
const MIGRATION_TABLE = 'sfs_turbo_migrations';
const MIGRATION_LOCK_TABLE = 'sfs_turbo_migrations_lock';

/** `host:port/database` of a PostgreSQL URL: what may be shown of it. */
export function postgresPlace(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/** An error's words with the URL's password (if any) taken out. */
function reasonOf(error: unknown, url?: string): string {
  const code = (error as { code?: unknown }).code;
  let text = error instanceof Error ? error.message : String(error);
  const password = url ? decodeURIComponent(new URL(url).password) : '';
  if (password) text = text.split(password).join('***');
  if (url) text = text.split(url).join('DATABASE_URL');
  return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
}

async function openSqlite(dataDir: string): Promise<Store> {
  const file = join(dataDir, SQLITE_FILE);
  const { default: Database } = await import('better-sqlite3');
  let database;
  try {
    mkdirSync(dataDir, { recursive: true });
    database = new Database(file);
    // WAL: readers never wait for the writer, and a second process on the same directory works.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 5000');
  } catch (error) {
    throw new StoreError(
      `Cannot open the embedded store ${file} (SFS_TURBO_DATA_DIR): ${reasonOf(error)}`,
    );
  }
  const db = new Kysely<StoreTables>({ dialect: new SqliteDialect({ database }) });
  return { db, engine: 'sqlite', description: `SQLite ${file}`, close: () => db.destroy() };
}

async function openPostgres(url: string): Promise<Store> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    // bigint columns hold milliseconds, well inside a double: read them as numbers.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === pg.types.builtins.INT8
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server drops (a restart, a failover) must not crash the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new StoreError(
      `Cannot connect to PostgreSQL at ${postgresPlace(url)} (DATABASE_URL): ${reasonOf(error, url)}`,
    );
  }
  const db = new Kysely<StoreTables>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    description: `PostgreSQL ${postgresPlace(url)}`,
    close: () => db.destroy(),
  };
}

/**
 * Opens the store and brings its schema up to date. Several replicas starting at once are
 * safe: the migrator holds a lock in the database while it runs.
 */
export async function openStore(settings: StoreSettings): Promise<Store> {
  const store =
    settings.engine === 'sqlite'
      ? await openSqlite(settings.dataDir)
      : await openPostgres(settings.url);
  const migrator = new Migrator({
    db: store.db,
    provider: migrations,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await store.close().catch(() => {});
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    const variable = settings.engine === 'sqlite' ? 'SFS_TURBO_DATA_DIR' : 'DATABASE_URL';
    throw new StoreError(
      `Cannot bring the store ${store.description} (${variable}) up to date${failed ? ` (migration ${failed})` : ''}: ${reasonOf(error, settings.engine === 'postgres' ? settings.url : undefined)}`,
    );
  }
  return store;
}
