/**
 * What the IAM password login reports, for `/metrics`: IAM trouble is for the operator's
 * graphs and alerts, never a reason to take a replica out of service (DESIGN.md, readiness).
 * `rate_limited` is a login a lookup needed but the login limits held back (the budget, a
 * payer's share, the pause after a failure); `refused` is IAM saying no (400/401/403);
 * `error` is IAM unreachable, too slow or failing.
 */
export type LoginResult = 'success' | 'refused' | 'error' | 'rate_limited';

export const LOGIN_RESULTS: readonly LoginResult[] = [
  'success',
  'refused',
  'error',
  'rate_limited',
];

export interface LoginObserver {
  /** `at`: ms since the epoch (the provider's clock). */
  login(result: LoginResult, at: number): void;
}
