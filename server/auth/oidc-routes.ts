import type { IncomingMessage, ServerResponse } from 'node:http';
import { issuerName, type OidcAuthConfig } from '../config/auth.ts';
import { clearCookie, readCookie, setCookie } from './cookies.ts';
import { isNavigation } from './navigation.ts';
import type { AuthObserver, CallbackFailure } from './observer.ts';
import {
  IdentityClaimError,
  ProviderUnreachableError,
  type LoginChecks,
  type OidcClient,
} from './oidc-client.ts';
import { sendPage } from './pages.ts';
import { safeReturnPath } from './return-path.ts';
import { createSealer } from './sealed-token.ts';
import type { SessionStore } from './session-store.ts';

/** Long enough to type a password and pass a second factor; short enough to be useless later. */
const LOGIN_FLOW_MAX_AGE_SEC = 600;

/**
 * One cookie name for the sign-in in progress: a new sign-in replaces the one before, so no
 * number of visits to `/auth/login` can pile up cookies until every request is too large
 * (431). Two tabs signing in at once: the later one wins; the earlier one's answer gets a
 * page that says so and offers to start again.
 */
export const LOGIN_COOKIE = 'sfs_login';

interface LoginFlow extends LoginChecks {
  returnTo: string;
}

export interface OidcRoutes {
  /**
   * Answers `{base}/auth/*` (`ctx.path` is below the base); false when the path is not one of
   * its routes.
   */
  handle(req: IncomingMessage, res: ServerResponse, ctx: { path: string }): Promise<boolean>;
  /** `{base}/auth/login?return=…` for the given return path. */
  loginHref(returnTo: string): string;
  logoutHref: string;
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

function query(req: IncomingMessage): URLSearchParams {
  const url = req.url ?? '';
  const at = url.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : url.slice(at + 1));
}

function providerDownPage(res: ServerResponse, issuerHost: string, retryHref: string): void {
  sendPage(res, 502, {
    title: 'The sign-in service is not answering',
    lines: [
      `The dashboard could not reach its identity provider (${issuerHost}), so nobody can sign in right now.`,
      'Try again in a minute. If it persists, tell the team that runs the dashboard.',
    ],
    links: [{ href: retryHref, label: 'Try again' }],
  });
}

function alreadySignedInPage(res: ServerResponse, name: string, base: string): void {
  sendPage(res, 200, {
    title: 'You are already signed in',
    lines: [
      `You are signed in as ${name}: a sign-in in another tab of this browser finished first.`,
    ],
    links: [{ href: base, label: 'Go to the dashboard' }],
  });
}

function unmatchedPage(res: ServerResponse, replaced: boolean, loginHref: string): void {
  sendPage(res, 400, {
    title: 'Sign-in did not complete',
    lines: [
      replaced
        ? 'A newer sign-in was started in this browser (in another tab?) and replaced this one. Finish that one, or start again from here.'
        : 'This sign-in answer does not belong to a sign-in started in this browser, or it took longer than 10 minutes.',
      'Nothing was signed in.',
    ],
    links: [{ href: loginHref, label: 'Start sign-in again' }],
  });
}

function signedOutPage(res: ServerResponse, loginHref: string): void {
  sendPage(res, 200, {
    title: 'You are signed out',
    lines: ['You have signed out of the SFS Turbo jobs dashboard.'],
    links: [{ href: loginHref, label: 'Sign in again' }],
  });
}

/** Why the provider's answer did not sign anyone in (other than the provider being down). */
function finishFailure(error: unknown): {
  reason: CallbackFailure;
  status: number;
  lines: string[];
} {
  if (error instanceof IdentityClaimError) {
    return {
      reason: 'identity',
      status: 403,
      lines: [
        `The identity provider signed you in, but ${error.message}, so the dashboard cannot tell who you are.`,
        'Tell the team that runs the dashboard: the provider must send that claim (OIDC_USER_CLAIM) for every user.',
      ],
    };
  }
  return {
    reason: 'exchange',
    status: 400,
    lines: ["The identity provider's answer could not be verified, so nothing was signed in."],
  };
}

