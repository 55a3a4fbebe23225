import type { IncomingMessage } from 'node:http';
import { limitKey } from '../../auth/upstream-limit.ts';
import type { AccessLogEntry, ApiHandler } from '../../proxy/handler.ts';
import type { RequestContext, Step } from '../context.ts';

/**
 * `{base}/api/…` goes to the proxy, which answers every outcome itself. It sees the raw
 * target below the base (never a normalised one: server/proxy/route.ts refuses what a
 * normaliser would quietly rewrite).
 */
export function apiRoute(
  handler: ApiHandler,
  contexts: WeakMap<IncomingMessage, RequestContext>,
  base: string,
): Step {
  const cut = base.length - 1;
  return async (req, res, ctx, next) => {
    if (ctx.path !== '/api' && !ctx.path.startsWith('/api/')) return next();
    req.url = (req.url ?? '').slice(cut);
    ctx.log.route = 'api';
    contexts.set(req, ctx);
    // Who the upstream limit counts this against: the signed-in user, else the client address.
    await handler(req, res, limitKey(ctx));
  };
}

/**
 * The proxy's access-log entry, merged into the request's one log line. Called by the
 * handler as it finishes, before the answer's 'close' event writes the line.
 */
export function recordApiEntry(ctx: RequestContext, entry: AccessLogEntry): void {
  const known = (value: string) => (value === '-' ? null : value);
  Object.assign(ctx.log, {
    route: `api:${entry.route}`,
    region: known(entry.region),
    project: known(entry.projectId),
    job: known(entry.jobId),
    code: entry.code || null,
    // The proxy's own answers carry a code; anything else is the upstream's status, passed on.
    upstreamStatus: entry.upstreamMs !== null && !entry.code ? entry.status : null,
    upstreamMs: entry.upstreamMs,
    upstreamRequestId: entry.requestId || null,
    coalesced: entry.coalesced ? 1 : 0,
    // Header names from the allow-list only, never their values.
    upstreamHeadersDropped: entry.headersDropped?.map(({ header }) => header).join(',') || null,
  });
}
