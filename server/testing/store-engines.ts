/**
 * The store on both of its engines, for a test file that runs its cases on each: one
 * throw-away PostgreSQL cluster for the file (server/testing/postgres.ts), a new temporary
 * directory for each SQLite store, and everything the file opened closed and removed again.
 *
 *   const engines = storeEngines({ close: 'afterEach' });
 *   describe.each(ENGINES)('… on %s', (engine) => { … await engines.open(engine, 2) … });
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { StoreSettings } from '../config/memory.ts';
import { openStore, type Engine, type Store } from '../store/open.ts';
import { startTestPostgres, type TestPostgres } from './postgres.ts';

export type { Engine };
export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export interface StoreEngines {
  /** Where a new, empty store lives: a new SQLite directory, or a new PostgreSQL database. */
  settings(engine: Engine): Promise<StoreSettings>;
  /**
   * `connections` stores opened on one new, empty store: what that many replicas (or processes
   * on one SQLite file) share. Closed by the fixture.
   */
  open(engine: Engine, connections?: number): Promise<Store[]>;
  /** Opened by the test itself (e.g. a server started on the store): closed with the stores. */
  closeLater(item: { close(): Promise<void> }): void;
}

/**
 * Registers the file's hooks: the cluster starts before the first case and stops after the
 * last; the stores are closed after each case (`close: 'afterEach'`) or after the last.
 */
export function storeEngines(options: { close: 'afterEach' | 'afterAll' }): StoreEngines {
  let postgres: TestPostgres | undefined;
  let databases = 0;
  const dirs: string[] = [];
  const open: { close(): Promise<void> }[] = [];
  const closeAll = async () => {
    for (const item of open.splice(0).reverse()) await item.close();
  };

  beforeAll(async () => {
    postgres = await startTestPostgres();
  }, 120_000);
  if (options.close === 'afterEach') afterEach(closeAll);
  afterAll(async () => {
    await closeAll();
    await postgres?.stop();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const settings = async (engine: Engine): Promise<StoreSettings> => {
    if (engine === 'sqlite') {
      const dataDir = mkdtempSync(join(tmpdir(), 'sfs-store-'));
      dirs.push(dataDir);
      return { engine, dataDir };
    }
    if (!postgres) throw new Error('storeEngines: PostgreSQL is started in beforeAll');
    databases += 1;
    return { engine, url: await postgres.createDatabase(`store_${process.pid}_${databases}`) };
  };

  return {
    settings,
    async open(engine, connections = 1) {
      const where = await settings(engine);
      const stores: Store[] = [];
      // One after the other: the first runs the migrations, the others find them done.
      for (let i = 0; i < connections; i += 1) {
        const store = await openStore(where);
        open.push(store);
        stores.push(store);
      }
      return stores;
    },
    closeLater(item) {
      open.push(item);
    },
  };
}
