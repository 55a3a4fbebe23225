import { describe, expect, it } from 'vitest';
import type { MemoryConfig } from '../config/memory.ts';
import { StoreError, type Store } from '../store/open.ts';
import { createMemory } from './memory.ts';

const config: MemoryConfig = {
  store: { engine: 'sqlite', dataDir: '/nowhere' },
  historyDays: 90,
  targets: [],
  webhookSecret: undefined,
};

describe('createMemory', () => {
  it('is not ready while the store opens, and ready once it is open', async () => {
    let finish: (store: Store) => void = () => {};
    const memory = createMemory(config, () => new Promise<Store>((resolve) => (finish = resolve)));
    expect(memory.state()).toEqual({
      ready: false,
      reason: expect.stringMatching(/Opening the store.*SFS_TURBO_DATA_DIR/),
    });
    expect(memory.store()).toBeUndefined();
    const store = { close: () => Promise.resolve() } as Store;
    finish(store);
    await memory.opened;
    expect(memory.state()).toEqual({ ready: true });
    expect(memory.store()).toBe(store);
  });

  it('stays not ready, with the reason, when the store cannot be opened', async () => {
    const memory = createMemory(config, () =>
      Promise.reject(
        new StoreError('Cannot open the embedded store x (SFS_TURBO_DATA_DIR): EACCES'),
      ),
    );
    await expect(memory.opened).rejects.toThrow(/SFS_TURBO_DATA_DIR/);
    expect(memory.state()).toEqual({ ready: false, reason: expect.stringMatching(/EACCES/) });
    await memory.close();
  });
});
