import type { ServerResponse } from 'node:http';
import { PROXY_ERROR, type ProxyErrorCode } from '../../common/contract.ts';
import type { LeakCheck } from '../credentials/leak-check.ts';
import { FORWARDED_RESPONSE_HEADERS } from '../http/responses.ts';
import { headerValue, type UpstreamResult } from '../net/http-client.ts';

type Answered = Extract<UpstreamResult, { ok: true }>;
type Failed = Extract<UpstreamResult, { ok: false }>;

// Request IDs and content types come from the upstream; only plain header-safe text is passed on.
const SAFE_REQUEST_ID = /^[\x21-\x7e]{1,128}$/;
const SAFE_CONTENT_TYPE = /^[\x20-\x7e]{1,200}$/;
const SAFE_RETRY_AFTER = /^[\x20-\x7e]{1,64}$/;

export interface ProxyFailure {
  status: number;
  code: ProxyErrorCode;
  message: string;
}

/** What the browser is told when no usable answer came (the browser leaving is not a failure to tell). */
export function failureOf(result: Failed): ProxyFailure {
  switch (result.reason) {
    case 'timeout':
      return { status: 504, code: PROXY_ERROR.timeout, message: `SFS Turbo endpoint did not answer in time (${result.detail})` };
    case 'too-large':
      return { status: 502, code: PROXY_ERROR.tooLarge, message: `SFS Turbo endpoint sent a body too large to pass on (${result.detail})` };
    default:
      return { status: 502, code: PROXY_ERROR.unreachable, message: `SFS Turbo endpoint unreachable (${result.detail})` };
  }
}

export const LEAK_FAILURE: ProxyFailure = {
  status: 502,
  code: PROXY_ERROR.upstreamLeak,
  message:
    'The SFS Turbo endpoint’s answer contained the dashboard server’s credential, so it was not passed on. ' +
    'Something between the server and the cloud echoes requests back (a debug page or a misconfigured gateway).',
};

/** A header value the upstream sent, if it is plain text and holds no secret; else it is dropped. */
function passable(value: string | undefined, shape: RegExp, check: LeakCheck): string | undefined {
  return value !== undefined && shape.test(value) && !check.holdsSecret(value) ? value : undefined;
}

export interface PassedOn {
  status: number;
  headers: Record<string, string | number>;
  body: Buffer;
  /** `X-request-id` as passed on (for the access log), if any. */
  requestId: string | undefined;
}

/**
 * The upstream's answer as the browser gets it: status and body unchanged, only named headers,
 * each dropped when it is not plain text or holds a credential. A body holding a credential
 * is not patched: it is refused (`undefined`), because a patched body still says where the
 * secret was and may hold it in a form nobody thought of.
 */
export function passOn(result: Answered, check: LeakCheck, answeredAt: number): PassedOn | undefined {
  if (check.holdsSecret(result.body)) return undefined;
  const requestId = passable(result.requestId, SAFE_REQUEST_ID, check);
  const retryAfter = passable(headerValue(result.headers['retry-after']), SAFE_RETRY_AFTER, check);
  // Only named headers are passed on: Set-Cookie, hop-by-hop headers and anything else the
  // upstream (or a gateway in front of it) adds never reach the browser.
  const headers: Record<string, string | number> = {
    ...FORWARDED_RESPONSE_HEADERS,
    'Content-Type': passable(result.contentType, SAFE_CONTENT_TYPE, check) ?? 'application/octet-stream',
    'Content-Length': result.body.length,
    // When the upstream answered: a shared answer is up to SFS_TURBO_CACHE_MS old, and the
    // page's "Data as of" must say when the cloud answered, not when this viewer asked.
    Date: new Date(answeredAt).toUTCString(),
    Age: Math.max(0, Math.floor((Date.now() - answeredAt) / 1000)),
  };
  if (requestId) headers['X-request-id'] = requestId;
  if (retryAfter) headers['Retry-After'] = retryAfter;
  return { status: result.status, headers, body: result.body, requestId };
}

export function writePassedOn(res: ServerResponse, answer: PassedOn, head: boolean): void {
  res.writeHead(answer.status, answer.headers);
  res.end(head ? undefined : answer.body);
}
