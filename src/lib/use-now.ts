import { useRef, useSyncExternalStore } from 'react';

/*
 * One clock for the whole page: a single timer, read by every ticking text. Texts that tick
 * on separate timers drift apart ("began 1 s ago" beside "12 s so far"); on this one they move
 * in the same second. Each reader re-renders only when what it shows changes.
 */
const listeners = new Set<() => void>();
let current = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    current = Date.now();
    timer = setInterval(() => {
      current = Date.now();
      for (const each of listeners) each();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const still = () => () => {};

/**
 * `pick(now)` on the page's one clock while `active`, re-rendering only when its result
 * changes (compared with `Object.is`, so `pick` returns a number or a string): a text that
 * shows minutes re-renders once a minute. While inactive, the time last read stays.
 */
export function useClock<T>(active: boolean, pick: (now: number) => T): T {
  const last = useRef<number | undefined>(undefined);
  const snapshot = (): T => {
    if (active || last.current === undefined)
      last.current = listeners.size > 0 ? current : Date.now();
    return pick(last.current);
  };
  return useSyncExternalStore(active ? subscribe : still, snapshot, snapshot);
}

/**
 * The current time on the page's one clock, in whole steps of `intervalMs` (a second by
 * default) while `active`; for ticking elapsed times.
 */
export function useNow(active: boolean, intervalMs = 1000): number {
  return useClock(active, (now) => now - (now % intervalMs));
}
