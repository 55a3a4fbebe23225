import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROXY_ERROR, type DemoJobInfo, type RegionsResponse } from '../../common/contract.ts';
import type { ServerConfig } from '../config.ts';
import type { CredentialProvider } from '../credentials/provider.ts';
import { sendJson, sendProxyError } from './errors.ts';
import { matchApiRoute } from './route.ts';
import { requestUpstream, type UpstreamResult } from './upstream.ts';

export interface AccessLogEntry {
  time: string;
  method: string;
  region: string;
  projectId: string;
  jobId: string;
  status: number;
  upstreamMs: number | null;
  requestId: string;
}

export interface ApiHandlerOptions {
  config: ServerConfig;
  credentials: CredentialProvider;
  /** Base URL of the embedded simulator when it is the upstream. */
  simulatorUrl?: string | undefined;
  demoJobs?: DemoJobInfo[];
  log?: (entry: AccessLogEntry) => void;
}

export type ApiHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function formatAccessLog(entry: AccessLogEntry): string {
  const ms = entry.upstreamMs === null ? '-' : `${entry.upstreamMs}ms`;
  return `${entry.time} ${entry.method} region=${entry.region} project=${entry.projectId} job=${entry.jobId} status=${entry.status} upstream=${ms} request_id=${entry.requestId || '-'}`;
}

/**
 * The proxy's whole public surface: `/api/regions` and the one forwarded route. Every other
 * `/api/` request is answered here and never reaches an upstream.
 */
export function createApiHandler(options: ApiHandlerOptions): ApiHandler {
  const { config, credentials } = options;
  const simulated = options.simulatorUrl !== undefined;
  const regionsById = new Map(config.regions.map((region) => [region.id, region]));

  const regionsBody: RegionsResponse = {
    regions: config.regions.map(({ id, name, cloud }) => ({ id, name, cloud })),
    defaultRegion: config.defaultRegion,
    simulated,
    credentials: simulated
      ? { kind: 'none', description: 'Embedded simulator: no credentials needed' }
      : { kind: credentials.kind, description: credentials.description },
    endpointOverride: config.endpointOverride !== undefined,
    demoJobs: simulated ? (options.demoJobs ?? []) : [],
  };

  function upstreamBase(region: string): string | undefined {
    if (options.simulatorUrl !== undefined) return options.simulatorUrl;
    if (config.endpointOverride !== undefined) return config.endpointOverride;
    const entry = regionsById.get(region);
    return entry?.sfsTurbo || undefined;
  }

  return async function handleApi(req, res) {
    const route = matchApiRoute(req.url ?? '');
    const method = req.method ?? 'GET';

    if (route.kind === 'unknown') {
      sendProxyError(res, 404, PROXY_ERROR.notFound, 'No such API route on this proxy');
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      sendProxyError(res, 405, PROXY_ERROR.methodNotAllowed, `Method ${method} is not allowed`, {
        Allow: 'GET, HEAD',
      });
      return;
    }
    if (route.kind === 'invalid') {
      sendProxyError(res, 400, PROXY_ERROR.badRequest, route.message);
      return;
    }
    if (route.kind === 'regions') {
      sendJson(res, 200, regionsBody);
      return;
    }

    const { region, projectId, jobId } = route;
    const base = regionsById.has(region) ? upstreamBase(region) : undefined;
    if (base === undefined) {
      sendProxyError(res, 400, PROXY_ERROR.unknownRegion, `Region "${region}" is not configured on this proxy`);
      return;
    }

    // Rebuilt from validated parts, never copied from the incoming URL.
    const url = new URL(`${base}/v1/${projectId}/sfs-turbo/jobs/${jobId}`);
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });

    const send = async (): Promise<UpstreamResult> => {
      const auth = simulated
        ? {}
        : await credentials.headersFor({ method: method as 'GET' | 'HEAD', url, region, projectId });
      return requestUpstream({
        url,
        method: method as 'GET' | 'HEAD',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...auth },
        timeoutMs: config.upstreamTimeoutMs,
        maxBytes: config.maxUpstreamBytes,
        signal: abort.signal,
      });
    };

    let result: UpstreamResult;
    try {
      result = await send();
      if (result.ok && result.status === 401 && !simulated && credentials.invalidate(projectId)) {
        result = await send();
      }
    } catch (error) {
      // Credential failures (IAM down, password rejected) are described without their secrets.
      const message = error instanceof Error ? error.message : 'credential error';
      sendProxyError(res, 502, PROXY_ERROR.authFailed, `Could not authenticate to the cloud: ${message}`);
      log(502, null, '');
      return;
    }

    if (!result.ok) {
      if (result.reason === 'aborted') {
        log(499, result.ms, '');
        return;
      }
      const [status, code, message] =
        result.reason === 'timeout'
          ? [504, PROXY_ERROR.timeout, `SFS Turbo endpoint did not answer in time (${result.detail})`]
          : result.reason === 'too-large'
            ? [502, PROXY_ERROR.tooLarge, `SFS Turbo endpoint sent a body too large to pass on (${result.detail})`]
            : [502, PROXY_ERROR.unreachable, `SFS Turbo endpoint unreachable (${result.detail})`];
      sendProxyError(res, status, code, message);
      log(status, result.ms, '');
      return;
    }

    const headers: Record<string, string | number> = {
      'Content-Type': result.contentType ?? 'application/octet-stream',
      'Content-Length': result.body.length,
      'Cache-Control': 'no-store',
    };
    if (result.requestId) headers['X-request-id'] = result.requestId;
    res.writeHead(result.status, headers);
    res.end(method === 'HEAD' ? undefined : result.body);
    log(result.status, result.ms, result.requestId ?? '');

    function log(status: number, upstreamMs: number | null, requestId: string) {
      options.log?.({
        time: new Date().toISOString(),
        method,
        region,
        projectId,
        jobId,
        status,
        upstreamMs,
        requestId,
      });
    }
  };
}
