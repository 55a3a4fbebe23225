import { PROXY_ERROR } from '../../../common/contract.ts';
import { metricsAccess } from '../../auth/metrics-access.ts';
import type { AuthConfig } from '../../config/auth.ts';
import type { Step } from '../context.ts';
import type { Metrics } from '../metrics.ts';
import type { Readiness } from '../readiness.ts';
import { sendJson, sendProxyError } from '../responses.ts';

/**
 * `/healthz` (the process serves), `/readyz` (requests can go upstream) and `/metrics`,
 * before access control: probes and Prometheus never sign in. With sign-in configured,
 * `/metrics` needs `Authorization: Bearer <METRICS_TOKEN>` (no token set: 404).
 */
export function health(
  readiness: Readiness,
  metrics: Metrics,
  auth: Pick<AuthConfig, 'mode' | 'metricsToken'>,
): Step {
  return async (req, res, ctx, next) => {
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
        const access = metricsAccess(auth, req.headers.authorization);
        if (access === 'not-found') {
          sendProxyError(res, 404, PROXY_ERROR.notFound, 'No such route.');
          return;
        }
        if (access === 'unauthorized') {
          sendProxyError(
            res,
            401,
            PROXY_ERROR.unauthenticated,
            'Metrics need Authorization: Bearer <METRICS_TOKEN>.',
            { 'WWW-Authenticate': 'Bearer' },
          );
          return;
        }
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
