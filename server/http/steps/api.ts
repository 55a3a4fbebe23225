import type { ApiHandler } from '../../proxy/api.ts';
import type { Step } from '../context.ts';

/**
 * `{base}/api/…` goes to the proxy (server/proxy/api.ts), which answers every outcome itself
 * and writes its fields into `ctx.log`. It sees the raw target below the base (never a
 * normalised one: server/proxy/route.ts refuses what a normaliser would quietly rewrite).
 */
export function apiRoute(api: ApiHandler, base: string): Step {
  const cut = base.length - 1;
  return async (req, res, ctx, next) => {
    if (ctx.path !== '/api' && !ctx.path.startsWith('/api/')) return next();
    req.url = (req.url ?? '').slice(cut);
    await api(req, res, ctx);
  };
}
