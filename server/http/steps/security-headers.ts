import type { Step } from '../context.ts';

/**
 * Sets the headers before anything else answers, so pages, assets, health and 404s carry
 * them alike; the API's own `writeHead` headers (server/http/responses.ts) still win where they
 * name the same header.
 */
export function securityHeaders(headers: Readonly<Record<string, string>>): Step {
  const entries = Object.entries(headers);
  return async (_req, res, _ctx, next) => {
    for (const [name, value] of entries) res.setHeader(name, value);
    await next();
  };
}
