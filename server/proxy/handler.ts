import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  PROXY_ERROR,
  type DemoJobInfo,
  type ProxyErrorCode,
  type RegionsResponse,
} from '../../common/contract.ts';
import type { UpstreamLimit } from '../auth/upstream-limit.ts';
import type { ServerConfig } from '../config.ts';
import { leakCheck, type LeakCheck } from '../credentials/leak-check.ts';
import { CredentialError, type CredentialProvider } from '../credentials/provider.ts';
import { createCoalescer, type Shared } from './coalesce.ts';
import { fromAnotherSite } from './cross-site.ts';
import { sendJson, sendProxyError } from './errors.ts';
import { createForwarder, hasUpstream, type Forwarded } from './forward.ts';
import { failureOf, LEAK_FAILURE, passOn, writePassedOn, type DroppedHeader } from './pass-on.ts';
import { matchApiRoute } from './route.ts';

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
  /** Allow-listed upstream headers not passed on (not of their shape, or holding a credential). */
  headersDropped?: DroppedHeader[];
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
  /**
   * RATE_LIMIT_UPSTREAM_PER_MIN: upstream calls per limit key. Only a request that really goes
   * upstream counts; one served by an identical request's exchange does not.
   */
  upstreamLimit?: UpstreamLimit;
}

/**
 * Never rejects: every outcome, bugs included, is answered and logged once. `limitKey` names
 * who the request counts against in the upstream limit and in the IAM login budget's
 * per-payer share (the server derives it from the signed-in user or the client's address);
 * without one, nothing is counted against a payer.
 */
export type ApiHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  limitKey?: string,
) => Promise<void>;

/** Thrown inside an exchange that the upstream limit refused: nothing was sent. */
class UpstreamLimited extends Error {
  constructor(readonly retryAfterSec: number) {
    super('upstream limit');
  }
}

export function formatAccessLog(entry: AccessLogEntry): string {
  const ms = entry.upstreamMs === null ? '-' : `${entry.upstreamMs}ms`;
  return (
    `${entry.time} ${entry.method} ${entry.route} region=${entry.region || '-'} project=${entry.projectId || '-'} ` +
    `job=${entry.jobId || '-'} status=${entry.status} code=${entry.code || '-'} upstream=${ms} request_id=${entry.requestId || '-'}`
  );
}

/**
 * The entry without any field that holds a credential or part of one: such a field is dropped
 * (emptied, as when absent), never partly blanked.
 */
export function withoutSecrets(entry: AccessLogEntry, check: LeakCheck): AccessLogEntry {
  const clean = { ...entry };
  for (const key of Object.keys(clean) as Array<keyof AccessLogEntry>) {
    const field = clean[key];
    if (typeof field === 'string' && check.holdsPart(field)) (clean[key] as string) = '';
  }
  return clean;
}

/** One request's knowledge of the secrets it must not give away; grows with what it sends. */
interface RequestSecrets {
  check: LeakCheck;
}

/**
 * The proxy's whole public surface: `/api/regions` and the one forwarded route. Every other
 * `/api/` request is answered here and never reaches an upstream.
 */
