import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiHandler } from './handler.ts';
import { isApiTarget } from './route.ts';

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Connect-style middleware for Vite's dev and preview servers: everything under `/api` goes
 * to the proxy (which answers and logs every outcome itself), the rest to Vite.
 */
export function apiMiddleware(handler: ApiHandler): Middleware {
  return (req, res, next) => {
    if (!isApiTarget(req.url ?? '')) {
      next();
      return;
    }
    void handler(req, res);
  };
}
