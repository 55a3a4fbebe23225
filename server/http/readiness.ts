import http from 'node:http';
import type { CredentialProvider } from '../credentials/provider.ts';

export type ReadinessState = { ready: true } | { ready: false; reason: string };

/**
 * Whether this replica can serve (DESIGN.md, "Serving and operating"): started with a valid
 * configuration, the simulator up when simulated, not draining. It never learns from lookups
 * nor from IAM's or the cloud's health: one mistyped project or an IAM outage would otherwise
 * take every replica out of the load balancer, and nothing would bring them back, since a
 * replica out of service gets no lookups. Those failures go to `/metrics` and the page.
 * Reasons are written for the operator: what is wrong and which variable to look at, never
 * the credential's user, domain, IAM address or file.
 */
export interface Readiness {
  check(): Promise<ReadinessState>;
  /** Shutting down: not ready from now on. */
  drain(): void;
}

function simulatorAnswers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(`${url}/__simulator/stats`, { timeout: 1000, agent: false }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

export function createReadiness(options: {
  credentials: Pick<CredentialProvider, 'kind'>;
  simulatorUrl: string | undefined;
  /** The store: not ready until it is open and its migrations have run. */
  memory?: { state(): ReadinessState };
}): Readiness {
  let draining = false;
  const { credentials, simulatorUrl, memory } = options;
  return {
    async check() {
      if (draining) return { ready: false, reason: 'Shutting down: finishing requests in flight' };
      const stored = memory?.state();
      if (stored && !stored.ready) return stored;
      if (simulatorUrl !== undefined) {
        return (await simulatorAnswers(simulatorUrl))
          ? { ready: true }
          : { ready: false, reason: 'The embedded simulator does not answer' };
      }
      if (credentials.kind === 'none') {
        return {
          ready: false,
          reason:
            'No cloud credentials are configured: set OS_TOKEN, OS_ACCESS_KEY and OS_SECRET_KEY, OS_USERNAME and OS_PASSWORD, or OS_CLOUD',
        };
      }
      return { ready: true };
    },
    drain() {
      draining = true;
    },
  };
}
