import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  PROXY_ERROR,
  type DemoJobInfo,
  type ProxyErrorCode,
  type RegionsResponse,
} from '../../common/contract.ts';
import type { ServerConfig } from '../config.ts';
import { CredentialError, type CredentialProvider } from '../credentials/provider.ts';
import { createCoalescer, type Shared } from './coalesce.ts';
import { FORWARDED_RESPONSE_HEADERS, sendJson, sendProxyError } from './errors.ts';
import { matchApiRoute } from './route.ts';
import {
  headerValue,
  requestUpstream,
  targetOf,
  type UpstreamResult,
  type UpstreamTarget,
} from './upstream.ts';

export interface AccessLogEntry {
  time: string;
  method: string;
  /** Which route the request matched: `job`, `regions`, `invalid` or `unknown`. */
  route: string;
  region: string;
  projectId: string;
  jobId: string;
  status: number;
  /** The proxy's own error code, when it answered itself. */
  code: string;
  upstreamMs: number | null;
  requestId: string;
  /** Answered by an identical request's exchange, without one of its own. */
  coalesced?: boolean;
}

export interface ApiHandlerOptions {
  config: ServerConfig;
  credentials: CredentialProvider;
  /** Base URL of the embedded simulator when it is the upstream. */
  simulatorUrl?: string | undefined;
  demoJobs?: DemoJobInfo[];
  log?: (entry: AccessLogEntry, req: IncomingMessage) => void;
  /** SFS_TURBO_CACHE_MS: identical job requests share one exchange (server/proxy/coalesce.ts). */
  cacheMs?: number;
}

type Exchange = { result: UpstreamResult; auth: Record<string, string> };

/** Never rejects: every outcome, bugs included, is answered and logged once. */
export type ApiHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function formatAccessLog(entry: AccessLogEntry): string {
  const ms = entry.upstreamMs === null ? '-' : `${entry.upstreamMs}ms`;
  return (
    `${entry.time} ${entry.method} ${entry.route} region=${entry.region} project=${entry.projectId} ` +
    `job=${entry.jobId} status=${entry.status} code=${entry.code || '-'} upstream=${ms} request_id=${entry.requestId || '-'}`
  );
}

// Request IDs and content types come from the upstream; only plain header-safe text is passed on.
const SAFE_REQUEST_ID = /^[\x21-\x7e]{1,128}$/;
const SAFE_CONTENT_TYPE = /^[\x20-\x7e]{1,200}$/;
const SAFE_RETRY_AFTER = /^[\x20-\x7e]{1,64}$/;

const CREDENTIAL_HEADERS = ['X-Auth-Token', 'Authorization'];

/**
 * A gateway that echoes request headers into its error page (debug pages do) would hand the
 * browser the token. The credential bytes just sent are looked for and blanked; for the
 * usual small body that is one `indexOf` per header.
 */
function scrubCredentials(body: Buffer, sent: Record<string, string>): Buffer {
  let out = body;
  for (const name of CREDENTIAL_HEADERS) {
    const value = sent[name];
    if (!value || value.length < 8 || !out.includes(value, 0, 'latin1')) continue;
    out = Buffer.from(out.toString('latin1').split(value).join('[redacted]'), 'latin1');
  }
  return out;
}

/**
 * The proxy's whole public surface: `/api/regions` and the one forwarded route. Every other
 * `/api/` request is answered here and never reaches an upstream.
 */
