import path from 'node:path';
import { ConfigError } from './config.ts';
import {
  DEFAULT_TRUSTED_PROXIES,
  parseTrustedProxies,
  TrustedProxiesError,
  type TrustedProxies,
} from './trusted-proxies.ts';
import { reader, type Env, type Read, type VariableName } from './variables.ts';

/** How the app is served: read once at start, beside the proxy's `ServerConfig`. */
export interface ServingConfig {
  /** `BASE_PATH`: always starts and ends with '/', e.g. `/` or `/sfs-turbo-jobs/`. */
  basePath: string;
  /** `PUBLIC_URL` without a trailing slash (it includes the base path), or undefined. */
  publicUrl: string | undefined;
  trustedProxies: TrustedProxies;
  /** `SFS_TURBO_CACHE_MS`: how long one upstream answer serves identical requests. */
  cacheMs: number;
  /** `SFS_TURBO_ALLOWED_HOSTS` plus PUBLIC_URL's host: names accepted in `Host`. */
  allowedHosts: string[];
  /** The built app (`SFS_TURBO_DIST`, default `dist`, relative to the working directory). */
  distDir: string;
  /** `SERVE_SOURCE_MAPS=1`: the build's `.map` files are served (and announced); else 404. */
  serveSourceMaps: boolean;
}

export function parseBasePath(raw: string | undefined): string {
  const value = (raw ?? '').trim();
  if (value === '' || value === '/') return '/';
  if (!value.startsWith('/')) {
    throw new ConfigError(`BASE_PATH must start with "/", got "${value}"`);
  }
  const segments = value.split('/').filter(Boolean);
  if (
    segments.some(
      (segment) => segment === '.' || segment === '..' || !/^[A-Za-z0-9._~-]+$/.test(segment),
    )
  ) {
    throw new ConfigError(
      `BASE_PATH may hold only letters, digits and "._~-" between slashes, and no "." or ".." segment, got "${value}"`,
    );
  }
  return `/${segments.join('/')}/`;
}

function parsePublicUrl(raw: string | undefined, basePath: string): string | undefined {
  const value = (raw ?? '').trim();
  if (value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`PUBLIC_URL is not a URL: "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`PUBLIC_URL must be an http(s) URL, got "${url.protocol}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError('PUBLIC_URL must be a plain address (no query, fragment or user info)');
  }
  const pathname = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  // A path in PUBLIC_URL that disagrees with BASE_PATH would make every copied link a 404.
  if (pathname !== '/' && pathname !== basePath) {
    throw new ConfigError(
      `PUBLIC_URL's path "${url.pathname}" differs from BASE_PATH "${basePath}": give the path once, in BASE_PATH`,
    );
  }
  return `${url.origin}${basePath}`.replace(/\/$/, '');
}

function nonNegativeInt(read: Read, name: VariableName, fallback: number): number {
  const raw = (read(name) ?? '').trim();
  if (raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new ConfigError(`${name} must be a whole number of milliseconds ≥ 0, got "${raw}"`);
  }
  return value;
}

function flag(read: Read, name: VariableName): boolean {
  const raw = (read(name) ?? '').trim().toLowerCase();
  if (raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new ConfigError(`${name} must be 1 or 0 (true or false), got "${read(name)}"`);
}

export function loadServingConfig(env: Env): ServingConfig {
  const read = reader(env);
  const basePath = parseBasePath(read('BASE_PATH'));
  const publicUrl = parsePublicUrl(read('PUBLIC_URL'), basePath);
  let trustedProxies: TrustedProxies;
  try {
    // Unset: loopback (a proxy on the same host). Set but empty: nobody, as it says; falling
    // back to loopback there would trust what the operator just tried to switch off.
    trustedProxies = parseTrustedProxies(read('TRUSTED_PROXIES') ?? DEFAULT_TRUSTED_PROXIES);
  } catch (error) {
    if (!(error instanceof TrustedProxiesError)) throw error;
    throw new ConfigError(`TRUSTED_PROXIES: ${error.message}`);
  }
  const allowedHosts = (read('SFS_TURBO_ALLOWED_HOSTS') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (publicUrl) allowedHosts.push(new URL(publicUrl).hostname.toLowerCase());
  return {
    basePath,
    publicUrl,
    trustedProxies,
    cacheMs: nonNegativeInt(read, 'SFS_TURBO_CACHE_MS', 1000),
    allowedHosts,
    distDir: path.resolve((read('SFS_TURBO_DIST') ?? '').trim() || 'dist'),
    serveSourceMaps: flag(read, 'SERVE_SOURCE_MAPS'),
  };
}
