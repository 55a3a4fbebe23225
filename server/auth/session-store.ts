import type { IncomingMessage, ServerResponse } from 'node:http';
import { issuerName, type OidcAuthConfig } from '../config/auth.ts';
import { clearCookie, readCookie, setCookie } from './cookies.ts';
import { cleanGroups, cleanName, type User } from './identity.ts';
import { createSealer } from './sealed-token.ts';

export const SESSION_COOKIE = 'sfs_session';
/** Keeps the cookie under browsers' 4 kB limit with long group names. */
const MAX_STORED_GROUPS = 30;
/** `sub` is at most 255 ASCII characters (OpenID Connect Core 2). */
const MAX_SUBJECT = 255;

export type SessionRead = { user: User } | { user: undefined; invalid: boolean };

/** Who signed in, as the provider asserted it. */
export interface SignedIn {
  /** The displayed, allow-listed name (`OIDC_USER_CLAIM`'s value). */
  name: string;
  groups: string[];
  /** The ID token's `sub`. */
  subject: string;
}

/** The session lives in the browser, sealed: any replica can read it, none stores it. */
export interface SessionStore {
  read(req: IncomingMessage): Promise<SessionRead>;
  write(res: ServerResponse, user: SignedIn): Promise<void>;
  clear(res: ServerResponse): void;
}

/** The cookie path: the base path without its trailing slash (it then covers `/base` too). */
export function cookiePath(basePath: string): string {
  return basePath === '/' ? '/' : basePath.replace(/\/$/, '');
}

/** The key of one account at this deployment's provider: issuer and `sub`. */
export function userId(issuer: string, subject: string): string {
  return `${issuer}#${subject}`;
}

export function createSessionStore(config: OidcAuthConfig): SessionStore {
  const issuer = issuerName(config.issuer);
  const sealer = createSealer(config.sessionSecret, 'session', {
    issuer,
    clientId: config.clientId,
  });
  const options = { path: cookiePath(config.basePath), secure: config.secureCookies };
  return {
    async read(req) {
      const token = readCookie(req, SESSION_COOKIE);
      if (!token) return { user: undefined, invalid: false };
      const claims = await sealer.open(token);
      const name = cleanName(claims?.name);
      const subject = claims?.sub;
      if (
        name === undefined ||
        typeof subject !== 'string' ||
        subject.length === 0 ||
        subject.length > MAX_SUBJECT
      ) {
        return { user: undefined, invalid: true };
      }
      return {
        user: { name, groups: cleanGroups(claims?.groups), id: userId(issuer, subject) },
      };
    },
    async write(res, user) {
      // With allowed groups, those are the ones that matter; otherwise the first few, for the header.
      const groups =
        config.allowedGroups.length > 0
          ? user.groups.filter((group) => config.allowedGroups.includes(group))
          : user.groups.slice(0, MAX_STORED_GROUPS);
      const token = await sealer.seal(
        { sub: user.subject, name: user.name, groups },
        config.sessionMaxAgeSec,
      );
      setCookie(res, SESSION_COOKIE, token, { ...options, maxAgeSec: config.sessionMaxAgeSec });
    },
    clear(res) {
      clearCookie(res, SESSION_COOKIE, options);
    },
  };
}
