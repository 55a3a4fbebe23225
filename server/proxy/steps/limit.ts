import type { ApiStep } from '../api-context.ts';
import { limitKey, type UpstreamLimit } from '../upstream-limit.ts';

/**
 * RATE_LIMIT_UPSTREAM_PER_MIN: who this request counts against (the signed-in user, else the
 * client's address). Nothing is taken here: the forward step takes one only when this
 * request's own exchange runs, just before it is sent (one served by an identical request's
 * exchange costs nothing). The limit spares the desk's shared credential; the simulator holds
 * none (a personal board of many live demo jobs must not be throttled by it).
 */
export function limit(upstreamLimit: UpstreamLimit | undefined, simulated: boolean): ApiStep {
  return async (_req, _res, api, next) => {
    if (upstreamLimit && !simulated) {
      const key = limitKey(api);
      api.admit = () => upstreamLimit.take(key, Date.now());
    }
    return next();
  };
}
