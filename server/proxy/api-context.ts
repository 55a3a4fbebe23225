import type { ServerResponse } from 'node:http';
import type { ProxyErrorCode } from '../../common/contract.ts';
import type { LeakCheck } from '../credentials/leak-check.ts';
import type { RequestContext, Step } from '../http/context.ts';
import { sendProxyError } from '../http/responses.ts';
import type { Shared } from './coalesce.ts';
import type { Forwarded } from './forward.ts';
import type { ApiRoute } from './route.ts';
import type { TakeResult } from './upstream-limit.ts';

export type JobRoute = Extract<ApiRoute, { kind: 'job' }>;

/**
 * The server's request context, plus what the API's steps learn and hand on. `log` is the
 * server's own object: what a step writes there is the request's one access-log line.
 */
export interface ApiContext extends RequestContext {
  /** Set by the route step. */
  route: ApiRoute;
  /**
   * The secrets this request must not give away: those the server holds, grown by what the
   * forward step sent (an issued token, a signature).
   */
  secrets: LeakCheck;
  /** Takes one upstream call from the caller's share (the limit step); the default spares nothing. */
  admit: () => TakeResult;
  /** The upstream's answer, own or shared (the forward step). */
  exchange?: Shared<Forwarded>;
}

export type ApiStep = Step<ApiContext>;

/** The log fields of an API request, as they stand before any step has learnt anything. */
export function startApiLog(log: RequestContext['log']): void {
  Object.assign(log, {
    route: 'api:unknown',
    region: null,
    project: null,
    job: null,
    code: null,
    // The upstream's status when it was passed on; the proxy's own answers carry `code`.
    upstreamStatus: null,
    upstreamMs: null,
    upstreamRequestId: null,
    coalesced: 0,
  });
}

/**
 * A log field that holds a credential or part of one is dropped (null, as when absent), never
 * partly blanked; run before each answer, so the line written on 'close' is already clean.
 */
export function withholdSecrets(api: ApiContext): void {
  for (const [key, value] of Object.entries(api.log)) {
    if (typeof value === 'string' && api.secrets.holdsPart(value)) api.log[key] = null;
  }
}

/** The proxy's own answer: logged with its code, the message withheld if it quotes a secret. */
export function refuse(
  res: ServerResponse,
  api: ApiContext,
  status: number,
  code: ProxyErrorCode,
  message: string,
  headers?: Record<string, string>,
): void {
  api.log.code = code;
  withholdSecrets(api);
  const safe = api.secrets.holdsSecret(message)
    ? 'The reason is withheld: it quoted a credential'
    : message;
  sendProxyError(res, status, code, safe, headers);
}

/** The job lookup the route step matched (the forward step's route). */
export function jobOf(api: ApiContext): JobRoute {
  if (api.route.kind !== 'job') throw new Error(`A job step ran for a ${api.route.kind} route`);
  return api.route;
}

/** A route that names a region (a lookup or a job's history), or undefined. */
export function regionOf(api: ApiContext): string | undefined {
  return api.route.kind === 'job' || api.route.kind === 'history' ? api.route.region : undefined;
}
