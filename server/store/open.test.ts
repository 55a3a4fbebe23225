import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../testing/postgres.ts';
import { closedPort } from '../testing/servers.ts';
import { migrations } from './migrations.ts';
import { openStore, SQLITE_FILE, StoreError } from './open.ts';

let postgres: TestPostgres;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sfs-store-'));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  postgres = await startTestPostgres();
}, 120_000);
afterAll(async () => {
  await postgres?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('openStore', () => {
  it('creates the data directory and its file, and opens it again without migrating twice', async () => {
    const dir = join(tempDir(), 'not', 'yet');
    const first = await openStore({ engine: 'sqlite', dataDir: dir });
    await first.db
      .insertInto('observations')
      .values({
        id: 'a',
        job_key: 'k',
        observed_at: 1,
        request_id: null,
        viewer: null,
        facts: '{}',
        changed: '[]',
      })
      .execute();
    await first.close();
    const again = await openStore({ engine: 'sqlite', dataDir: dir });
    expect(again.description).toBe(`SQLite ${join(dir, SQLITE_FILE)}`);
    expect(await again.db.selectFrom('observations').select('id').execute()).toEqual([{ id: 'a' }]);
    await again.close();
  });

  it('names SFS_TURBO_DATA_DIR when the directory cannot be made', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'not a directory');
    const opening = openStore({ engine: 'sqlite', dataDir: join(file, 'data') });
    await expect(opening).rejects.toBeInstanceOf(StoreError);
    await expect(opening).rejects.toThrow(/SFS_TURBO_DATA_DIR/);
  });

  it('names DATABASE_URL and never quotes its password when PostgreSQL cannot be reached', async () => {
    const port = await closedPort();
    const opening = openStore({
      engine: 'postgres',
      url: `postgres://someone:hunter2-secret@127.0.0.1:${port}/db`,
    });
    const error = (await opening.catch((caught: unknown) => caught as Error)) as Error;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).toContain(`127.0.0.1:${port}/db`);
    expect(error.message).not.toContain('hunter2');
  });

  it('names DATABASE_URL when PostgreSQL refuses the password, without quoting it', async () => {
    const url = new URL(postgres.url);
    url.password = 'wrong-password-xyz';
    const error = (await openStore({ engine: 'postgres', url: url.href }).catch(
      (caught: unknown) => caught as Error,
    )) as Error;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.message).toMatch(/DATABASE_URL.*password authentication failed/);
    expect(error.message).not.toContain('wrong-password-xyz');
  });

  it('lets several replicas start on one PostgreSQL at once: one migrates, all open', async () => {
    const url = await postgres.createDatabase('replicas');
    const stores = await Promise.all([1, 2, 3].map(() => openStore({ engine: 'postgres', url })));
    const tables = await stores[0]!.db
      .selectFrom('sfs_turbo_migrations' as never)
      .select('name' as never)
      .execute();
    const names = Object.keys(await migrations.getMigrations()).map((name) => ({ name }));
    expect(tables).toEqual(names);
    // bigint columns come back as numbers, as from SQLite.
    await stores[1]!.db
      .insertInto('observations')
      .values({
        id: 'x',
        job_key: 'k',
        observed_at: 1_796_000_000_123,
        request_id: null,
        viewer: null,
        facts: '{}',
        changed: '[]',
      })
      .execute();
    const row = await stores[2]!.db
      .selectFrom('observations')
      .select('observed_at')
      .executeTakeFirst();
    expect(row?.observed_at).toBe(1_796_000_000_123);
    await Promise.all(stores.map((store) => store.close()));
  });
});
