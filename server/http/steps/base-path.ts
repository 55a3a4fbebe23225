import { PROXY_ERROR } from '../../../common/contract.ts';
import type { Step } from '../context.ts';
import { sendProxyError } from '../responses.ts';

/**
 * Everything lives under `BASE_PATH`. Sets `ctx.path` (below the base, without the query)
 * and answers what is outside: the base without its slash is redirected to it, the rest is
 * a plain 404. Absolute-form targets (`GET http://host/... HTTP/1.1`) are refused here, so
 * no later step has to think about them.
 */
export function basePath(base: string): Step {
  const bare = base.slice(0, -1);
  return async (req, res, ctx, next) => {
    const target = req.url ?? '';
    if (!target.startsWith('/')) {
      ctx.log.route = 'invalid';
      sendProxyError(
        res,
        400,
        PROXY_ERROR.badRequest,
        'Only origin-form request targets are accepted',
      );
      return;
    }
    const end = target.search(/[?#]/);
    const pathname = end === -1 ? target : target.slice(0, end);
    if (pathname.startsWith(base)) {
      ctx.path = pathname.slice(bare.length);
      return next();
    }
    if (pathname === bare) {
      ctx.log.route = 'redirect';
      res.writeHead(308, { Location: `${base}${end === -1 ? '' : target.slice(end)}` });
      res.end();
      return;
    }
    ctx.log.route = 'outside-base';
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`Not found. The dashboard is at ${base}\n`);
  };
}
