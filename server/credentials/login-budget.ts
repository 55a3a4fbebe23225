/**
 * IAM password logins the server may make in a sliding minute, all projects together
 * (`OS_AUTH_MAX_LOGINS_PER_MIN`). A burst of requests for random project IDs would otherwise
 * make one login each, and enough failed ones lock the desk's IAM user.
 */
export const LOGIN_WINDOW_MS = 60_000;

export interface LoginBudget {
  /** Takes one login from the budget: 0 when granted, else ms until one is free again. */
  take(): number;
}

export function loginBudget(perMinute: number, now: () => number): LoginBudget {
  // Times of the logins of the last minute, oldest first; never more than `perMinute`.
  const recent: number[] = [];
  return {
    take() {
      const t = now();
      while (recent.length > 0 && (recent[0] ?? 0) <= t - LOGIN_WINDOW_MS) recent.shift();
      if (recent.length >= perMinute) return (recent[0] ?? t) + LOGIN_WINDOW_MS - t;
      recent.push(t);
      return 0;
    },
  };
}

/** Whole seconds for `Retry-After`, never 0 (0 would invite an immediate retry). */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
