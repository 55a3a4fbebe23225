import type { IncomingMessage } from 'node:http';
import type { AuthConfig, HeaderAuthConfig } from '../config/auth.ts';

export interface User {
  /** Who the page shows and the allow-lists match: the header's user, or `OIDC_USER_CLAIM`'s value. */
  name: string;
  groups: string[];
  /**
   * Whom per-user limits count and the access log keys on: the header's user, or in `oidc`
   * mode the issuer and `sub` (`https://sso.example.com/realms/x#0f3c…`), which no user can
   * change and no two accounts share, whatever their names say.
   */
  id: string;
}

const MAX_NAME = 256;
const MAX_GROUPS = 200;

function headerText(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value.join(',') : value;
  return raw === undefined ? undefined : raw.trim();
}

/** A name fit for a page and a log line: printable, bounded; else nothing. */
export function cleanName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.trim();
  if (name.length === 0 || name.length > MAX_NAME || /\p{Cc}/u.test(name)) return undefined;
  return name;
}

/** Groups as a list of names: from a JSON array (OIDC claim) or a comma list (header). */
export function cleanGroups(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const groups: string[] = [];
  for (const item of items) {
    const group = cleanName(item);
    if (group !== undefined && !groups.includes(group)) groups.push(group);
    if (groups.length >= MAX_GROUPS) break;
  }
  return groups;
}

/**
 * The identity a reverse proxy in front asserts. Believed only when the connection comes from
 * a trusted proxy: from anyone else the same headers are forged and are dropped, so that no
 * later step can read them either.
 */
export function headerIdentity(
  req: IncomingMessage,
  config: HeaderAuthConfig,
  viaTrustedProxy: boolean,
): User | undefined {
  if (!viaTrustedProxy) {
    delete req.headers[config.userHeader];
    delete req.headers[config.groupsHeader];
    return undefined;
  }
  const name = cleanName(headerText(req.headers[config.userHeader]));
  if (name === undefined) return undefined;
  return { name, groups: cleanGroups(headerText(req.headers[config.groupsHeader])), id: name };
}

/** Empty lists let every signed-in user in; otherwise the user's name or one of their groups must be listed. */
export function isAllowed(
  user: User,
  config: Pick<AuthConfig, 'allowedUsers' | 'allowedGroups'>,
): boolean {
  if (config.allowedUsers.length === 0 && config.allowedGroups.length === 0) return true;
  if (config.allowedUsers.includes(user.name)) return true;
  return user.groups.some((group) => config.allowedGroups.includes(group));
}
