import type { RegionsResponse } from '../../common/contract.ts';
import type { CredentialHome } from '../config/credentials.ts';
import type { LoginObserver } from './login-observer.ts';

export interface SignableRequest {
  method: 'GET' | 'HEAD';
  url: URL;
  region: string;
  projectId: string;
  /**
   * Who the lookup counts against (`user:…` or `addr:…`, as the upstream limit): a login
   * for a new project is taken from that payer's share of the login budget.
   */
  limitKey?: string | undefined;
}

/**
 * Adds authentication to upstream requests. Implementations keep their secrets to themselves:
 * nothing they hold may reach a response, a log line or an error message.
 */
export interface CredentialProvider {
  kind: RegionsResponse['credentials']['kind'];
  /** For the operator (startup log): which mechanism and where from; never a secret. */
  description: string;
  /**
   * The secret values it holds (token, AK, SK, password). The proxy looks for them, in every
   * encoding, in whatever it is about to pass back or log (`leak-check.ts`).
   */
  secrets: readonly string[];
  home?: CredentialHome | undefined;
  /** Throws `CredentialError` (never anything carrying a secret) when it cannot authenticate. */
  headersFor(request: SignableRequest): Promise<Record<string, string>>;
  /**
   * The upstream answered 401 to a request sent with `rejected` (the headers `headersFor`
   * gave). Returns true when fresh credentials can be obtained, so that the request is worth
   * one retry. Passing the rejected headers lets a provider tell a stale token from one that
   * a concurrent request has already renewed, so that fifty 401s cause one login, not fifty.
   * Throws a 429 `CredentialError` when a fresh login would exceed the login limits.
   */
  invalidate(projectId: string, rejected: Record<string, string>): boolean;
  /** Reports each login's outcome from now on (providers that log in: IAM password). */
  observeLogins?(observer: LoginObserver): void;
}

/**
 * A failure to authenticate, with a message written for the page: it names the mechanism and
 * what went wrong, and has already been through `redact`, so it holds no secret.
 * `status` is what the proxy answers: 401 when the cloud refused the credentials (retrying
 * will not help, and retrying a wrong password can lock the IAM user), 429 when a login was
 * not attempted because of the login limits (`retryAfterSeconds` says when it may be),
 * 502/504 when IAM could not be reached or was too slow (worth retrying).
 */
export class CredentialError extends Error {
  override name = 'CredentialError';
  constructor(
    message: string,
    readonly status: 401 | 429 | 502 | 504,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const noCredentials: CredentialProvider = {
  kind: 'none',
  description: 'No credentials configured',
  secrets: [],
  headersFor: () => Promise.resolve({}),
  invalidate: () => false,
};

export function staticToken(token: string, source: string): CredentialProvider {
  const headers = Object.freeze({ 'X-Auth-Token': token });
  return {
    kind: 'token',
    description: `IAM token from ${source}`,
    secrets: [token],
    headersFor: () => Promise.resolve(headers),
    // A fixed token cannot be renewed: a 401 goes back to the page as it came.
    invalidate: () => false,
  };
}
