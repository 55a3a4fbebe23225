import type { Logger } from 'pino';
import { NO_SECRETS, type LeakCheck } from '../../credentials/leak-check.ts';
import type { Step } from '../context.ts';
import type { Metrics } from '../metrics.ts';

/**
 * The one place that observes requests: when the answer is finished (or the client went
 * away), one access-log line and the request metrics, from what the later steps put in
 * `ctx.log`. Nothing else in the server logs per request.
 */
export function observe(logger: Logger, metrics: Metrics, held: LeakCheck = NO_SECRETS): Step {
  return observeExcept(logger, metrics, new Set(), held);
}

/** As `observe`, without a log line or metric for the given routes (Vite's modules in dev). */
export function observeExcept(
  logger: Logger,
  metrics: Metrics,
  quiet: ReadonlySet<string>,
  held: LeakCheck = NO_SECRETS,
): Step {
  return async (req, res, ctx, next) => {
    const started = performance.now();
    const write = () => {
      const status = res.writableFinished ? res.statusCode : 499;
      const route = String(ctx.log.route ?? 'unknown');
      if (quiet.has(route)) return;
      metrics.httpRequests.inc({ route, code: String(status) });
      if (ctx.log.coalesced === 1) metrics.coalesced.inc();
      const upstreamMs = ctx.log.upstreamMs;
      if (typeof upstreamMs === 'number') {
        const region = String(ctx.log.region ?? '-');
        metrics.upstreamRequests.inc({
          region,
          code: String(ctx.log.upstreamStatus ?? ctx.log.code ?? 'failed'),
        });
        metrics.upstreamDuration.observe({ region }, upstreamMs / 1000);
      }
      const dropped = ctx.log.upstreamHeadersDropped;
      for (const pair of typeof dropped === 'string' ? dropped.split(',') : []) {
        const [header = '', reason = ''] = pair.split(':');
        metrics.upstreamHeadersDropped.inc({ header, reason });
      }
      const line: Record<string, unknown> = {
        id: ctx.id,
        method: req.method,
        route,
        path: ctx.path,
        status,
        ms: Math.round((performance.now() - started) * 100) / 100,
        client: ctx.client,
        user: ctx.user?.name ?? null,
        userId: ctx.user?.id ?? null,
        ...ctx.log,
      };
      // The path is the client's text: a credential the server holds, put there by anyone, is
      // dropped with its field rather than written to the log.
      for (const [key, value] of Object.entries(line)) {
        if (typeof value === 'string' && held.holdsSecret(value)) delete line[key];
      }
      logger.info(line);
    };
    // Every step writes its fields into `ctx.log` before it answers.
    res.once('close', write);
    await next();
  };
}
