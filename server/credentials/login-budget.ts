/**
 * IAM password logins for new projects the server may make in a sliding minute
 * (`OS_AUTH_MAX_LOGINS_PER_MIN`). A burst of requests for random project IDs would otherwise
 * make one login each, and enough failed ones lock the desk's IAM user. Each payer (the
 * signed-in user, or the client address without sign-in) may spend at most a third of it,
 * rounded down but at least one login: one client's burst then leaves two thirds to everyone
 * else. Renewals of tokens already in use are not taken from this budget (iam-password.ts
 * bounds them per project), so a burst of new projects never stops the projects being watched.
 */
export const LOGIN_WINDOW_MS = 60_000;

/** The most logins of one minute that one payer may take: a third, rounded down, at least 1. */
export function payerShare(perMinute: number): number {
  return Math.max(1, Math.floor(perMinute / 3));
}

export interface LoginBudget {
  /**
   * Takes one login for `payer`: 0 when granted, else ms until one is free again for it.
   * Without a payer (the proxy used without the server's access step) only the total applies.
   */
  take(payer?: string): number;
}

export function loginBudget(perMinute: number, now: () => number): LoginBudget {
  const share = payerShare(perMinute);
  // The logins of the last minute, oldest first; never more than `perMinute`, so the memory
  // held for payers is bounded by the budget itself.
  const recent: Array<{ at: number; payer: string | undefined }> = [];
  return {
    take(payer) {
      const t = now();
      while (recent.length > 0 && (recent[0]?.at ?? 0) <= t - LOGIN_WINDOW_MS) recent.shift();
      const freeAt = (oldest: number) => oldest + LOGIN_WINDOW_MS - t;
      // The later of the two: when both the payer's share and the total have room again.
      let wait = recent.length >= perMinute ? freeAt(recent[0]?.at ?? t) : 0;
      if (payer !== undefined) {
        const own = recent.filter((login) => login.payer === payer);
        if (own.length >= share) wait = Math.max(wait, freeAt(own[own.length - share]?.at ?? t));
      }
      if (wait > 0) return wait;
      recent.push({ at: t, payer });
      return 0;
    },
  };
}

/** Whole seconds for `Retry-After`, never 0 (0 would invite an immediate retry). */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
