import net from 'node:net';
import type { Step } from '../context.ts';

/**
 * DNS rebinding: a page on another site that points its own name at this server must not
 * read it. The rule Vite applies: IP literals, `localhost` and `*.localhost` always pass,
 * other names only when listed (`SFS_TURBO_ALLOWED_HOSTS`, PUBLIC_URL's host); a listed
 * `.example.com` admits its subdomains.
 */
export function hostAllowed(hostHeader: string | undefined, allowed: readonly string[]): boolean {
  if (!hostHeader) return false;
  const host = hostHeader
    .trim()
    .toLowerCase()
    .replace(/:\d+$/, '')
    .replace(/^\[(.*)\]$/, '$1');
  if (net.isIP(host) !== 0) return true;
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return allowed.some((name) =>
    name.startsWith('.') ? host === name.slice(1) || host.endsWith(name) : host === name,
  );
}

export function hostCheck(allowed: readonly string[]): Step {
  return async (req, res, ctx, next) => {
    if (hostAllowed(req.headers.host, allowed)) return next();
    ctx.log.route = 'host-refused';
    res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(
      'This host name is not allowed. Add it to SFS_TURBO_ALLOWED_HOSTS (or set PUBLIC_URL) on the dashboard server.\n',
    );
  };
}
