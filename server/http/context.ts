import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the steps of one request learn and pass on; the access log line is written from it. */
export interface RequestContext {
  /** Request ID for the log. */
  id: string;
  /** Socket address (normalised, IPv4-mapped unwrapped). */
  peer: string;
  /** `peer`, or X-Forwarded-For's client when the peer is a trusted proxy. */
  client: string;
  /** The peer matched `TRUSTED_PROXIES`. */
  viaTrustedProxy: boolean;
  /** Path below `BASE_PATH`, starting with '/'. */
  path: string;
  /** Set by the access-control step (server/auth/identity.ts `User`). */
  user?: { name: string; groups: string[]; id: string };
  /** Extra fields for the one access-log line. */
  log: Record<string, string | number | null>;
}

export type Next = () => Promise<void>;

/** One step of a chain; the API's steps (server/proxy/api.ts) take a context that extends this one. */
export type Step<Context extends RequestContext = RequestContext> = (
  req: IncomingMessage,
  res: ServerResponse,
  ctx: Context,
  next: Next,
) => Promise<void>;
