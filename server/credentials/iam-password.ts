import { loginWithPassword, type IssuedToken, type PasswordIdentity } from './iam-login.ts';
import { LOGIN_WINDOW_MS, loginBudget, retryAfterSeconds } from './login-budget.ts';
import type { LoginObserver } from './login-observer.ts';
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
   * `OS_AUTH_MAX_LOGINS_PER_MIN`: logins for new projects per sliding minute, all payers
   * together; one payer may take a third of them (login-budget.ts).
   */
  maxLoginsPerMinute?: number;
  /**
   * How long a failed login pauses logins for its project, and the least time between two
   * logins forced by the cloud rejecting a token. Pages poll; without this, a wrong password
   * would be tried again on every poll of every open page, which gets IAM users locked.
   */
  pauseMs?: number;
  /** Projects whose tokens are kept; the least recently used goes first. */
  maxCachedProjects?: number;
  /** Test hook: the login itself. */
  login?: typeof loginWithPassword;
  /** Told each login's outcome (`/metrics`); `observeLogins` can set it later. */
  observer?: LoginObserver;
}

interface CacheEntry {
  token: IssuedToken | undefined;
  pending: Promise<IssuedToken> | undefined;
  /** The last login failed: no new attempt before `until`. */
  failed: { error: CredentialError; until: number } | undefined;
  /** When the cloud's last 401 made a fresh login. */
  forcedAt: number | undefined;
  /** The cloud rejected the token: the next login is that fresh login (bounded by `forcedAt`). */
  forced: boolean;
  /**
   * IAM has issued a token for this project: it is in use, and its logins are renewals,
   * which the budget for new projects does not hold up.
   */
  inUse: boolean;
  /** When the last login for this project started. */
  loggedInAt: number | undefined;
  /**
   * The least time between two renewals not forced by the cloud: half the lifetime of the
   * last token, between 1 s and the pause. IAM's 24 h tokens are renewed once a day anyway;
   * this only matters when IAM hands out tokens that expire at once.
   */
  renewGapMs: number;
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

function newEntry(pauseMs: number): CacheEntry {
  return {
    token: undefined,
    pending: undefined,
    failed: undefined,
    forcedAt: undefined,
    forced: false,
    inUse: false,
    loggedInAt: undefined,
    renewGapMs: pauseMs,
  };
}

/** Any other error is told in general words: its message was not written for the page. */
function asCredentialError(error: unknown): CredentialError {
  return error instanceof CredentialError
    ? error
    : new CredentialError('The IAM login failed unexpectedly', 502);
}

/*
 * Why a login is held back, each answered 429 with how long to wait. Pauses are shown in
 * whole seconds.
 */
const seconds = (ms: number) => Math.round(ms / 1000);

function lastLoginFailed(
  projectId: string,
  failed: NonNullable<CacheEntry['failed']>,
  pauseMs: number,
  t: number,
): CredentialError {
  return new CredentialError(
    `The last IAM login for project ${projectId} failed (${failed.error.message}); ` +
      `the dashboard waits ${seconds(pauseMs)} s before trying again, so that the IAM user is not locked`,
    429,
    retryAfterSeconds(failed.until - t),
  );
}

function renewalsPaused(pauseMs: number, waitMs: number): CredentialError {
  return new CredentialError(
    'IAM refused the dashboard’s last token renewal (has its password changed?); ' +
      `renewals wait ${seconds(pauseMs)} s, so that the IAM user is not locked`,
    429,
    retryAfterSeconds(waitMs),
  );
}

function renewedTooSoon(projectId: string, waitMs: number): CredentialError {
  return new CredentialError(
    `IAM issued the dashboard a token for project ${projectId} that is no longer usable ` +
      'moments later; the dashboard waits before logging in again',
    429,
    retryAfterSeconds(waitMs),
  );
}

function budgetSpent(waitMs: number): CredentialError {
  return new CredentialError(
    'The dashboard server has made all the IAM logins for new projects it may make in a minute ' +
      'for you or for everyone (OS_AUTH_MAX_LOGINS_PER_MIN, of which one user may take a third); ' +
      'new projects are looked up again shortly',
    429,
    retryAfterSeconds(waitMs),
  );
}

function rejectedAgain(projectId: string, pauseMs: number, waitMs: number): CredentialError {
  return new CredentialError(
    `The cloud rejected the dashboard’s token for project ${projectId} again, less than ` +
      `${seconds(pauseMs)} s after a fresh login; the dashboard waits before logging in again`,
    429,
    retryAfterSeconds(waitMs),
  );
}

/**
 * IAM password login: one project-scoped token per (IAM endpoint, project), cached (the least
 * recently used projects go beyond `maxCachedProjects`), renewed ahead of `expires_at` in the
 * background while the old one is still good, fetched once however many requests wait for
 * it, and dropped when the upstream rejects it. Logins are bounded: for new projects, a
 * budget per minute of which one payer may take a third; for projects in use (renewals), at
 * most one login per project per pause, plus one forced by the cloud's 401 per pause; after
 * a failure, a pause for that project. A login the bounds forbid is not attempted and the
 * request is answered 429 (`CredentialError`).
 */
export function passwordLogin(options: PasswordProviderOptions): CredentialProvider {
  const now = options.now ?? Date.now;
  const login = options.login ?? loginWithPassword;
  const pauseMs = options.pauseMs ?? LOGIN_WINDOW_MS;
  const maxCached = options.maxCachedProjects ?? 1000;
  const budget = loginBudget(options.maxLoginsPerMinute ?? 10, now);
  const cache = new Map<string, CacheEntry>();
  /**
   * IAM refused a renewal: most likely the password changed, and every project in use would
   * try its own renewal and fail, which locks the IAM user. So renewals wait, all projects
   * together, for a pause: at most one refused renewal per pause.
   */
  let renewalsPausedUntil = 0;
  const { identity } = options;
  let observer = options.observer;

  function entryFor(key: string): CacheEntry {
    let entry = cache.get(key);
    if (entry) {
      cache.delete(key); // re-inserted below: Map order is the recency order
    } else {
      entry = newEntry(pauseMs);
      for (const [oldKey, old] of cache) {
        if (cache.size < maxCached) break;
        if (!old.pending) cache.delete(oldKey);
      }
    }
    cache.set(key, entry);
    return entry;
  }

  function fetchToken(entry: CacheEntry, authUrl: string, projectId: string): Promise<IssuedToken> {
    if (entry.pending) return entry.pending;
    const renewal = entry.inUse;
    entry.loggedInAt = now();
    entry.forced = false;
    entry.pending = login({
      authUrl,
      identity,
      projectId,
      timeoutMs: options.timeoutMs,
      now,
    }).then(
      (token) => {
        entry.token = token;
        entry.pending = undefined;
        entry.failed = undefined;
        entry.inUse = true;
        entry.renewGapMs = Math.min(
          pauseMs,
          Math.max(1_000, (token.expiresAt - token.issuedAt) / 2),
        );
        observer?.login('success', now());
        return token;
      },
      (error: unknown) => {
        entry.pending = undefined;
        const safe = asCredentialError(error);
        entry.failed = { error: safe, until: now() + pauseMs };
        if (renewal && safe.status === 401) renewalsPausedUntil = now() + pauseMs;
        observer?.login(safe.status === 401 ? 'refused' : 'error', now());
        throw safe;
      },
    );
    return entry.pending;
  }

  /** Why a login may not be made now, or undefined when it may (and is counted). */
  function refusal(
    entry: CacheEntry,
    projectId: string,
    limitKey: string | undefined,
  ): CredentialError | undefined {
    const t = now();
    if (entry.failed && t < entry.failed.until) {
      return lastLoginFailed(projectId, entry.failed, pauseMs, t);
    }
    if (entry.inUse) {
      // A renewal: never held up by logins for new projects, bounded for this project alone.
      if (t < renewalsPausedUntil) {
        return renewalsPaused(pauseMs, renewalsPausedUntil - t);
      }
      const last = entry.loggedInAt;
      if (entry.forced || last === undefined || t >= last + entry.renewGapMs) return undefined;
      return renewedTooSoon(projectId, last + entry.renewGapMs - t);
    }
    const wait = budget.take(limitKey);
    return wait > 0 ? budgetSpent(wait) : undefined;
  }

  function heldBack(error: CredentialError): CredentialError {
    observer?.login('rate_limited', now());
    return error;
  }

  async function tokenFor(
    region: string,
    projectId: string,
    limitKey: string | undefined,
  ): Promise<string> {
    const authUrl = options.authUrl ?? options.iamForRegion(region);
    if (!authUrl) {
      throw new CredentialError(
        `No IAM endpoint is known for region ${region}: set OS_AUTH_URL`,
        502,
      );
    }
    const entry = entryFor(`${authUrl} ${projectId}`);
    const current = entry.token;
    if (current && now() < usableUntil(current)) {
      if (now() >= renewAt(current) && !entry.pending && !refusal(entry, projectId, limitKey)) {
        // Renewal in the background; its failure is remembered in the entry, not thrown here.
        fetchToken(entry, authUrl, projectId).catch(() => undefined);
      }
      return current.token;
    }
    if (!entry.pending) {
      const refused = refusal(entry, projectId, limitKey);
      if (refused) throw heldBack(refused);
    }
    return (await fetchToken(entry, authUrl, projectId)).token;
  }

  const where = options.authUrl
    ? `IAM at ${safeOrigin(options.authUrl)}`
    : 'the region’s IAM endpoint';
  return {
    kind: options.kind ?? 'password',
    description: `IAM password login (${options.source}) as user ${identity.username} (${describeDomain(identity.domain)}) via ${where}`,
    secrets: [identity.password],
    headersFor: async (request) => ({
      'X-Auth-Token': await tokenFor(request.region, request.projectId, request.limitKey),
    }),
    invalidate: (projectId, rejected) => {
      const token = rejected['X-Auth-Token'];
      const t = now();
      for (const [key, entry] of cache) {
        if (!key.endsWith(` ${projectId}`)) continue;
        // One already renewed by a concurrent request stays.
        if (!entry.token || entry.token.token !== token) continue;
        if (entry.forcedAt !== undefined && t < entry.forcedAt + pauseMs) {
          throw heldBack(rejectedAgain(projectId, pauseMs, entry.forcedAt + pauseMs - t));
        }
        entry.forcedAt = t;
        entry.forced = true;
        entry.token = undefined;
      }
      return true;
    },
    observeLogins: (next) => {
      observer = next;
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
