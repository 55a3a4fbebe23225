/**
 * At most `limit` tasks at once; the rest wait in order. A board of 50 jobs must not open 50
 * requests together (browsers allow 6 connections per host, and the rest of the page needs
 * some). A waiting task whose signal aborts leaves the queue without ever running.
 */
export interface Gate {
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a place. */
  readonly waiting: number;
  /** The most tasks that ever ran at once. */
  readonly peak: number;
}

export function createGate(limit: number): Gate {
  let active = 0;
  let peak = 0;
  const queue: (() => void)[] = [];

  const start = () => {
    active += 1;
    peak = Math.max(peak, active);
  };
  const release = () => {
    active -= 1;
    const next = queue.shift();
    if (next) next();
  };
  const acquire = (signal: AbortSignal | undefined) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      if (active < limit) {
        start();
        return resolve();
      }
      const onAbort = () => {
        const index = queue.indexOf(grant);
        if (index >= 0) queue.splice(index, 1);
        reject(signal?.reason);
      };
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        start();
        resolve();
      };
      queue.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  return {
    async run(task, signal) {
      await acquire(signal);
      try {
        return await task();
      } finally {
        release();
      }
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    get peak() {
      return peak;
    },
  };
}
