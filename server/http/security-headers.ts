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
 * Headers on everything `npm start` serves. No inline scripts are allowed; inline style
 * attributes are, because bar positions in the timeline are computed per row.
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
 * The dev server injects inline scripts (React Fast Refresh) and talks to Vite over a
 * WebSocket, so it gets everything but the script policy.
 */
export const DEV_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...SHARED,
  'Content-Security-Policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'none'",
};
