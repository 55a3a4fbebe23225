import { REGION_PATTERN } from '../common/contract.ts';
import { resolveRegions, type RegionEndpoints } from './regions.ts';

export interface ServerConfig {
  host: string;
  port: number;
  defaultRegion: string;
  regions: RegionEndpoints[];
  /** `SFS_TURBO_ENDPOINT`: one upstream base URL for every region. */
  endpointOverride: string | undefined;
  /** Upstream timeout in ms (`SFS_TURBO_TIMEOUT_MS`). */
  upstreamTimeoutMs: number;
  /** Largest upstream body passed on, in bytes. */
  maxUpstreamBytes: number;
}

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new ConfigError(`${name} must be a positive whole number, got "${raw}"`);
  }
  return value;
}

function endpointUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError(`SFS_TURBO_ENDPOINT is not a URL: "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`SFS_TURBO_ENDPOINT must be http(s), got "${url.protocol}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError(
      'SFS_TURBO_ENDPOINT must be a plain base URL (no query, fragment or user info)',
    );
  }
  return url.href.replace(/\/+$/, '');
}

export function loadConfig(env: Env = process.env): ServerConfig {
  const defaultRegion = (env.SFS_TURBO_REGION ?? '').trim() || 'eu-de';
  if (!REGION_PATTERN.test(defaultRegion)) {
    throw new ConfigError(`SFS_TURBO_REGION is not a region ID: "${defaultRegion}"`);
  }
  return {
    host: (env.HOST ?? '').trim() || '127.0.0.1',
    port: positiveInt(env, 'PORT', 5173),
    defaultRegion,
    regions: resolveRegions(defaultRegion),
    endpointOverride: endpointUrl(env.SFS_TURBO_ENDPOINT),
    upstreamTimeoutMs: positiveInt(env, 'SFS_TURBO_TIMEOUT_MS', 15_000),
    maxUpstreamBytes: 1024 * 1024,
  };
}
