import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROXY_ERROR, type DemoJobInfo, type RegionsResponse } from '../../common/contract.ts';
import type { ServerConfig } from '../config/config.ts';
import { leakCheck } from '../credentials/leak-check.ts';
import type { CredentialProvider } from '../credentials/provider.ts';
import { chain } from '../http/chain.ts';
import type { RequestContext } from '../http/context.ts';
import { sendProxyError } from '../http/responses.ts';
import type { Memory } from '../memory/memory.ts';
import { startApiLog, withholdSecrets, type ApiContext } from './api-context.ts';
import type { JobSource } from './job-source.ts';
import { credential } from './steps/credential.ts';
import { crossSite } from './steps/cross-site.ts';
import { forward } from './steps/forward.ts';
import { history, type HistoryReader } from './steps/history.ts';
import { limit } from './steps/limit.ts';
import { method } from './steps/method.ts';
import { notifyTargets } from './steps/notify-targets.ts';
import { passOn } from './steps/pass-on.ts';
import { regionAllowed } from './steps/region-allowed.ts';
import { regionKnown } from './steps/region-known.ts';
import { regions } from './steps/regions.ts';
import { route } from './steps/route.ts';
import { watches } from './steps/watches.ts';
import { wellFormed } from './steps/well-formed.ts';
import type { UpstreamLimit } from './upstream-limit.ts';

export interface ApiOptions {
  config: ServerConfig;
  credentials: CredentialProvider;
  /** Base URL of the simulator when it is the upstream. */
  simulatorUrl?: string | undefined;
  demoJobs?: DemoJobInfo[];
  /** The way to a job's upstream answer, shared with the watches (server/proxy/job-source.ts). */
  jobSource: JobSource;
  /**
   * RATE_LIMIT_UPSTREAM_PER_MIN: upstream calls per user (or address). Only a request that
   * really goes upstream counts; one served by an identical request's exchange does not.
   */
  upstreamLimit?: UpstreamLimit | undefined;
  /** What the server remembers of jobs (server/memory/history.ts); without it, history answers 503. */
  history?: HistoryReader | undefined;
  /** The store and the destinations: the watches' routes answer from them. */
  memory: Memory;
}

/**
 * The regions the credential may be sent to (`SFS_TURBO_REGIONS`); the simulator holds no
 * secret, so it serves every region it knows.
 */
export function allowedRegions(config: ServerConfig, simulated: boolean): ReadonlySet<string> {
  return new Set(simulated ? config.regions.map((region) => region.id) : config.allowedRegions);
}

/**
 * Answers one `/api/…` request (`req.url` below the base path) and writes its log fields into
 * `ctx.log`. Never rejects: every outcome, bugs included, is answered.
 */
export type ApiHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  ctx: RequestContext,
) => Promise<void>;

/**
 * The proxy's whole public surface: `/api/regions`, the memory's routes (destinations,
 * watches) and the one forwarded route. Every other `/api/` request is answered by one of these steps and never reaches an upstream. Read it
 * top to bottom: each step is one file under server/proxy/steps/.
 */
export function createApi(options: ApiOptions): ApiHandler {
  const { config, credentials } = options;
  const simulated = options.simulatorUrl !== undefined;
  const allowed = allowedRegions(config, simulated);
  const heldSecrets = leakCheck(credentials.secrets);
  const regionsBody: RegionsResponse = {
    regions: config.regions
      .filter((region) => allowed.has(region.id))
      .map(({ id, name, cloud }) => ({ id, name, cloud })),
    otherRegions: config.regions
      .filter((region) => !allowed.has(region.id))
      .map((region) => region.id),
    defaultRegion: config.defaultRegion,
    simulated,
    credentials: { kind: simulated ? 'none' : credentials.kind },
    endpointOverride: config.endpointOverride !== undefined,
    demoJobs: simulated ? (options.demoJobs ?? []) : [],
  };

  const run = chain<ApiContext>([
    crossSite(),
    route(),
    method(),
    wellFormed(),
    regions(regionsBody),
    regionKnown(config, simulated),
    regionAllowed(allowed),
    history(options.history),
    // Answered from the store: these never reach the credential or the forward step.
    notifyTargets(options.memory),
    watches({ memory: options.memory, config, simulated, allowed }),
    credential(credentials, simulated),
    limit(options.upstreamLimit, simulated),
    forward(options.jobSource),
    passOn(),
  ]);
  const unanswered = () => Promise.reject(new Error('No API step answered'));

  return async function handleApi(req, res, ctx) {
    startApiLog(ctx.log);
    // `...ctx` keeps the same `log` object: what the steps write is the request's one line.
    const api: ApiContext = {
      ...ctx,
      route: { kind: 'unknown' },
      secrets: heldSecrets,
      admit: () => ({ ok: true }),
    };
    try {
      await run(req, res, api, unanswered);
    } catch (error) {
      // A bug, not a cloud failure. The error itself is not shown: it could quote anything.
      api.log.code = PROXY_ERROR.internal;
      withholdSecrets(api);
      console.error(
        'sfs-turbo proxy: unexpected error:',
        error instanceof Error ? error.name : typeof error,
      );
      sendProxyError(res, 500, PROXY_ERROR.internal, 'Unexpected proxy error');
    }
  };
}
