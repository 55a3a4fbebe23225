/** Any origin: only used to resolve a path, never contacted. */
const PROBE_ORIGIN = 'http://return-path.invalid';

/**
 * The address a user comes back to after signing in: a path on this site under `basePath`
 * (which starts and ends with '/'), with its query. Anything else (another origin, a
 * protocol-relative `//host`, a backslash trick, a path outside the base, control characters)
 * gives the base path itself, so the sign-in flow can never be used as an open redirect.
 */
export function safeReturnPath(raw: string | null | undefined, basePath: string): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return basePath;
  // Browsers treat '\' as '/' and drop tabs and newlines, so "/\evil" and "/\t/evil" would
  // leave the site: refuse them before resolving.
  if (!raw.startsWith('/') || /[\\\p{Cc}]/u.test(raw) || raw.startsWith('//')) return basePath;
  let url: URL;
  try {
    url = new URL(raw, PROBE_ORIGIN);
  } catch {
    return basePath;
  }
  if (url.origin !== PROBE_ORIGIN) return basePath;
  // Resolution removed dot segments: the result, not the raw text, must sit under the base.
  const path = url.pathname;
  const underBase = path === basePath || path.startsWith(basePath) || `${path}/` === basePath;
  if (!underBase || path.startsWith('//')) return basePath;
  return `${path}${url.search}`;
}
