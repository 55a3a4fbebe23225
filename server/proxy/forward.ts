import type { ServerConfig } from '../config/config.ts';
import { sentSecrets } from '../credentials/leak-check.ts';
import type { CredentialProvider } from '../credentials/provider.ts';
import {
  requestUpstream,
  targetOf,
  type UpstreamResult,
  type UpstreamTarget,
} from '../net/http-client.ts';

export interface JobRequest {
  region: string;
  projectId: string;
  jobId: string;
  method: 'GET' | 'HEAD';
  /** Who the lookup counts against: a login for a new project is taken from its share. */
  limitKey?: string | undefined;
  /** Called once with a function that abandons the upstream request (the browser went away). */
  onCancel: (cancel: () => void) => void;
}

export interface Forwarded {
  result: UpstreamResult;
  /** Milliseconds spent upstream, retry included. */
  upstreamMs: number;
  /** The secret parts of every credential header sent (tokens, signatures). */
  sent: string[];
}

/**
 * Sends one validated job lookup upstream with the provider's credentials, renewing them
 * and retrying once when the upstream answers 401. Throws `CredentialError` when no
 * credentials can be had. The caller has checked the region is one the credential may go to.
 */
export function createForwarder(options: {
  config: ServerConfig;
  credentials: CredentialProvider;
  simulatorUrl: string | undefined;
}): (job: JobRequest) => Promise<Forwarded> {
  const { config, credentials, simulatorUrl } = options;
  const simulated = simulatorUrl !== undefined;
  const regionsById = new Map(config.regions.map((region) => [region.id, region]));

  // Base URLs are parsed once; per request only the path is put together.
  const parsedBases = new Map<string, UpstreamTarget>();
  function baseTarget(base: string): UpstreamTarget {
    let parsed = parsedBases.get(base);
    if (!parsed) {
      parsed = targetOf(new URL(base));
      parsed.path = parsed.path.replace(/\/+$/, '');
      parsedBases.set(base, parsed);
    }
    return parsed;
  }

  function upstreamBase(region: string): string {
    if (simulatorUrl !== undefined) return simulatorUrl;
    if (config.endpointOverride !== undefined) return config.endpointOverride;
    return regionsById.get(region)?.sfsTurbo ?? '';
  }

  return async function forward(job) {
    const { region, projectId, jobId, method } = job;
    const base = upstreamBase(region);
    // Rebuilt from validated parts, never copied from the incoming URL.
    const jobPath = `/v1/${projectId}/sfs-turbo/jobs/${jobId}`;
    const origin = baseTarget(base);
    const target: UpstreamTarget = { ...origin, path: `${origin.path}${jobPath}` };

    let upstreamMs = 0;
    const sent: string[] = [];
    const send = async () => {
      const auth = simulated
        ? {}
        : await credentials.headersFor({
            method,
            url: new URL(`${base}${jobPath}`),
            region,
            projectId,
            limitKey: job.limitKey,
          });
      sent.push(...sentSecrets(auth));
      const result = await requestUpstream({
        target,
        method,
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...auth },
        timeoutMs: config.upstreamTimeoutMs,
        maxBytes: config.maxUpstreamBytes,
        onCancel: job.onCancel,
      });
      upstreamMs += result.ms;
      return { result, auth };
    };

    const first = await send();
    let { result } = first;
    // A rejected token: renew once and retry once (the provider knows whether it may).
    if (
      result.ok &&
      result.status === 401 &&
      !simulated &&
      credentials.invalidate(projectId, first.auth)
    ) {
      ({ result } = await send());
    }
    return { result, upstreamMs: Math.round(upstreamMs * 100) / 100, sent };
  };
}

/** Whether the region can be forwarded to at all (the catalogue knows an endpoint for it). */
export function hasUpstream(config: ServerConfig, simulated: boolean, region: string): boolean {
  if (simulated || config.endpointOverride !== undefined)
    return config.regions.some((r) => r.id === region);
  return Boolean(config.regions.find((r) => r.id === region)?.sfsTurbo);
}
