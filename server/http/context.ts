import type { IncomingMessage, ServerResponse } from 'node:http';
export interface RequestContext {
  id: string;                 // request ID for the log
  peer: string;               // socket address (normalised, IPv4-mapped unwrapped)
  client: string;             // peer, or X-Forwarded-For's client when peer is trusted
  viaTrustedProxy: boolean;   // peer matched TRUSTED_PROXIES
  path: string;               // path below BASE_PATH, starting with '/'
  user?: { name: string; groups: string[] };  // set by the access-control step
  log: Record<string, string | number | null>; // extra fields for the one access-log line
}
export type Next = () => Promise<void>;
export type Step = (req: IncomingMessage, res: ServerResponse, ctx: RequestContext, next: Next) => Promise<void>;
