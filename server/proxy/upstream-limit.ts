export type TakeResult = { ok: true } | { ok: false; retryAfterSec: number };

export interface UpstreamLimit {
  /** Counts one upstream call for `key` (a user name, or a client address) at `now` (ms). */
  take(key: string, now: number): TakeResult;
  /** Keys currently remembered (for tests of the memory bound). */
  size(): number;
}

export interface UpstreamLimitOptions {
  perMinute: number;
  /** Most keys remembered; beyond it the least recently seen is forgotten. */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key: `perMinute` calls in a burst, refilled at `perMinute` per minute.
 * So a user polling a board of jobs is never slowed, while a script walking through job IDs
 * is held to its share and cannot spend the cloud's throttle for the whole support desk.
 * Memory is bounded: the least recently seen key goes first (a forgotten key starts full,
 * which is what an idle key would have reached anyway after a minute).
 */
export function createUpstreamLimit(options: UpstreamLimitOptions): UpstreamLimit {
  const capacity = options.perMinute;
  const perMs = options.perMinute / 60_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const buckets = new Map<string, Bucket>();

  return {
    take(key, now) {
      const previous = buckets.get(key);
      const elapsed = previous ? Math.max(0, now - previous.at) : 0;
      const tokens = previous ? Math.min(capacity, previous.tokens + elapsed * perMs) : capacity;
      // Re-inserted on every use: the Map's order is then least recently seen first.
      buckets.delete(key);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: now });
        return { ok: false, retryAfterSec: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
      }
      buckets.set(key, { tokens: tokens - 1, at: now });
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next();
        if (!oldest.done) buckets.delete(oldest.value);
      }
      return { ok: true };
    },
    size: () => buckets.size,
  };
}

/**
 * The key a request is counted under: the signed-in user's `id` (in `oidc` mode issuer and
 * `sub`, never the displayed name, which two accounts may share), else the client's address.
 */
export function limitKey(ctx: { user?: { id: string } | undefined; client: string }): string {
  return ctx.user ? `user:${ctx.user.id}` : `addr:${ctx.client}`;
}
