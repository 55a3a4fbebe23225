import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuthConfig } from '../config/auth.ts';

/**
 * `open`: no sign-in configured, metrics are as public as the dashboard; `allowed`: the
 * bearer token matches; `unauthorized`: wrong or missing token (401); `not-found`: sign-in is
 * on and no `METRICS_TOKEN` is set, so metrics are off (404).
 */
export type MetricsAccess = 'open' | 'allowed' | 'unauthorized' | 'not-found';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Who may read `{base}/metrics`; the serving step calls this before answering. */
export function metricsAccess(
  config: Pick<AuthConfig, 'mode' | 'metricsToken'>,
  authorization: string | undefined,
): MetricsAccess {
  if (config.mode === 'none') return 'open';
  if (config.metricsToken === undefined) return 'not-found';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) return 'unauthorized';
  // Digests have equal length, so the comparison takes the same time for any guess.
  return timingSafeEqual(digest(match[1]), digest(config.metricsToken))
    ? 'allowed'
    : 'unauthorized';
}
