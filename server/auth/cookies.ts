import type { IncomingMessage, ServerResponse } from 'node:http';

/** Reads one cookie; the value is returned as sent (our values are base64url and dots). */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface CookieOptions {
  path: string;
  maxAgeSec: number;
  secure: boolean;
}

/** Adds a `Set-Cookie` (keeping earlier ones). Always HttpOnly and SameSite=Lax. */
export function setCookie(
  res: ServerResponse,
  name: string,
  value: string,
  options: CookieOptions,
): void {
  const parts = [
    `${name}=${value}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAgeSec}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (options.secure) parts.push('Secure');
  const existing = res.getHeader('Set-Cookie');
  const list = Array.isArray(existing) ? existing : typeof existing === 'string' ? [existing] : [];
  res.setHeader('Set-Cookie', [...list, parts.join('; ')]);
}

export function clearCookie(
  res: ServerResponse,
  name: string,
  options: Omit<CookieOptions, 'maxAgeSec'>,
): void {
  setCookie(res, name, '', { ...options, maxAgeSec: 0 });
}
