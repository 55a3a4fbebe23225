import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AuthObserver } from '../auth/observer.ts';
import { LOGIN_RESULTS, type LoginObserver } from '../credentials/login-observer.ts';
import { OBSERVATION_RESULTS } from '../memory/history.ts';
import type { DeliveryObserver } from '../memory/notify/deliveries.ts';

/** The metric names are a contract (DESIGN.md, "Serving and operating"): dashboards use them. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const iamLogins = new Counter({
    name: 'sfs_turbo_iam_logins_total',
    help: 'IAM password logins by result: success, refused (IAM said no), error (IAM unreachable, slow or failing), rate_limited (needed but held back by the login limits)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  // Every result from the start, at 0: an alert on a rate needs the series to exist before it grows.
  for (const result of LOGIN_RESULTS) iamLogins.inc({ result }, 0);
  const observations = new Counter({
    name: 'sfs_turbo_observations_total',
    help: 'Job answers from the cloud seen by the history: recorded (a change, the first answer or a job gone), unchanged, skipped (no job to keep: an error status or failure, not a JSON object, or it held a credential), dropped (too many writes waiting), error (the store failed)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  for (const result of OBSERVATION_RESULTS) observations.inc({ result }, 0);
  return {
    registry,
    httpRequests: new Counter({
      name: 'sfs_turbo_http_requests_total',
      help: 'Requests answered, by route and HTTP status',
      labelNames: ['route', 'code'] as const,
      registers: [registry],
    }),
    upstreamRequests: new Counter({
      name: 'sfs_turbo_upstream_requests_total',
      help: 'Requests sent to an SFS Turbo endpoint (or the simulator), by region and status or failure',
      labelNames: ['region', 'code'] as const,
      registers: [registry],
    }),
    upstreamDuration: new Histogram({
      name: 'sfs_turbo_upstream_request_duration_seconds',
      help: 'Time from sending a request upstream to its complete answer',
      labelNames: ['region'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
      registers: [registry],
    }),
    upstreamHeadersDropped: new Counter({
      name: 'sfs_turbo_upstream_headers_dropped_total',
      help: 'Allow-listed upstream headers not passed on, by header and reason (shape: not of its allowed shape; secret: held a credential or part of one)',
      labelNames: ['header', 'reason'] as const,
      registers: [registry],
    }),
    coalesced: new Counter({
      name: 'sfs_turbo_upstream_coalesced_total',
      help: 'Job requests answered from an identical request in flight or an answer still fresh, without a request upstream',
      registers: [registry],
    }),
    iamLogins,
    observations,
    iamLastSuccess: new Gauge({
      name: 'sfs_turbo_iam_last_successful_login_timestamp_seconds',
      help: 'When an IAM password login last succeeded (Unix time); 0 before the first',
      registers: [registry],
    }),
    signIns: new Counter({
      name: 'sfs_turbo_auth_sign_ins_total',
      help: 'Sign-ins completed (a session was issued)',
      registers: [registry],
    }),
    authRefusals: new Counter({
      name: 'sfs_turbo_auth_refusals_total',
      help: 'Requests refused by access control: 401 not signed in, 403 not allowed',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    authCallbackFailures: new Counter({
      name: 'sfs_turbo_auth_callback_failures_total',
      help: 'Sign-in callbacks that failed, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    notifications: new Counter({
      name: 'sfs_turbo_notifications_total',
      help: 'Attempts to post a notification, by destination name and outcome: sent, retry (failed, another attempt is scheduled), failed (given up)',
      labelNames: ['target', 'outcome'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Access control's reports, as counters. */
export function authObserver(metrics: Metrics): AuthObserver {
  return {
    signIn: () => metrics.signIns.inc(),
    refused: (status) => metrics.authRefusals.inc({ code: String(status) }),
    callbackFailed: (reason) => metrics.authCallbackFailures.inc({ reason }),
  };
}

/** The IAM password login's reports, as a counter and the time of the last success. */
export function loginObserver(metrics: Metrics): LoginObserver {
  return {
    login: (result, at) => {
      metrics.iamLogins.inc({ result });
      if (result === 'success') metrics.iamLastSuccess.set(at / 1000);
    },
  };
}

/** The delivery engine's outcomes, as a counter by destination name (never its address). */
export function notifyObserver(metrics: Metrics): DeliveryObserver {
  return (target, outcome) => metrics.notifications.inc({ target, outcome });
}
