/**
 * Identical upstream requests share one exchange: while one is in flight, the others wait for
 * its answer; once answered, the answer serves identical requests for `ttlMs` (the
 * SFS_TURBO_CACHE_MS window). Two hundred viewers of one job cost the cloud one request per
 * window, not two hundred. Failures (a timeout, a refused login) are shared by the requests
 * that waited for them but never kept.
 */
export interface Shared<T> {
  value: T;
  /** When the upstream answered (ms since epoch): the browser is told the answer's age. */
  at: number;
  /** Served without a request of its own (joined one in flight, or from the window). */
  coalesced: boolean;
}

export interface Coalescer<T> {
  run(key: string, exchange: () => Promise<T>, keep: (value: T) => boolean): Promise<Shared<T>>;
}

export function createCoalescer<T>(ttlMs: number, now: () => number = Date.now): Coalescer<T> {
  const inFlight = new Map<string, Promise<{ value: T; at: number }>>();
  const kept = new Map<string, { value: T; at: number }>();
  return {
    async run(key, exchange, keep) {
      const fresh = kept.get(key);
      if (fresh) {
        if (now() - fresh.at < ttlMs) return { ...fresh, coalesced: true };
        kept.delete(key);
      }
      const pending = inFlight.get(key);
      if (pending) return { ...(await pending), coalesced: true };
      const started = exchange().then((value) => ({ value, at: now() }));
      inFlight.set(key, started);
      try {
        const answer = await started;
        if (ttlMs > 0 && keep(answer.value)) {
          kept.set(key, answer);
          // The map holds only answers still fresh: one timer per kept answer, not a sweep.
          setTimeout(() => {
            if (kept.get(key) === answer) kept.delete(key);
          }, ttlMs).unref();
        }
        return { ...answer, coalesced: false };
      } finally {
        inFlight.delete(key);
      }
    },
  };
}
