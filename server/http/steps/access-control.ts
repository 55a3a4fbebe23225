import { createAccessControl } from '../../auth/access-control.ts';
import type { AuthConfig } from '../../auth/config.ts';
import type { AuthObserver } from '../../auth/observer.ts';
import type { Step } from '../context.ts';

/**
 * Sign-in (server/auth/): sets `ctx.user` (the access log's `user`), answers 401/403 and the
 * `/auth/…` routes itself, or passes. Health and metrics come before it (metrics guarded by
 * `METRICS_TOKEN` there); pages, assets and the API after it.
 */
export function accessControl(config: AuthConfig, observer: AuthObserver): Step {
  const step = createAccessControl(config, { observer });
  return (req, res, ctx, next) => {
    if (config.mode !== 'none' && ctx.path.startsWith('/auth/')) ctx.log.route = 'auth';
    return step(req, res, ctx, next);
  };
}
