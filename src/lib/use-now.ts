import { useCallback, useRef, useSyncExternalStore } from 'react';

/*
 * One clock for the whole page: a single timer, read by every ticking text. Texts that tick
 * on separate timers drift apart ("began 1 s ago" beside "12 s so far"); on this one they move
 * in the same second. Each reader re-renders only when what it shows changes.
 */
const TICK_MS = 1000;
const listeners = new Set<() => void>();
let current = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function tick() {
  current = Date.now();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    current = Date.now();
    timer = setInterval(tick, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const still = () => () => {};

/**
 * `pick(now)` on the page's one clock while `active`, re-rendering only when its result
 * changes (compared with `Object.is`): a text that shows minutes re-renders once a minute.
 * While inactive, the last value stays.
 */
export function useClock<T>(active: boolean, pick: (now: number) => T): T {
  // The time last read while active: an inactive reader keeps showing it.
  const last = useRef<number | undefined>(undefined);
  const snapshot = (): T => {
    if (active || last.current === undefined)
      last.current = listeners.size > 0 ? current : Date.now();
    return pick(last.current);
  };
  return useSyncExternalStore(active ? subscribe : still, snapshot, snapshot);
}

const whole = (intervalMs: number) => (now: number) => now - (now % intervalMs);

/**
 * The current time on the page's one clock, moved on every `intervalMs` (whole seconds by
 * default) while `active`; for ticking elapsed times.
 */
export function useNow(active: boolean, intervalMs = TICK_MS): number {
  const pick = useCallback((now: number) => whole(intervalMs)(now), [intervalMs]);
  return useClock(active, pick);
}
