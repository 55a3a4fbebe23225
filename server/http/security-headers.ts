const SHARED: Readonly<Record<string, string>> = {
  // Job URLs carry project IDs: they must not leak to other sites through Referer.
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/**
 * Headers on everything `npm start` serves. No inline scripts are allowed but those the build
 * wrote, each by its hash (`allowingInlineScripts`); inline style attributes are, because bar
 * positions in the timeline are computed per row.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...SHARED,
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
};

/**
 * `headers` whose policy also allows the inline scripts with these hashes (`'sha256-…'`, the
 * build's own: server/http/static-site.ts), and no other inline script.
 */
export function allowingInlineScripts(
  headers: Readonly<Record<string, string>>,
  hashes: readonly string[],
): Readonly<Record<string, string>> {
  const policy = headers['Content-Security-Policy'];
  if (hashes.length === 0 || policy === undefined) return headers;
  return {
    ...headers,
    'Content-Security-Policy': policy.replace(
      /(^|; )script-src 'self'/,
      `$1script-src 'self' ${hashes.join(' ')}`,
    ),
  };
}

/**
 * The dev server injects inline scripts (React Fast Refresh) and talks to Vite over a
 * WebSocket, so it gets everything but the script policy.
 */
export const DEV_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...SHARED,
  'Content-Security-Policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'none'",
};

/**
 * A year, the usual value once https is settled. Only with an https `PUBLIC_URL`: users
 * reach the dashboard by https, so the browser should never try http for this host again
 * (a first visit typed without https, a link in an old ticket).
 *
 * Without `includeSubDomains` (and so without `preload`): the dashboard usually lives at a
 * sub-path of a shared tools host, and does not own the names below it. Whoever runs the
 * domain decides that, at the TLS proxy, for every service on it.
 */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

/** `headers`, plus `Strict-Transport-Security` when the public address is https. */
export function withTransportSecurity(
  headers: Readonly<Record<string, string>>,
  publicUrl: string | undefined,
): Readonly<Record<string, string>> {
  if (!publicUrl?.startsWith('https:')) return headers;
  return { ...headers, 'Strict-Transport-Security': STRICT_TRANSPORT_SECURITY };
}
