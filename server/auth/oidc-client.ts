import * as client from 'openid-client';
import type { OidcAuthConfig } from './config.ts';
import { cleanGroups, cleanName, type User } from './identity.ts';

/** What the sign-in flow must remember between leaving for the provider and coming back. */
export interface LoginChecks {
  state: string;
  nonce: string;
  verifier: string;
}

export interface OidcClient {
  /** Where to send the browser, and the checks to keep (in the login cookie) for the callback. */
  start(redirectUri: string): Promise<{ url: URL; checks: LoginChecks }>;
  /** Validates the callback (state, PKCE, ID token, nonce) and reads who signed in. */
  finish(currentUrl: URL, checks: LoginChecks): Promise<User & { subject: string }>;
  /** The provider's end-session address, if it has one. */
  endSessionUrl(postLogoutRedirectUri: string): Promise<URL | undefined>;
}

/** Why the provider could not be used: it did not answer, or it answered and refused. */
export class ProviderUnreachableError extends Error {
  override name = 'ProviderUnreachableError';
}

/** Seconds for one request to the provider (discovery, token, userinfo). */
const PROVIDER_TIMEOUT_SEC = 5;

function isUnreachable(error: unknown): boolean {
  if (error instanceof TypeError && error.message === 'fetch failed') return true;
  if (error instanceof client.ClientError) {
    if (error.code === 'OAUTH_TIMEOUT' || error.code === 'OAUTH_ABORT') return true;
    const cause = error.cause;
    if (cause instanceof Response && cause.status >= 500) return true;
    if (error.cause instanceof TypeError) return isUnreachable(error.cause);
  }
  return false;
}

/** The first claim that names the user in words people use: login name, then e-mail, then subject. */
function userName(claims: Record<string, unknown>): string | undefined {
  return (
    cleanName(claims.preferred_username) ??
    cleanName(claims.email) ??
    cleanName(claims.upn) ??
    cleanName(claims.name) ??
    cleanName(claims.sub)
  );
}

export function createOidcClient(config: OidcAuthConfig): OidcClient {
  const loopbackHttp = config.issuer.protocol === 'http:';
  let discovered: Promise<client.Configuration> | undefined;

  // Discovered on first use, not at start: the server starts (and serves /healthz) while the
  // provider is down, and a failed discovery is tried again by the next sign-in.
  function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(
        config.issuer,
        config.clientId,
        config.clientSecret,
        config.clientSecret === undefined
          ? client.None()
          : client.ClientSecretBasic(config.clientSecret),
        {
          timeout: PROVIDER_TIMEOUT_SEC,
          // Checked at start: http:// only for a provider on a loopback address.
          execute: loopbackHttp ? [client.allowInsecureRequests] : [],
        },
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw isUnreachable(error)
          ? new ProviderUnreachableError('discovery failed', { cause: error })
          : error;
      });
    return discovered;
  }

  async function call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUnreachable(error))
        throw new ProviderUnreachableError('provider did not answer', { cause: error });
      throw error;
    }
  }

  return {
    async start(redirectUri) {
      const oidc = await configuration();
      const checks: LoginChecks = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
      };
      const url = client.buildAuthorizationUrl(oidc, {
        redirect_uri: redirectUri,
        scope: config.scopes,
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(checks.verifier),
        code_challenge_method: 'S256',
      });
      return { url, checks };
    },

    async finish(currentUrl, checks) {
      const oidc = await configuration();
      const tokens = await call(() =>
        client.authorizationCodeGrant(oidc, currentUrl, {
          pkceCodeVerifier: checks.verifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        }),
      );
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('the provider sent no ID token');
      let claims: Record<string, unknown> = { ...idClaims };
      // Many providers put the name and groups in the ID token only when asked; the
      // userinfo endpoint then has them (oidc-provider does this by default).
      const missing = userName(claims) === claims.sub || !(config.groupsClaim in claims);
      if (missing && oidc.serverMetadata().userinfo_endpoint && tokens.access_token) {
        const info = await call(() =>
          client.fetchUserInfo(oidc, tokens.access_token, idClaims.sub),
        );
        claims = { ...info, ...claims };
      }
      const name = userName(claims) ?? idClaims.sub;
      return { subject: idClaims.sub, name, groups: cleanGroups(claims[config.groupsClaim]) };
    },

    async endSessionUrl(postLogoutRedirectUri) {
      let oidc: client.Configuration;
      try {
        oidc = await configuration();
      } catch {
        // Signing out must work while the provider is down: our own page then.
        return undefined;
      }
      if (!oidc.serverMetadata().end_session_endpoint) return undefined;
      return client.buildEndSessionUrl(oidc, {
        client_id: config.clientId,
        post_logout_redirect_uri: postLogoutRedirectUri,
      });
    },
  };
}
