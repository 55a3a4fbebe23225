import { loadAuthConfig } from '../auth/config.ts';
import { loadConfig, type Env } from '../config/config.ts';
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
  return { proxy, serving, auth };
}