export function createApiHandler(options: ApiHandlerOptions): ApiHandler {
  const { config, credentials } = options;
  const simulated = options.simulatorUrl !== undefined;
  // The simulator holds no secret: it serves every region it knows.
  const allowed = new Set(simulated ? config.regions.map((region) => region.id) : config.allowedRegions);
  const heldSecrets = leakCheck(credentials.secrets);
  const forward = createForwarder({ config, credentials, simulatorUrl: options.simulatorUrl });
  const coalescer =
    options.cacheMs === undefined ? undefined : createCoalescer<Forwarded>(options.cacheMs);

  const regionsBody: RegionsResponse = {
    regions: config.regions
      .filter((region) => allowed.has(region.id))
      .map(({ id, name, cloud }) => ({ id, name, cloud })),
    otherRegions: config.regions.filter((region) => !allowed.has(region.id)).map((region) => region.id),
    defaultRegion: config.defaultRegion,
    simulated,
    credentials: { kind: simulated ? 'none' : credentials.kind },
    endpointOverride: config.endpointOverride !== undefined,
    demoJobs: simulated ? (options.demoJobs ?? []) : [],
  };
  const allowedList = [...allowed].join(', ');

  async function respond(
    req: IncomingMessage,
    res: ServerResponse,
    entry: AccessLogEntry,
    secrets: RequestSecrets,
    limitKey: string | undefined,
  ): Promise<void> {
    const fail = (
      status: number,
      code: ProxyErrorCode,
      message: string,
      headers?: Record<string, string>,
    ) => {
      entry.status = status;
      entry.code = code;
      const safe = secrets.check.holdsSecret(message) ? 'The reason is withheld: it quoted a credential' : message;
      sendProxyError(res, status, code, safe, headers);
    };

    // Before anything else: a request another site made the browser send gets nothing.
    if (fromAnotherSite(req)) {
      return fail(403, PROXY_ERROR.crossSite, 'The dashboard API only answers the dashboard’s own pages');
    }
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
    if (!hasUpstream(config, simulated, region)) {
      return fail(400, PROXY_ERROR.unknownRegion, `Region ${region} is not configured on this proxy`);
    }
    if (!allowed.has(region)) {
      return fail(
        403,
        PROXY_ERROR.regionNotAllowed,
        `This dashboard may not use its credential in region ${region}, so nothing was sent. ` +
          `It serves ${allowedList} (SFS_TURBO_REGIONS).`,
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

    const verb = method as 'GET' | 'HEAD';
    const onCancel = (cancel: () => void) => {
      res.once('close', () => {
        if (!res.writableFinished) cancel();
      });
    };
    // Counted only when this request's own exchange runs, just before it is sent. The limit
    // spares the desk's shared credential; the simulator holds none (a personal board of many
    // live demo jobs must not be throttled by it).
    const limited = (send: () => Promise<Forwarded>) => (): Promise<Forwarded> => {
      const taken =
        limitKey === undefined || !options.upstreamLimit || simulated
          ? { ok: true as const }
          : options.upstreamLimit.take(limitKey, Date.now());
      return taken.ok ? send() : Promise.reject(new UpstreamLimited(taken.retryAfterSec));
    };
    let shared: Shared<Forwarded>;
    try {
      shared = coalescer
        ? await coalescer.run(
            `${verb} ${region}/${projectId}/${jobId}`,
            // A shared exchange is not abandoned when one of its viewers leaves.
            limited(() =>
              forward({ region, projectId, jobId, method: verb, limitKey, onCancel: () => {} }),
            ),
            (answer) => answer.result.ok,
          )
        : {
            value: await limited(() =>
              forward({ region, projectId, jobId, method: verb, limitKey, onCancel }),
            )(),
            at: Date.now(),
            coalesced: false,
          };
    } catch (error) {
      if (error instanceof UpstreamLimited) {
        return fail(
          429,
          PROXY_ERROR.rateLimited,
          'Too many lookups sent to the cloud by you in the last minute (RATE_LIMIT_UPSTREAM_PER_MIN), so this one was not sent.',
          { 'Retry-After': String(error.retryAfterSec) },
        );
      }
      if (!(error instanceof CredentialError)) throw error;
      // The message was written for the page by the provider; it quotes nothing from IAM.
      if (error.status === 429) {
        return fail(429, PROXY_ERROR.rateLimited, error.message, {
          'Retry-After': String(error.retryAfterSeconds ?? 60),
        });
      }
      return fail(error.status, PROXY_ERROR.authFailed, `Could not authenticate to the cloud: ${error.message}`);
    }
    const forwarded = shared.value;
    const { result } = forwarded;
    if (shared.coalesced) entry.coalesced = true;
    secrets.check = secrets.check.with(forwarded.sent);
    // A shared answer cost this request no upstream time of its own.
    entry.upstreamMs = shared.coalesced ? null : forwarded.upstreamMs;

    if (!result.ok) {
      if (result.reason === 'aborted') {
        entry.status = 499; // nginx's "client closed request": nothing was sent
        return;
      }
      const failure = failureOf(result);
      return fail(failure.status, failure.code, failure.message);
    }
    const answer = passOn(result, secrets.check, shared.at);
    if (!answer) return fail(LEAK_FAILURE.status, LEAK_FAILURE.code, LEAK_FAILURE.message);
    if (answer.dropped.length > 0) entry.headersDropped = answer.dropped;
    entry.status = answer.status;
    entry.requestId = answer.requestId ?? '';
    writePassedOn(res, answer, method === 'HEAD');
  }

  return async function handleApi(req, res, limitKey) {
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
    const secrets: RequestSecrets = { check: heldSecrets };
    try {
      await respond(req, res, entry, secrets, limitKey);
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
    options.log?.(withoutSecrets(entry, secrets.check), req);
  };
}
