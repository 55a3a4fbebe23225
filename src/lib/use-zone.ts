import { useCallback, useSyncExternalStore } from 'react';
import type { ZoneChoice } from './time';

const KEY = 'sfs-turbo-jobs:zone';
const listeners = new Set<() => void>();

function read(): ZoneChoice {
  try {
    return localStorage.getItem(KEY) === 'local' ? 'local' : 'utc';
  } catch {
    return 'utc';
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** UTC unless the user chose the browser's zone; the choice is remembered across reloads. */
export function useZone(): [ZoneChoice, (zone: ZoneChoice) => void] {
  const zone = useSyncExternalStore(subscribe, read, () => 'utc' as const);
  const setZone = useCallback((next: ZoneChoice) => {
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Private mode without storage: the choice lasts until reload.
    }
    for (const listener of listeners) listener();
  }, []);
  return [zone, setZone];
}
