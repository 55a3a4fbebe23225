import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { RequestContext } from './context.ts';

const PROTO = /^https?$/;
const HOST = /^[a-z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/i;

const first = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim().toLowerCase();

/**
 * The origin users reach this server at: PUBLIC_URL when set; else the request's own, with
 * `X-Forwarded-Proto`/`X-Forwarded-Host` believed only when the peer is a trusted proxy
 * (anyone else could name any site). For sign-in callbacks (issue 13); the server's own
 * redirects are relative and need none of it.
 */
export function requestOrigin(
  req: IncomingMessage,
  ctx: Pick<RequestContext, 'viaTrustedProxy'>,
  publicUrl: string | undefined,
): string {
  if (publicUrl) return new URL(publicUrl).origin;
  const encrypted = (req.socket as Partial<TLSSocket>).encrypted === true;
  let proto = encrypted ? 'https' : 'http';
  let host = first(req.headers.host) ?? 'localhost';
  if (ctx.viaTrustedProxy) {
    const forwardedProto = first(req.headers['x-forwarded-proto']);
    const forwardedHost = first(req.headers['x-forwarded-host']);
    if (forwardedProto && PROTO.test(forwardedProto)) proto = forwardedProto;
    if (forwardedHost && HOST.test(forwardedHost)) host = forwardedHost;
  }
  return `${proto}://${host}`;
}
