import * as client from 'openid-client';
import type { OidcAuthConfig } from '../config/auth.ts';
import { cleanGroups, cleanName } from './identity.ts';
import type { SignedIn } from './session-store.ts';

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
  finish(currentUrl: URL, checks: LoginChecks): Promise<SignedIn>;
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

type Claims = Record<string, unknown>;

/**
 * The provider did not say who the user is in a way this dashboard can use: the configured
 * claim is missing, or is an e-mail address the provider has not verified.
 */
export class IdentityClaimError extends Error {
  override name = 'IdentityClaimError';
}

/** `email_verified`: a boolean by the standard; some providers (Cognito) send the text "true". */
const isVerified = (value: unknown) => value === true || value === 'true';

/**
 * The e-mail address, when the same source (ID token, else userinfo) that gives it also says
 * it is verified: anyone can type an address into a self-service profile.
 */
function verifiedEmail(sources: Claims[]): string | undefined {
  const source = sources.find((claims) => claims.email !== undefined);
  if (!source || !isVerified(source.email_verified)) return undefined;
  return cleanName(source.email);
}

/** A whole number is a name too (numeric account IDs); other non-strings are not. */
const asText = (value: unknown) =>
  typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;

/** The first source that has the claim, else undefined. */
function claim(sources: Claims[], name: string): unknown {
  return sources.find((claims) => claims[name] !== undefined)?.[name];
}

/**
 * Who the user is, from what the provider asserts and the user cannot edit (DESIGN.md
 * "Access control"): `OIDC_USER_CLAIM` when set (`email` only when verified), else the
 * verified e-mail address, else `sub`. Never a display name: `name` is whatever the user
 * typed into their profile.
 */
export function userName(
  userClaim: string | undefined,
  sources: Claims[],
  subject: string,
): string {
  if (userClaim === undefined) return verifiedEmail(sources) ?? subject;
  const value =
    userClaim === 'email'
      ? verifiedEmail(sources)
      : userClaim === 'sub'
        ? subject
        : cleanName(asText(claim(sources, userClaim)));
  if (value === undefined) {
    throw new IdentityClaimError(
      userClaim === 'email'
        ? 'the provider sent no verified e-mail address (email_verified is not true)'
        : `the provider sent no usable "${userClaim}" claim`,
    );
  }
  return value;
}

/** Whether the ID token lacks what `userName` and the groups need (then userinfo is asked). */
function lacksClaims(config: OidcAuthConfig, idClaims: Claims): boolean {
  const needed =
    config.userClaim === undefined || config.userClaim === 'email'
      ? ['email', 'email_verified']
      : config.userClaim === 'sub'
        ? []
        : [config.userClaim];
  return [...needed, config.groupsClaim].some((name) => idClaims[name] === undefined);
}

/** `sub` is at most 255 ASCII characters (OpenID Connect Core 2); it becomes part of a log key. */
const SUBJECT = /^[\x20-\x7e]{1,255}$/;

function discover(config: OidcAuthConfig): Promise<client.Configuration> {
  return client
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
        execute: config.issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
      },
    )
    .catch((error: unknown) => {
      throw isUnreachable(error)
        ? new ProviderUnreachableError('discovery failed', { cause: error })
        : error;
    });
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

/** The ID token's claims, with a `sub` fit to be a log key. */
function idClaimsOf(tokens: { claims(): client.IDToken | undefined }): client.IDToken {
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error('the provider sent no ID token');
  if (!SUBJECT.test(idClaims.sub)) {
    throw new IdentityClaimError(
      'the provider sent a "sub" that is not 1 to 255 printable ASCII characters',
    );
  }
  return idClaims;
}

export function createOidcClient(config: OidcAuthConfig): OidcClient {
  let discovered: Promise<client.Configuration> | undefined;

  // Discovered on first use, not at start: the server starts (and serves /healthz) while the
  // provider is down, and a failed discovery is tried again by the next sign-in.
  function configuration(): Promise<client.Configuration> {
    discovered ??= discover(config).catch((error: unknown) => {
      discovered = undefined;
      throw error;
    });
    return discovered;
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
      const idClaims = idClaimsOf(tokens);
      const sources: Claims[] = [{ ...idClaims }];
      // Many providers put the e-mail and groups in the ID token only when asked; the
      // userinfo endpoint then has them (oidc-provider does this by default). openid-client
      // checks that its `sub` is the ID token's.
      if (
        lacksClaims(config, idClaims) &&
        oidc.serverMetadata().userinfo_endpoint &&
        tokens.access_token
      ) {
        sources.push(
          await call(() => client.fetchUserInfo(oidc, tokens.access_token, idClaims.sub)),
        );
      }
      return {
        subject: idClaims.sub,
        name: userName(config.userClaim, sources, idClaims.sub),
        groups: cleanGroups(claim(sources, config.groupsClaim)),
      };
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
