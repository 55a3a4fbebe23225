import { loginWithPassword, type IssuedToken, type PasswordIdentity } from './iam-login.ts';
import { CredentialError, type CredentialProvider } from './provider.ts';

export interface PasswordProviderOptions {
  identity: PasswordIdentity;
  /** `OS_AUTH_URL` (or `auth_url`); when unset, each region's IAM from the catalogue. */
  authUrl: string | undefined;
  iamForRegion: (region: string) => string | undefined;
  timeoutMs: number;
  kind?: 'password' | 'cloud';
  /** Where the settings came from, for the description ("OS_USERNAME/OS_PASSWORD"). */
  source: string;
  now?: () => number;
  /**
   * How long a refused login is remembered. Pages poll; without this, a wrong password
   * would be tried again on every poll of every open page, which gets IAM users locked.
   */
  refusalMemoryMs?: number;
  /** Test hook: the login itself. */
  login?: typeof loginWithPassword;
}

interface CacheEntry {
  token: IssuedToken | undefined;
  pending: Promise<IssuedToken> | undefined;
  refused: { error: CredentialError; until: number } | undefined;
}

/** Renew 5 minutes ahead (a fifth of the lifetime for short-lived tokens). */
export function renewAt(token: IssuedToken): number {
  return token.expiresAt - Math.min(5 * 60_000, (token.expiresAt - token.issuedAt) * 0.2);
}

/** Past this a token is not sent any more: it could expire on the way. */
export function usableUntil(token: IssuedToken): number {
  return token.expiresAt - Math.min(30_000, (token.expiresAt - token.issuedAt) * 0.05);
}

export function describeDomain(domain: PasswordIdentity['domain']): string {
  return 'name' in domain ? `domain ${domain.name}` : `domain ID ${domain.id}`;
}

/**
 * IAM password login: one project-scoped token per (IAM endpoint, project), cached, renewed
 * ahead of `expires_at` in the background while the old one is still good, fetched once
 * however many requests wait for it, and dropped when the upstream rejects it.
 */
export function passwordLogin(options: PasswordProviderOptions): CredentialProvider {
  const now = options.now ?? Date.now;
  const login = options.login ?? loginWithPassword;
  const refusalMemoryMs = options.refusalMemoryMs ?? 60_000;
  const cache = new Map<string, CacheEntry>();
  const { identity } = options;

  function fetchToken(entry: CacheEntry, authUrl: string, projectId: string): Promise<IssuedToken> {
    entry.pending ??= login({
      authUrl,
      identity,
      projectId,
      timeoutMs: options.timeoutMs,
      now,
    }).then(
      (token) => {
        entry.token = token;
        entry.pending = undefined;
        entry.refused = undefined;
        return token;
      },
      (error: unknown) => {
        entry.pending = undefined;
        const safe =
          error instanceof CredentialError
            ? error
            : new CredentialError('The IAM login failed unexpectedly', 502);
        if (safe.status === 401) entry.refused = { error: safe, until: now() + refusalMemoryMs };
        throw safe;
      },
    );
    return entry.pending;
  }

  async function tokenFor(region: string, projectId: string): Promise<string> {
    const authUrl = options.authUrl ?? options.iamForRegion(region);
    if (!authUrl) {
      throw new CredentialError(
        `No IAM endpoint is known for region ${region}: set OS_AUTH_URL`,
        502,
      );
    }
    const key = `${authUrl} ${projectId}`;
    let entry = cache.get(key);
    if (!entry) {
      entry = { token: undefined, pending: undefined, refused: undefined };
      cache.set(key, entry);
    }
    const t = now();
    const current = entry.token;
    if (current && t < usableUntil(current)) {
      if (t >= renewAt(current) && !entry.pending && !(entry.refused && t < entry.refused.until)) {
        // Renewal in the background; its failure is remembered in the entry, not thrown here.
        fetchToken(entry, authUrl, projectId).catch(() => undefined);
      }
      return current.token;
    }
    if (entry.refused && t < entry.refused.until && !entry.pending) throw entry.refused.error;
    return (await fetchToken(entry, authUrl, projectId)).token;
  }

  const where = options.authUrl
    ? `IAM at ${safeOrigin(options.authUrl)}`
    : 'the region’s IAM endpoint';
  return {
    kind: options.kind ?? 'password',
    description: `IAM password login (${options.source}) as user ${identity.username} (${describeDomain(identity.domain)}) via ${where}`,
    headersFor: async (request) => ({
      'X-Auth-Token': await tokenFor(request.region, request.projectId),
    }),
    invalidate: (projectId, rejected) => {
      const token = rejected['X-Auth-Token'];
      for (const [key, entry] of cache) {
        if (!key.endsWith(` ${projectId}`)) continue;
        // Only the token that was refused goes; one already renewed by a concurrent request stays.
        if (entry.token && entry.token.token === token) entry.token = undefined;
      }
      return true;
    },
  };
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
}
