import type { RegionsResponse } from '../../common/contract.ts';

export interface SignableRequest {
  method: 'GET' | 'HEAD';
  url: URL;
  region: string;
  projectId: string;
}

/**
 * Adds authentication to upstream requests. Implementations keep their secrets to themselves:
 * nothing they hold may reach a response, a log line or an error message.
 */
export interface CredentialProvider {
  kind: RegionsResponse['credentials']['kind'];
  /** Safe to show on the page: which mechanism, which user; never a secret. */
  description: string;
  /** Throws `CredentialError` (never anything carrying a secret) when it cannot authenticate. */
  headersFor(request: SignableRequest): Promise<Record<string, string>>;
  /**
   * The upstream answered 401 to a request sent with `rejected` (the headers `headersFor`
   * gave). Returns true when fresh credentials can be obtained, so that the request is worth
   * one retry. Passing the rejected headers lets a provider tell a stale token from one that
   * a concurrent request has already renewed, so that fifty 401s cause one login, not fifty.
   */
  invalidate(projectId: string, rejected: Record<string, string>): boolean;
}

/**
 * A failure to authenticate, with a message written for the page: it names the mechanism and
 * what went wrong, and has already been through `redact`, so it holds no secret.
 * `status` is what the proxy answers: 401 when the cloud refused the credentials (retrying
 * will not help, and retrying a wrong password can lock the IAM user), 502/504 when IAM could
 * not be reached or was too slow (worth retrying).
 */
export class CredentialError extends Error {
  override name = 'CredentialError';
  constructor(
    message: string,
    readonly status: 401 | 502 | 504,
  ) {
    super(message);
  }
}

export const noCredentials: CredentialProvider = {
  kind: 'none',
  description: 'No credentials configured',
  headersFor: () => Promise.resolve({}),
  invalidate: () => false,
};

export function staticToken(token: string, source: string): CredentialProvider {
  const headers = Object.freeze({ 'X-Auth-Token': token });
  return {
    kind: 'token',
    description: `IAM token from ${source}`,
    headersFor: () => Promise.resolve(headers),
    // A fixed token cannot be renewed: a 401 goes back to the page as it came.
    invalidate: () => false,
  };
}
