/**
 * The access-control step alone, for its unit tests and bench/auth.ts: node:http, a
 * `RequestContext`, the step, then a stub "app" that records who reached it. Whole-server
 * tests use the real production server instead (server/testing/production.ts).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { normaliseAddress } from '../config/trusted-proxies.ts';
import type { RequestContext, Step } from '../http/context.ts';
import { sendJson } from '../http/responses.ts';
import { listen, type Running } from './servers.ts';

type App = (req: IncomingMessage, res: ServerResponse, ctx: RequestContext) => void | Promise<void>;

export interface AuthHostOptions {
  step: Step;
  /** Starts and ends with '/'. */
  basePath?: string;
  /** Which peers are trusted proxies (the real server matches TRUSTED_PROXIES). */
  isTrustedPeer?: (peer: string) => boolean;
  app?: App;
  port?: number;
}

export interface AuthHost extends Running {
  /** Contexts that reached the app (after the step let them through). */
  reached: RequestContext[];
  /** Every context, with its final status, as an access log would see it. */
  log: { ctx: RequestContext; status: number }[];
}

/** Answers what the real app would, in shape: JSON under /api, an HTML shell for pages. */
export const stubApp: App = (_req, res, ctx) => {
  if (ctx.path.startsWith('/api/')) {
    sendJson(res, 200, { reached: ctx.path, user: ctx.user?.name ?? null });
    return;
  }
  const body = `<!doctype html><title>app</title><p id="reached">${ctx.path.replace(/[^\w/.-]/g, '')}</p>`;
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(body);
};

export async function startAuthHost(options: AuthHostOptions): Promise<AuthHost> {
  const basePath = options.basePath ?? '/';
  const app = options.app ?? stubApp;
  const reached: RequestContext[] = [];
  const log: AuthHost['log'] = [];
  const listener: RequestListener = (req, res) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    const bare = basePath.replace(/\/$/, '');
    if (pathname !== bare && !pathname.startsWith(basePath)) {
      res.writeHead(404).end();
      return;
    }
    const peer = normaliseAddress(req.socket.remoteAddress ?? '');
    const ctx: RequestContext = {
      id: randomUUID(),
      peer,
      client: peer,
      viaTrustedProxy: options.isTrustedPeer?.(peer) ?? false,
      path: pathname === bare ? '/' : `/${pathname.slice(basePath.length)}`,
      log: {},
    };
    res.on('finish', () => log.push({ ctx, status: res.statusCode }));
    options
      .step(req, res, ctx, async () => {
        reached.push(ctx);
        await app(req, res, ctx);
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  };
  const running = await listen(listener, options.port ?? 0);
  return Object.assign(running, { reached, log });
}
