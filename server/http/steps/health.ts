import { sendJson } from '../../proxy/errors.ts';
import type { Step } from '../context.ts';
import type { Metrics } from '../metrics.ts';
import type { Readiness } from '../readiness.ts';

/**
 * `/healthz` (the process serves), `/readyz` (requests can go upstream) and `/metrics`,
 * before access control: probes and Prometheus never sign in. (With sign-in configured,
 * issue 13 puts `/metrics` behind `METRICS_TOKEN`.)
 */
export function health(readiness: Readiness, metrics: Metrics): Step {
  return async (_req, res, ctx, next) => {
    switch (ctx.path) {
      case '/healthz':
        ctx.log.route = 'healthz';
        sendJson(res, 200, { status: 'ok' });
        return;
      case '/readyz': {
        ctx.log.route = 'readyz';
        const state = await readiness.check();
        if (state.ready) sendJson(res, 200, { status: 'ready' });
        else sendJson(res, 503, { status: 'not ready', reason: state.reason });
        return;
      }
      case '/metrics': {
        ctx.log.route = 'metrics';
        const body = await metrics.registry.metrics();
        res.writeHead(200, {
          'Content-Type': metrics.registry.contentType,
          'Cache-Control': 'no-store',
          'Content-Length': Buffer.byteLength(body),
        });
        res.end(body);
        return;
      }
      default:
        return next();
    }
  };
}
