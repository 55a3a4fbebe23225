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
  headersFor(request: SignableRequest): Promise<Record<string, string>>;
  /**
   * The upstream answered 401 for this project. Returns true when fresh credentials can be
   * obtained, so that the request is worth one retry.
   */
  invalidate(projectId: string): boolean;
}

export const noCredentials: CredentialProvider = {
  kind: 'none',
  description: 'No credentials configured',
  headersFor: () => Promise.resolve({}),
  invalidate: () => false,
};

export function staticToken(token: string): CredentialProvider {
  return {
    kind: 'token',
    description: 'IAM token from OS_TOKEN / OS_AUTH_TOKEN',
    headersFor: () => Promise.resolve({ 'X-Auth-Token': token }),
    invalidate: () => false,
  };
}
