import type { MemoryConfig } from '../config/memory.ts';
import { openStore, StoreError, type Store } from '../store/open.ts';

/**
 * The server's memory: the store, opened (and migrated) in the background while the server
 * already answers its probes, so that `/readyz` can say it is not ready yet rather than the
 * port being closed. A store that cannot be opened rejects `opened` with a message naming the
 * variable; `npm start` stops on it.
 */
export interface Memory {
  config: MemoryConfig;
  opened: Promise<Store>;
  /** The store once open; undefined before. */
  store(): Store | undefined;
  /** For readiness: not ready while the store opens, nor when it could not be opened. */
  state(): { ready: true } | { ready: false; reason: string };
  close(): Promise<void>;
}

export function createMemory(config: MemoryConfig, open: typeof openStore = openStore): Memory {
  let store: Store | undefined;
  let failure: string | undefined;
  const variable = config.store.engine === 'sqlite' ? 'SFS_TURBO_DATA_DIR' : 'DATABASE_URL';
  const opened = open(config.store).then(
    (value) => {
      store = value;
      return value;
    },
    (error: unknown) => {
      failure =
        error instanceof StoreError
          ? error.message
          : `Cannot open the store (${variable}): ${error instanceof Error ? error.message : String(error)}`;
      throw new StoreError(failure);
    },
  );
  // Whoever awaits `opened` sees the failure; an unawaited rejection must not crash the process.
  opened.catch(() => {});
  return {
    config,
    opened,
    store: () => store,
    state() {
      if (store) return { ready: true };
      if (failure) return { ready: false, reason: failure };
      return {
        ready: false,
        reason: `Opening the store and bringing its schema up to date (${variable})`,
      };
    },
    async close() {
      await opened.then(
        (value) => value.close(),
        () => {},
      );
    },
  };
}