export function createApiHandler(options: ApiHandlerOptions): ApiHandler {
  const { config, credentials } = options;
  const simulated = options.simulatorUrl !== undefined;
  const regionsById = new Map(config.regions.map((region) => [region.id, region]));
  const coalescer =
    options.cacheMs === undefined ? undefined : createCoalescer<Exchange>(options.cacheMs);

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
    return regionsById.get(region)?.sfsTurbo || undefined;
  }

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

  async function respond(
    req: IncomingMessage,
    res: ServerResponse,
    entry: AccessLogEntry,
  ): Promise<void> {
    const fail = (
      status: number,
      code: ProxyErrorCode,
      message: string,
      headers?: Record<string, string>,
    ) => {
      entry.status = status;
      entry.code = code;
      sendProxyError(res, status, code, message, headers);
    };

    const route = matchApiRoute(req.url ?? '');
    entry.route = route.kind;
    if (route.kind === 'unknown')
      return fail(404, PROXY_ERROR.notFound, 'No such API route on this proxy');
    const method = entry.method;
    if (method !== 'GET' && method !== 'HEAD') {
      return fail(405, PROXY_ERROR.methodNotAllowed, 'Only GET and HEAD are allowed', {
        Allow: 'GET, HEAD',
      });
    }
    if (route.kind === 'invalid') return fail(400, PROXY_ERROR.badRequest, route.message);
    if (route.kind === 'regions') {
      entry.status = 200;
      sendJson(res, 200, regionsBody);
      return;
    }

    const { region, projectId, jobId } = route;
    Object.assign(entry, { region, projectId, jobId });
    const base = regionsById.has(region) ? upstreamBase(region) : undefined;
    if (base === undefined) {
      return fail(
        400,
        PROXY_ERROR.unknownRegion,
        `Region ${region} is not configured on this proxy`,
      );
    }
    if (!simulated && credentials.kind === 'none') {
      return fail(
        401,
        PROXY_ERROR.noCredentials,
        'No cloud credentials are configured on the dashboard server, so the request was not sent. ' +
          'Set OS_TOKEN, OS_ACCESS_KEY and OS_SECRET_KEY, OS_USERNAME and OS_PASSWORD, or OS_CLOUD (see docs/configuration.md).',
      );
    }

    // Rebuilt from validated parts, never copied from the incoming URL.
    const jobPath = `/v1/${projectId}/sfs-turbo/jobs/${jobId}`;
    const origin = baseTarget(base);
    const target: UpstreamTarget = { ...origin, path: `${origin.path}${jobPath}` };
    const onCancel = (cancel: () => void) => {
      res.once('close', () => {
        if (!res.writableFinished) cancel();
      });
    };
    const verb = method as 'GET' | 'HEAD';

    let upstreamMs = 0;
    const send = async (): Promise<Exchange> => {
      const auth = simulated
        ? {}
        : await credentials.headersFor({
            method: verb,
            url: new URL(`${base}${jobPath}`),
            region,
            projectId,
          });
      const result = await requestUpstream({
        target,
        method: verb,
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...auth },
        timeoutMs: config.upstreamTimeoutMs,
        maxBytes: config.maxUpstreamBytes,
        // A shared exchange is not abandoned when one of its viewers leaves.
        ...(coalescer ? {} : { onCancel }),
      });
      upstreamMs += result.ms;
      entry.upstreamMs = Math.round(upstreamMs * 100) / 100;
      return { result, auth };
    };

    const exchange = async (): Promise<Exchange> => {
      const first = await send();
      // A rejected token: renew once and retry once (the provider knows whether it can).
      const rejected =
        first.result.ok &&
        first.result.status === 401 &&
        !simulated &&
        credentials.invalidate(projectId, first.auth);
      return rejected ? send() : first;
    };

    let shared: Shared<Exchange>;
    try {
      shared = coalescer
        ? await coalescer.run(`${verb} ${region}${jobPath}`, exchange, (e) => e.result.ok)
        : { value: await exchange(), at: Date.now(), coalesced: false };
    } catch (error) {
      if (!(error instanceof CredentialError)) throw error;
      // The message was written for the page and redacted by the provider.
      return fail(
        error.status,
        PROXY_ERROR.authFailed,
        `Could not authenticate to the cloud: ${error.message}`,
      );
    }

    const { result, auth: sentAuth } = shared.value;
    if (shared.coalesced) entry.coalesced = true;
    if (!result.ok) {
      if (result.reason === 'aborted') {
        entry.status = 499; // nginx's "client closed request": nothing was sent
        return;
      }
      if (result.reason === 'timeout') {
        return fail(
          504,
          PROXY_ERROR.timeout,
          `SFS Turbo endpoint did not answer in time (${result.detail})`,
        );
      }
      if (result.reason === 'too-large') {
        return fail(
          502,
          PROXY_ERROR.tooLarge,
          `SFS Turbo endpoint sent a body too large to pass on (${result.detail})`,
        );
      }
      return fail(
        502,
        PROXY_ERROR.unreachable,
        `SFS Turbo endpoint unreachable (${result.detail})`,
      );
    }

    const body = scrubCredentials(result.body, sentAuth);
    // Only named headers are passed on: Set-Cookie, hop-by-hop headers and anything else the
    // upstream (or a gateway in front of it) adds never reach the browser.
    const headers: Record<string, string | number> = {
      ...FORWARDED_RESPONSE_HEADERS,
      'Content-Type':
        result.contentType && SAFE_CONTENT_TYPE.test(result.contentType)
          ? result.contentType
          : 'application/octet-stream',
      'Content-Length': body.length,
      // When the upstream answered: a shared answer is up to SFS_TURBO_CACHE_MS old, and the
      // page's "Data as of" must say when the cloud answered, not when this viewer asked.
      Date: new Date(shared.at).toUTCString(),
      Age: Math.max(0, Math.floor((Date.now() - shared.at) / 1000)),
    };
    if (result.requestId && SAFE_REQUEST_ID.test(result.requestId)) {
      headers['X-request-id'] = result.requestId;
      entry.requestId = result.requestId;
    }
    const retryAfter = headerValue(result.headers['retry-after']);
    if (retryAfter && SAFE_RETRY_AFTER.test(retryAfter)) headers['Retry-After'] = retryAfter;
    entry.status = result.status;
    res.writeHead(result.status, headers);
    res.end(method === 'HEAD' ? undefined : body);
  }

  return async function handleApi(req, res) {
    const entry: AccessLogEntry = {
      time: new Date().toISOString(),
      method: req.method ?? 'GET',
      route: 'unknown',
      region: '-',
      projectId: '-',
      jobId: '-',
      status: 0,
      code: '',
      upstreamMs: null,
      requestId: '',
    };
    try {
      await respond(req, res, entry);
    } catch (error) {
      // A bug, not a cloud failure. The error itself is not shown: it could quote anything.
      entry.status = 500;
      entry.code = PROXY_ERROR.internal;
      console.error(
        'sfs-turbo proxy: unexpected error:',
        error instanceof Error ? error.name : typeof error,
      );
      sendProxyError(res, 500, PROXY_ERROR.internal, 'Unexpected proxy error');
    }
    options.log?.(entry, req);
  };
}
