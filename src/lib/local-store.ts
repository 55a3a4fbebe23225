import { useSyncExternalStore } from 'react';

/**
 * One value kept in `localStorage` under `key`, shared by every component and by other tabs
 * (through the `storage` event). `decode` turns whatever is stored, possibly by another
 * version or by hand, into a valid value; it is called only when the stored text changes.
 */
export function createLocalStore<T>(key: string, decode: (raw: string | null) => T) {
  const listeners = new Set<() => void>();
  let cache: { raw: string | null; value: T } | undefined;

  function get(): T {
    let raw: string | null = null;
    try {
      raw = localStorage.getItem(key);
    } catch {
      // Storage disabled: keep what this page last wrote or read.
      raw = cache?.raw ?? null;
    }
    if (cache === undefined || cache.raw !== raw) cache = { raw, value: decode(raw) };
    return cache.value;
  }

  function set(raw: string): void {
    try {
      localStorage.setItem(key, raw);
    } catch {
      // Storage full or disabled: the value lasts until reload.
      cache = { raw, value: decode(raw) };
    }
    for (const listener of listeners) listener();
  }

  function subscribe(listener: () => void) {
    listeners.add(listener);
    const onStorage = (event: StorageEvent) => {
      if (event.key === key) listener();
    };
    window.addEventListener('storage', onStorage);
    return () => {
      listeners.delete(listener);
      window.removeEventListener('storage', onStorage);
    };
  }

  function useValue(serverValue: T): T {
    return useSyncExternalStore(subscribe, get, () => serverValue);
  }

  return { get, set, useValue };
}
