import { REGION_PATTERN } from '../../common/contract.ts';
import { resolveRegions, type RegionEndpoints } from './regions.ts';
import { reader, type Env, type Read, type VariableName } from './variables.ts';

export interface ServerConfig {
  host: string;
  port: number;
  defaultRegion: string;
  /** Every region the proxy knows (catalogue and configured custom regions). */
  regions: RegionEndpoints[];
  /**
   * `SFS_TURBO_REGIONS`: the regions the configured credential may be sent to. Requests for
   * any other region are refused before anything leaves the server (the simulator, which
   * holds no secret, serves every region).
   */
  allowedRegions: string[];
  /**
   * Whether `SFS_TURBO_REGION` or `SFS_TURBO_REGIONS` was set. When neither was, the
   * credential's own region (a `clouds.yaml` cloud's `region_name`) takes their place.
   */
  regionsFromEnv: boolean;
  /** `SFS_TURBO_ENDPOINT`: one upstream base URL for every region. */
  endpointOverride: string | undefined;
  /**
   * `SFS_TURBO_SIMULATOR`: `true`, the upstream is a simulator (the embedded one, or the one
   * at `SFS_TURBO_ENDPOINT`); `false`, never; unset, the embedded one when nothing else is
   * configured and the server listens on loopback.
   */
  simulator: boolean | undefined;
  /** Upstream timeout in ms (`SFS_TURBO_TIMEOUT_MS`). */
  upstreamTimeoutMs: number;
  /** Largest upstream body passed on, in bytes. */
  maxUpstreamBytes: number;
  /** `OS_AUTH_MAX_LOGINS_PER_MIN`: IAM password logins per minute, all projects together. */
  maxLoginsPerMinute: number;
  /** `SFS_TURBO_SIMULATOR_PORT`: the embedded simulator's port; 0 picks a free one. */
  simulatorPort: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function positiveInt(read: Read, name: VariableName, fallback: number): number {
  const raw = read(name);
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

function simulatorSwitch(raw: string | undefined): boolean | undefined {
  const value = raw?.trim().toLowerCase();
  if (value === undefined || value === '') return undefined;
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw new ConfigError(`SFS_TURBO_SIMULATOR must be 1 or 0, got "${raw}"`);
}

function regionList(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const ids = [
    ...new Set(
      raw
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
  for (const id of ids) {
    if (!REGION_PATTERN.test(id))
      throw new ConfigError(`SFS_TURBO_REGIONS: "${id}" is not a region ID`);
  }
  return ids.length > 0 ? ids : undefined;
}

function portOrZero(read: Read, name: VariableName): number {
  const raw = (read(name) ?? '').trim();
  if (raw === '') return 0;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name} must be a port number (0 to 65535), got "${raw}"`);
  }
  return value;
}

export function loadConfig(env: Env): ServerConfig {
  const read = reader(env);
  const explicitDefault = (read('SFS_TURBO_REGION') ?? '').trim() || undefined;
  if (explicitDefault !== undefined && !REGION_PATTERN.test(explicitDefault)) {
    throw new ConfigError(`SFS_TURBO_REGION is not a region ID: "${explicitDefault}"`);
  }
  const listed = regionList(read('SFS_TURBO_REGIONS'));
  if (explicitDefault !== undefined && listed && !listed.includes(explicitDefault)) {
    throw new ConfigError(
      `SFS_TURBO_REGION=${explicitDefault} is not one of SFS_TURBO_REGIONS (${listed.join(', ')}): the default region must be an allowed one`,
    );
  }
  const defaultRegion = explicitDefault ?? listed?.[0] ?? 'eu-de';
  const allowedRegions = listed ?? [defaultRegion];
  return {
    host: (read('HOST') ?? '').trim() || '127.0.0.1',
    port: positiveInt(read, 'PORT', 5173),
    defaultRegion,
    regions: resolveRegions(allowedRegions),
    allowedRegions,
    regionsFromEnv: explicitDefault !== undefined || listed !== undefined,
    endpointOverride: endpointUrl(read('SFS_TURBO_ENDPOINT')),
    simulator: simulatorSwitch(read('SFS_TURBO_SIMULATOR')),
    upstreamTimeoutMs: positiveInt(read, 'SFS_TURBO_TIMEOUT_MS', 15_000),
    maxUpstreamBytes: 1024 * 1024,
    maxLoginsPerMinute: positiveInt(read, 'OS_AUTH_MAX_LOGINS_PER_MIN', 10),
    simulatorPort: portOrZero(read, 'SFS_TURBO_SIMULATOR_PORT'),
  };
}

/**
 * 127.0.0.0/8, ::1 and `localhost`, nothing else: `*.localhost` is loopback only where the
 * resolver says so (RFC 6761 asks it to, not every one does), and a name that DNS could answer
 * is no promise that the traffic stays on this host.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    bare === 'localhost' ||
    bare === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare) ||
    /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare)
  );
}
