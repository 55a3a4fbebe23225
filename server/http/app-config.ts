import { loadConfig, type Env } from '../config.ts';
import type { AppConfig } from './app.ts';
import { loadServingConfig } from './serving-config.ts';

/** The whole configuration, read and checked once at start: a bad value throws `ConfigError`. */
export function loadAppConfig(env: Env): AppConfig {
  return { proxy: loadConfig(env), serving: loadServingConfig(env) };
}
