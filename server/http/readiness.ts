import http from 'node:http';
import type { CredentialProvider } from '../credentials/provider.ts';

export type ReadinessState = { ready: true } | { ready: false; reason: string };

/**
 * Whether requests can be sent upstream now. Reasons are written for the operator and hold
 * no secret: they name what is wrong and which variable to look at.
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
  credentials: CredentialProvider;
  simulatorUrl: string | undefined;
}): Readiness {
  let draining = false;
  const { credentials, simulatorUrl } = options;
  return {
    async check() {
      if (draining) return { ready: false, reason: 'Shutting down: finishing requests in flight' };
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
