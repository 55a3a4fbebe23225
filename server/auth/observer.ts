/**
 * What the access-control step reports, for metrics. The production server implements it
 * with prom-client counters; tests record the calls.
 */
export interface AuthObserver {
  /** A user completed sign-in (a session was issued). */
  signIn(): void;
  /** A request was refused: 401 not signed in, 403 signed in but not allowed. */
  refused(status: 401 | 403): void;
  /**
   * A sign-in callback failed (wrong state, provider error, token exchange failed, no usable
   * user claim).
   */
  callbackFailed(reason: CallbackFailure): void;
}

export type CallbackFailure = 'state' | 'provider-error' | 'exchange' | 'unreachable' | 'identity';

export const noObserver: AuthObserver = {
  signIn: () => undefined,
  refused: () => undefined,
  callbackFailed: () => undefined,
};
