import type { AuthMode } from '../../common/contract.ts';
import { ConfigError, isLoopbackHost } from './config.ts';
import { reader, type Env, type Read, type VariableName } from './variables.ts';

interface CommonAuthConfig {
  /** Starts and ends with '/'. */
  basePath: string;
  /** Origin users reach the dashboard at (`PUBLIC_URL`), if configured. */
  publicOrigin: string | undefined;
  allowedUsers: string[];
  allowedGroups: string[];
  /** Upstream calls one user (or address) may cause per minute. */
  upstreamPerMin: number;
  /** `METRICS_TOKEN`: bearer token for `/metrics` when sign-in is on. */
  metricsToken: string | undefined;
}

export interface NoAuthConfig extends CommonAuthConfig {
  mode: 'none';
}

export interface HeaderAuthConfig extends CommonAuthConfig {
  mode: 'header';
  /** Lower-case header names, as node:http presents them. */
  userHeader: string;
  groupsHeader: string;
  /** `AUTH_LOGOUT_URL`: the sign-out address of the proxy in front, if it has one. */
  logoutUrl: string | undefined;
}

export interface OidcAuthConfig extends CommonAuthConfig {
  mode: 'oidc';
  publicOrigin: string;
  issuer: URL;
  clientId: string;
  clientSecret: string | undefined;
  scopes: string;
  /**
   * `OIDC_USER_CLAIM`: the claim that names the user. Undefined: `email` when the provider
   * says it is verified, else `sub`.
   */
  userClaim: string | undefined;
  groupsClaim: string;
  sessionSecret: string;
  /** Session lifetime in seconds. */
  sessionMaxAgeSec: number;
  /** Cookies get `Secure` (the public address is https). */
  secureCookies: boolean;
}

export type AuthConfig = NoAuthConfig | HeaderAuthConfig | OidcAuthConfig;

export interface AuthConfigContext {
  host: string;
  basePath: string;
  publicUrl?: string | undefined;
}

export const MIN_SESSION_SECRET_LENGTH = 32;
/** A working day and a bit: signed in once in the morning, not asked again before evening. */
export const DEFAULT_SESSION_MAX_AGE_SEC = 10 * 60 * 60;

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

function text(read: Read, name: VariableName): string | undefined {
  const value = read(name)?.trim();
  return value ? value : undefined;
}

