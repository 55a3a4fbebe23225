import { lazy, useEffect, type ComponentType } from 'react';

/**
 * A component whose code is its own chunk, loaded when first drawn (under a Suspense) or
 * earlier through `preload`. For what the first paint of a page does not need (decision 0006).
 */
export function lazyComponent<M, P extends object>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType<P>,
) {
  const Lazy = lazy(async () => ({ default: pick(await load()) }));
  return Object.assign(Lazy, { preload: load });
}

/**
 * Once the page is on screen and the browser idle, loads the given chunks (their import()
 * functions), so that a later click or a failed lookup never waits for the network. A chunk
 * that fails to load fails again where it is used, which explains it.
 */
export function usePreloadOnIdle(...loads: Array<() => Promise<unknown>>): void {
  useEffect(() => {
    const run = () => {
      for (const load of loads) void load().catch(() => undefined);
    };
    // Safari has no requestIdleCallback.
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(run, 2_000);
      return () => clearTimeout(timer);
    }
    const id = requestIdleCallback(run, { timeout: 5_000 });
    return () => cancelIdleCallback(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per mount: the loads are module constants
  }, []);
}