export function createOidcRoutes(
  config: OidcAuthConfig,
  oidc: OidcClient,
  sessions: SessionStore,
  observer: AuthObserver,
): OidcRoutes {
  const base = config.basePath;
  const flows = createSealer(config.sessionSecret, 'login', {
    issuer: issuerName(config.issuer),
    clientId: config.clientId,
  });
  const flowCookie = { path: `${base}auth/`, secure: config.secureCookies };
  const callbackUrl = `${config.publicOrigin}${base}auth/callback`;
  const signedOutPath = `${base}auth/signed-out`;
  const loginHref = (returnTo: string) =>
    `${base}auth/login?return=${encodeURIComponent(returnTo)}`;

  const providerDown = (res: ServerResponse) =>
    providerDownPage(res, config.issuer.host, loginHref(base));

  async function login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const returnTo = safeReturnPath(query(req).get('return'), base);
    if (!isNavigation(req)) {
      // A prefetch, or a resource that followed a redirect here: it must not replace the
      // sign-in the user is in the middle of.
      sendPage(res, 400, {
        title: 'Sign-in starts from a page',
        lines: ['Open this address in the browser to sign in.'],
        links: [{ href: loginHref(returnTo), label: 'Sign in' }],
      });
      return;
    }
    let started;
    try {
      started = await oidc.start(callbackUrl);
    } catch (error) {
      if (error instanceof ProviderUnreachableError) return providerDown(res);
      throw error;
    }
    const flow: LoginFlow = { ...started.checks, returnTo };
    const sealed = await flows.seal({ flow }, LOGIN_FLOW_MAX_AGE_SEC);
    setCookie(res, LOGIN_COOKIE, sealed, {
      ...flowCookie,
      maxAgeSec: LOGIN_FLOW_MAX_AGE_SEC,
    });
    redirect(res, started.url.href);
  }

  function failed(
    res: ServerResponse,
    reason: CallbackFailure,
    status: number,
    lines: string[],
    returnTo: string,
  ): void {
    observer.callbackFailed(reason);
    sendPage(res, status, {
      title: 'Sign-in did not complete',
      lines,
      links: [{ href: loginHref(returnTo), label: 'Start sign-in again' }],
    });
  }

  /**
   * An answer from the provider that matches no sign-in in progress here. Most often a
   * second tab: its sign-in replaced this one, or finished first. That pending sign-in is
   * left alone (its cookie is not touched), so the other tab still completes.
   */
  async function unmatched(
    req: IncomingMessage,
    res: ServerResponse,
    pending: LoginFlow | undefined,
  ): Promise<void> {
    observer.callbackFailed('state');
    const signedIn = (await sessions.read(req)).user;
    if (signedIn) alreadySignedInPage(res, signedIn.name, base);
    // This tab's own return path went with the replaced cookie.
    else unmatchedPage(res, pending !== undefined, loginHref(base));
  }

  async function callback(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const params = query(req);
    const state = params.get('state') ?? '';
    const sealed = readCookie(req, LOGIN_COOKIE);
    const claims = sealed ? await flows.open(sealed) : undefined;
    const flow = claims?.flow as LoginFlow | undefined;
    if (!flow || flow.state !== state) {
      // An expired or foreign cookie is dropped; a newer sign-in's is kept for its own answer.
      if (sealed && !flow) clearCookie(res, LOGIN_COOKIE, flowCookie);
      return unmatched(req, res, flow);
    }
    clearCookie(res, LOGIN_COOKIE, flowCookie);
    const providerError = params.get('error');
    if (providerError) {
      const description = params.get('error_description');
      return failed(
        res,
        'provider-error',
        401,
        [
          `The identity provider did not sign you in: ${providerError}${description ? ` (${description})` : ''}.`,
        ],
        flow.returnTo,
      );
    }
    let user;
    try {
      user = await oidc.finish(
        new URL(`${base}auth/callback?${params.toString()}`, config.publicOrigin),
        flow,
      );
    } catch (error) {
      if (error instanceof ProviderUnreachableError) {
        observer.callbackFailed('unreachable');
        return providerDown(res);
      }
      const { reason, status, lines } = finishFailure(error);
      return failed(res, reason, status, lines, flow.returnTo);
    }
    await sessions.write(res, user);
    observer.signIn();
    redirect(res, flow.returnTo);
  }

  async function logout(res: ServerResponse): Promise<void> {
    sessions.clear(res);
    const endSession = await oidc.endSessionUrl(`${config.publicOrigin}${signedOutPath}`);
    redirect(res, endSession?.href ?? signedOutPath);
  }

  return {
    loginHref,
    logoutHref: `${base}auth/logout`,
    async handle(req, res, ctx) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      switch (ctx.path) {
        case '/auth/login':
          await login(req, res);
          return true;
        case '/auth/callback':
          await callback(req, res);
          return true;
        case '/auth/logout':
          await logout(res);
          return true;
        case '/auth/signed-out':
          signedOutPage(res, loginHref(base));
          return true;
        default:
          return false;
      }
    },
  };
}
