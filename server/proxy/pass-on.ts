import type { ServerResponse } from 'node:http';
import { PROXY_ERROR, type ProxyErrorCode } from '../../common/contract.ts';
import type { LeakCheck } from '../credentials/leak-check.ts';
import { FORWARDED_RESPONSE_HEADERS } from '../http/responses.ts';
import { headerValue, type UpstreamResult } from '../net/http-client.ts';

type Answered = Extract<UpstreamResult, { ok: true }>;
type Failed = Extract<UpstreamResult, { ok: false }>;

/**
 * The upstream headers passed on, each with the one shape it may have. An allow-list of
 * shapes, not a leak check alone: a hostile upstream can split or encrypt what it echoes past
 * any check, but not into a request ID of letters, digits and dashes without it showing, nor
 * into a number of seconds or a date.
 */
export const HEADER_SHAPES = {
  /** A bounded run of letters, digits and dashes (OTC sends 32 hex digits). */
  'x-request-id': /^[A-Za-z0-9-]{1,128}$/,
  /** Seconds, or an HTTP date (IMF-fixdate, the form RFC 9110 says to send). */
  'retry-after':
    /^(?:\d{1,9}|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT)$/,
  /** A media type with at most a charset, e.g. `application/json; charset=utf-8`. */
  'content-type':
    /^[A-Za-z]{1,20}\/[A-Za-z0-9.+-]{1,64}(?:[ \t]*;[ \t]*charset=(?:[A-Za-z0-9._-]{1,40}|"[A-Za-z0-9._-]{1,40}"))?$/i,
} as const;
const MAX_HEADER_LENGTH = 200;

export type PassedHeader = keyof typeof HEADER_SHAPES;

/** A header the upstream sent that was not passed on, and why: not of its shape, or holding (part of) a credential. */
export interface DroppedHeader {
  header: PassedHeader;
  reason: 'shape' | 'secret';
}

export interface ProxyFailure {
  status: number;
  code: ProxyErrorCode;
  message: string;
}

/** What the browser is told when no usable answer came (the browser leaving is not a failure to tell). */
export function failureOf(result: Failed): ProxyFailure {
  switch (result.reason) {
    case 'timeout':
      return {
        status: 504,
        code: PROXY_ERROR.timeout,
        message: `SFS Turbo endpoint did not answer in time (${result.detail})`,
      };
    case 'too-large':
      return {
        status: 502,
        code: PROXY_ERROR.tooLarge,
        message: `SFS Turbo endpoint sent a body too large to pass on (${result.detail})`,
      };
    case 'undecodable':
      return {
        status: 502,
        code: PROXY_ERROR.unreachable,
        message: `SFS Turbo endpoint sent an answer the proxy cannot read (${result.detail})`,
      };
    default:
      return {
        status: 502,
        code: PROXY_ERROR.unreachable,
        message: `SFS Turbo endpoint unreachable (${result.detail})`,
      };
  }
}

export const LEAK_FAILURE: ProxyFailure = {
  status: 502,
  code: PROXY_ERROR.upstreamLeak,
  message:
    'The SFS Turbo endpoint’s answer contained the dashboard server’s credential, so it was not passed on. ' +
    'Something between the server and the cloud echoes requests back (a debug page or a misconfigured gateway).',
};

export interface PassedOn {
  status: number;
  headers: Record<string, string | number>;
  body: Buffer;
  /** `X-request-id` as passed on (for the access log), if any. */
  requestId: string | undefined;
  /** The allow-listed headers the upstream sent that were not passed on. */
  dropped: DroppedHeader[];
}

/**
 * The upstream's answer as the browser gets it: status and body unchanged, only allow-listed
 * headers, each dropped when it is not of its shape or holds (part of) a credential. A body
 * holding a credential in any form the leak check reads is not patched: it is refused
 * (`undefined`), because a patched body still says where the secret was and may hold it in a
 * form nobody thought of.
 */
export function passOn(
  result: Answered,
  check: LeakCheck,
  answeredAt: number,
): PassedOn | undefined {
  if (check.holdsSecret(result.body)) return undefined;
  const dropped: DroppedHeader[] = [];
  const passable = (header: PassedHeader, value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    if (value.length > MAX_HEADER_LENGTH || !HEADER_SHAPES[header].test(value)) {
      dropped.push({ header, reason: 'shape' });
      return undefined;
    }
    if (check.holdsPart(value)) {
      dropped.push({ header, reason: 'secret' });
      return undefined;
    }
    return value;
  };
  const requestId = passable('x-request-id', result.requestId);
  const retryAfter = passable('retry-after', headerValue(result.headers['retry-after']));
  // Only these headers are passed on: Set-Cookie, Content-Encoding (the body is decoded),
  // hop-by-hop headers and anything else the upstream (or a gateway in front of it) adds
  // never reach the browser.
  const headers: Record<string, string | number> = {
    ...FORWARDED_RESPONSE_HEADERS,
    'Content-Type': passable('content-type', result.contentType) ?? 'application/octet-stream',
    'Content-Length': result.body.length,
    // When the upstream answered: a shared answer is up to SFS_TURBO_CACHE_MS old, and the
    // page's "Data as of" must say when the cloud answered, not when this viewer asked.
    Date: new Date(answeredAt).toUTCString(),
    Age: Math.max(0, Math.floor((Date.now() - answeredAt) / 1000)),
  };
  if (requestId) headers['X-request-id'] = requestId;
  if (retryAfter) headers['Retry-After'] = retryAfter;
  return { status: result.status, headers, body: result.body, requestId, dropped };
}

export function writePassedOn(res: ServerResponse, answer: PassedOn, head: boolean): void {
  res.writeHead(answer.status, answer.headers);
  res.end(head ? undefined : answer.body);
}
