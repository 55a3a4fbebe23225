import { loadAuthConfig } from '../auth/config.ts';
import { ConfigError, loadConfig, type Env } from '../config/config.ts';
import type { AppConfig } from './app.ts';
import { loadServingConfig } from './serving-config.ts';

/** The whole configuration, read and checked once at start: a bad value throws `ConfigError`. */
export function loadAppConfig(env: Env): AppConfig {
  const proxy = loadConfig(env);
  const serving = loadServingConfig(env);
  const auth = loadAuthConfig(env, {
    host: proxy.host,
    basePath: serving.basePath,
    publicUrl: serving.publicUrl,
  });
  if (auth.mode === 'header' && serving.trustedProxies.rules.length === 0) {
    // Every request would be refused 401: the identity headers are believed from no one.
    throw new ConfigError(
      'TRUSTED_PROXIES is empty, and AUTH_MODE=header believes identity headers only from a trusted proxy: name the SSO proxy in front (or unset TRUSTED_PROXIES for one on this host)',
    );
  }
  return { proxy, serving, auth };
}