function list(read: Read, name: VariableName): string[] {
  return (text(read, name) ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function headerName(read: Read, name: VariableName, fallback: string): string {
  const value = text(read, name) ?? fallback;
  if (!HEADER_NAME.test(value))
    throw new ConfigError(`${name} is not an HTTP header name: "${value}"`);
  return value.toLowerCase();
}

function positiveInt(read: Read, name: VariableName, fallback: number): number {
  const raw = text(read, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new ConfigError(`${name} must be a positive whole number, got "${raw}"`);
  }
  return value;
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds, or a number with s, m, h or d: `36000`, `10h`, `90m`. */
export function parseDuration(name: string, raw: string): number {
  const match = /^(\d+)\s*([smhd]?)$/i.exec(raw.trim());
  const seconds = match
    ? Number(match[1]) * (UNIT_SECONDS[(match[2] || 's').toLowerCase()] ?? 1)
    : NaN;
  if (!Number.isSafeInteger(seconds) || seconds < 60) {
    throw new ConfigError(
      `${name} must be a duration of at least a minute (seconds, or e.g. 10h, 90m), got "${raw}"`,
    );
  }
  return seconds;
}

function normaliseBasePath(basePath: string): string {
  const withLeading = basePath.startsWith('/') ? basePath : `/${basePath}`;
  return withLeading.endsWith('/') ? withLeading : `${withLeading}/`;
}

function publicOrigin(publicUrl: string | undefined): string | undefined {
  if (!publicUrl) return undefined;
  try {
    const url = new URL(publicUrl);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  } catch {
    // reported below
  }
  throw new ConfigError(`PUBLIC_URL must be an http(s) URL, got "${publicUrl}"`);
}

function issuerUrl(read: Read): URL {
  const raw = text(read, 'OIDC_ISSUER_URL');
  if (!raw)
    throw new ConfigError(
      "OIDC_ISSUER_URL is required when AUTH_MODE=oidc (the identity provider's issuer)",
    );
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`OIDC_ISSUER_URL is not a URL: "${raw}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError(
      'OIDC_ISSUER_URL must be the plain issuer URL (no query, fragment or user info)',
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigError(
      `OIDC_ISSUER_URL must be https://, got "${raw}" (http:// only for a provider on a loopback address: 127.0.0.0/8, ::1 or localhost)`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`OIDC_ISSUER_URL must be https://, got "${url.protocol}"`);
  }
  return url;
}

/**
 * Claims a user can edit at most providers (a display name, a nickname, links): an allow-list
 * matched against them would let anyone call themselves "alice".
 */
const EDITABLE_CLAIMS = new Set([
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'profile',
  'picture',
  'website',
  'locale',
  'zoneinfo',
]);
/** Printable ASCII without spaces: plain names and namespaced ones (`https://example.com/uid`). */
const CLAIM_NAME = /^[!-~]{1,200}$/;

function userClaim(read: Read): string | undefined {
  const claim = text(read, 'OIDC_USER_CLAIM');
  if (claim === undefined) return undefined;
  if (!CLAIM_NAME.test(claim)) {
    throw new ConfigError(`OIDC_USER_CLAIM is not a claim name: "${claim}"`);
  }
  if (EDITABLE_CLAIMS.has(claim)) {
    throw new ConfigError(
      `OIDC_USER_CLAIM=${claim} names a claim users can change themselves: use one the provider assigns (email, sub, preferred_username, upn, oid), or leave it unset (verified email, else sub)`,
    );
  }
  return claim;
}

/** The issuer as one string (no trailing slash): what a session is bound to, and part of a user's key. */
export function issuerName(issuer: URL): string {
  return issuer.href.replace(/\/$/, '');
}

function sessionSecret(read: Read): string {
  const secret = read('SESSION_SECRET') ?? '';
  if (secret.length === 0)
    throw new ConfigError(
      'SESSION_SECRET is required when AUTH_MODE=oidc (at least 32 characters)',
    );
  if (secret.length < MIN_SESSION_SECRET_LENGTH) {
    // The length only: the value itself is never printed.
    throw new ConfigError(
      `SESSION_SECRET is too short: at least ${MIN_SESSION_SECRET_LENGTH} characters, got ${secret.length}`,
    );
  }
  if (new Set(secret).size < 8)
    throw new ConfigError('SESSION_SECRET is too weak: it repeats a few characters');
  return secret;
}

function authMode(read: Read, host: string): AuthMode {
  const raw = text(read, 'AUTH_MODE');
  if (raw === undefined) {
    if (!isLoopbackHost(host)) {
      throw new ConfigError(
        `AUTH_MODE is not set and HOST=${host} is not a loopback address: set AUTH_MODE=header or oidc, or AUTH_MODE=none to serve without sign-in on purpose`,
      );
    }
    return 'none';
  }
  const mode = raw.toLowerCase();
  if (mode !== 'none' && mode !== 'header' && mode !== 'oidc') {
    throw new ConfigError(`AUTH_MODE must be none, header or oidc, got "${raw}"`);
  }
  return mode;
}

/** Reads and checks the access-control settings once, at start; a bad value names its variable. */
export function loadAuthConfig(env: Env, context: AuthConfigContext): AuthConfig {
  const read = reader(env);
  const mode = authMode(read, context.host);
  const origin = publicOrigin(context.publicUrl);
  const common: CommonAuthConfig = {
    basePath: normaliseBasePath(context.basePath),
    publicOrigin: origin,
    allowedUsers: list(read, 'AUTH_ALLOWED_USERS'),
    allowedGroups: list(read, 'AUTH_ALLOWED_GROUPS'),
    upstreamPerMin: positiveInt(read, 'RATE_LIMIT_UPSTREAM_PER_MIN', 300),
    metricsToken: text(read, 'METRICS_TOKEN'),
  };
  if (common.metricsToken !== undefined && common.metricsToken.length < 16) {
    throw new ConfigError('METRICS_TOKEN is too short: at least 16 characters');
  }
  if (mode === 'none') {
    if (common.allowedUsers.length > 0 || common.allowedGroups.length > 0) {
      throw new ConfigError(
        'AUTH_ALLOWED_USERS / AUTH_ALLOWED_GROUPS need AUTH_MODE=header or oidc: with AUTH_MODE=none nobody is signed in',
      );
    }
    return { ...common, mode };
  }
  if (mode === 'header') {
    const logoutUrl = text(read, 'AUTH_LOGOUT_URL');
    if (logoutUrl !== undefined && !/^(https:\/\/|\/)/.test(logoutUrl)) {
      throw new ConfigError(
        `AUTH_LOGOUT_URL must be a path or an https:// URL, got "${logoutUrl}"`,
      );
    }
    return {
      ...common,
      mode,
      userHeader: headerName(read, 'AUTH_USER_HEADER', 'X-Forwarded-User'),
      groupsHeader: headerName(read, 'AUTH_GROUPS_HEADER', 'X-Forwarded-Groups'),
      logoutUrl,
    };
  }
  const issuer = issuerUrl(read);
  const clientId = text(read, 'OIDC_CLIENT_ID');
  if (!clientId) throw new ConfigError('OIDC_CLIENT_ID is required when AUTH_MODE=oidc');
  const secret = sessionSecret(read);
  if (!origin) {
    throw new ConfigError(
      'PUBLIC_URL is required when AUTH_MODE=oidc: the callback address registered at the identity provider is built from it',
    );
  }
  const scopes = (text(read, 'OIDC_SCOPES') ?? 'openid email profile')
    .split(/[\s,]+/)
    .filter(Boolean);
  if (!scopes.includes('openid')) throw new ConfigError('OIDC_SCOPES must include openid');
  const maxAge = text(read, 'SESSION_MAX_AGE');
  return {
    ...common,
    mode,
    publicOrigin: origin,
    issuer,
    clientId,
    clientSecret: text(read, 'OIDC_CLIENT_SECRET'),
    scopes: scopes.join(' '),
    userClaim: userClaim(read),
    groupsClaim: text(read, 'OIDC_GROUPS_CLAIM') ?? 'groups',
    sessionSecret: secret,
    sessionMaxAgeSec:
      maxAge === undefined ? DEFAULT_SESSION_MAX_AGE_SEC : parseDuration('SESSION_MAX_AGE', maxAge),
    secureCookies: origin.startsWith('https:'),
  };
}
