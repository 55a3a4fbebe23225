import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROXY_ERROR, type SessionResponse } from '../../../common/contract.ts';
import { headerIdentity, isAllowed, type User } from '../../auth/identity.ts';
import { isNavigation } from '../../auth/navigation.ts';
import { noObserver, type AuthObserver } from '../../auth/observer.ts';
import { createOidcClient, type OidcClient } from '../../auth/oidc-client.ts';
import { createOidcRoutes, type OidcRoutes } from '../../auth/oidc-routes.ts';
import { sendPage } from '../../auth/pages.ts';
import { createSessionStore, type SessionStore } from '../../auth/session-store.ts';
import type { AuthConfig, OidcAuthConfig } from '../../config/auth.ts';
import type { RequestContext, Step } from '../context.ts';
import { sendJson, sendProxyError } from '../responses.ts';

export interface AccessControlOptions {
  observer?: AuthObserver;
  /** Replaces the openid-client based client (tests of the step alone). */
  oidcClient?: OidcClient;
}

/** Paths that answer without sign-in: probes must work for the load balancer and Kubernetes. */
const OPEN_PATHS = new Set(['/healthz', '/readyz']);

function isApi(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

function queryOf(req: IncomingMessage): string {
  const url = req.url ?? '';
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at);
}

interface Oidc {
  config: OidcAuthConfig;
  routes: OidcRoutes;
  sessions: SessionStore;
}

/**
 * Sign-in (server/auth/): sets `ctx.user` (the access log's `user`), answers 401/403 and the
 * `/auth/…` routes itself, or passes. Health and metrics come before it (metrics guarded by
 * `METRICS_TOKEN` there); pages, assets and the API after it.
 */
export function accessControl(config: AuthConfig, observer: AuthObserver): Step {
  const step = createAccessControl(config, { observer });
  return (req, res, ctx, next) => {
    if (config.mode !== 'none' && ctx.path.startsWith('/auth/')) ctx.log.route = 'auth';
    return step(req, res, ctx, next);
  };
}

function oidcOf(
  config: OidcAuthConfig,
  options: AccessControlOptions,
  observer: AuthObserver,
): Oidc {
  const sessions = createSessionStore(config);
  const routes = createOidcRoutes(
    config,
    options.oidcClient ?? createOidcClient(config),
    sessions,
    observer,
  );
  return { config, routes, sessions };
}

/** Who is asking: the trusted proxy's header, or our own session cookie. */
async function userOf(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: RequestContext,
  config: AuthConfig,
  oidc: Oidc | undefined,
): Promise<User | undefined> {
  if (config.mode === 'header') return headerIdentity(req, config, ctx.viaTrustedProxy);
  if (!oidc) return undefined;
  const read = await oidc.sessions.read(req);
  // A tampered or expired cookie is dropped, so the browser stops sending it.
  if (!read.user && read.invalid) oidc.sessions.clear(res);
  return read.user;
}

/** `loginHref` when this server signs users in itself; undefined behind a signing-in proxy. */
function notSignedInPage(res: ServerResponse, loginHref: string | undefined): void {
  sendPage(res, 401, {
    title: 'You are not signed in',
    lines: loginHref
      ? ['Sign in to use the SFS Turbo jobs dashboard.']
      : [
          "This dashboard is reached through the company's sign-in, and this request did not come through it.",
          'Open the dashboard at its usual address; if that is what you did, tell the team that runs it.',
        ],
    links: loginHref ? [{ href: loginHref, label: 'Sign in' }] : [],
  });
}

function forbiddenPage(res: ServerResponse, name: string, logoutUrl: string | null): void {
  sendPage(res, 403, {
    title: 'No access to this dashboard',
    lines: [
      `You are signed in as ${name}.`,
      "This account is not on the dashboard's list of allowed users or groups, so it cannot look up jobs here.",
      'Ask the team that runs the dashboard to add you or one of your groups, or sign in with another account.',
    ],
    links: logoutUrl ? [{ href: logoutUrl, label: 'Sign out' }] : [],
  });
}

/**
 * The access-control step: who is asking (a trusted proxy's header, or our own session
 * cookie), whether they may, and the sign-in routes. It knows nothing about jobs; later steps
 * read `ctx.user`.
 */
export function createAccessControl(config: AuthConfig, options: AccessControlOptions = {}): Step {
  const observer = options.observer ?? noObserver;
  const oidc = config.mode === 'oidc' ? oidcOf(config, options, observer) : undefined;
  const base = config.basePath;
  const logoutUrl =
    oidc?.routes.logoutHref ?? (config.mode === 'header' ? (config.logoutUrl ?? null) : null);

  function session(user: User | undefined): SessionResponse {
    return {
      mode: config.mode,
      user: user?.name ?? null,
      groups: user?.groups ?? [],
      loginUrl: oidc ? `${base}auth/login` : null,
      logoutUrl,
    };
  }

  function refuseUnauthenticated(
    req: IncomingMessage,
    res: ServerResponse,
    ctx: RequestContext,
  ): void {
    observer.refused(401);
    if (isApi(ctx.path)) {
      sendProxyError(
        res,
        401,
        PROXY_ERROR.unauthenticated,
        'Not signed in: sign in to the dashboard, then try again.',
      );
      return;
    }
    const here = `${base}${ctx.path.slice(1)}${queryOf(req)}`;
    if (oidc && (req.method === 'GET' || req.method === 'HEAD') && isNavigation(req)) {
      res.writeHead(302, { Location: oidc.routes.loginHref(here), 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    notSignedInPage(res, oidc?.routes.loginHref(base));
  }

  function refuseForbidden(res: ServerResponse, ctx: RequestContext, user: User): void {
    observer.refused(403);
    if (isApi(ctx.path)) {
      sendProxyError(
        res,
        403,
        PROXY_ERROR.forbidden,
        `Signed in as ${user.name}, who may not use this dashboard.`,
      );
      return;
    }
    forbiddenPage(res, user.name, logoutUrl);
  }

  return async (req, res, ctx, next) => {
    const path = ctx.path;
    if (OPEN_PATHS.has(path)) return next();
    if (config.mode === 'none') {
      if (path === '/api/session') return sendJson(res, 200, session(undefined));
      return next();
    }
    if (oidc && path.startsWith('/auth/') && (await oidc.routes.handle(req, res, ctx))) return;

    const user = await userOf(req, res, ctx, config, oidc);
    if (!user) return refuseUnauthenticated(req, res, ctx);
    ctx.user = user;
    ctx.log.user = user.name;
    if (!isAllowed(user, config)) return refuseForbidden(res, ctx, user);
    if (path === '/api/session') return sendJson(res, 200, session(user));
    return next();
  };
}
