import { loadAuthConfig, type AuthConfig } from './auth.ts';
import { ConfigError, loadConfig, type ServerConfig } from './config.ts';
import { loadCredentials, type CredentialSettings } from './credentials.ts';
import { loadMemoryConfig, type MemoryConfig } from './memory.ts';
import { loadServingConfig, type ServingConfig } from './serving.ts';
import type { Env } from './variables.ts';

/** The whole configuration: what `createApp` is made from, and all it is made from. */
export interface AppConfig {
  proxy: ServerConfig;
  serving: ServingConfig;
  auth: AuthConfig;
  credentials: CredentialSettings;
  memory: MemoryConfig;
}

/**
 * Reads and checks the whole configuration once, at start (environment, and `clouds.yaml`
 * for `OS_CLOUD`): a bad value throws `ConfigError` naming its variable. Nothing reads the
 * environment after this.
 */
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
  const credentials = loadCredentials(env, proxy);
  return { proxy, serving, auth, credentials, memory: loadMemoryConfig(env) };
}
