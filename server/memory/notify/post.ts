/**
 * One POST to a destination, through the server's HTTP client (server/net/), and its outcome
 * in words. The destination's URL is the credential that lets anyone post to the channel, so
 * no outcome quotes it or any part of it: reasons are built here from status codes and error
 * codes only, never from an error's message (which may name the address).
 */
import { retryAfterMs } from '../../../common/retry-after.ts';
import { requestUpstream, targetOf } from '../../net/http-client.ts';

export const SEND_TIMEOUT_MS = 10_000;
/** Answers are read only to tell success from failure: a few KiB are plenty. */
const MAX_ANSWER_BYTES = 64 * 1024;
/** A `Retry-After` longer than this is not honoured as such: the back-off takes over. */
const MAX_RETRY_AFTER_MS = 60 * 60_000;

export type SendResult =
  | { ok: true; status: number }
  | {
      ok: false;
      /** 408, 429, 5xx and network trouble: another attempt may succeed. */
      retryable: boolean;
      /** Why, in words, quoting no address. */
      reason: string;
      /** The destination asked to wait this long (`Retry-After`), if it said. */
      retryAfterMs?: number;
    };

export interface PostOptions {
  timeoutMs?: number;
  /** Abandons the request (a shutdown); the result is then a retryable failure. */
  signal?: AbortSignal;
}

/** Whether an HTTP status is worth another attempt. */
export function retryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

const ABANDONED = 'the attempt was abandoned (the server is stopping)';
const FAILURE_WORDS: Record<string, string> = {
  timeout: 'no complete answer within the time allowed',
  unreachable: 'the destination could not be reached',
  'too-large': 'the answer was too large',
  undecodable: 'the answer could not be decoded',
  aborted: ABANDONED,
};

/** A network error code (`ECONNREFUSED`, `ENOTFOUND`…) is words enough; anything else is not quoted. */
function codeWords(detail: string): string {
  return /^E[A-Z_]{2,30}$/.test(detail) ? ` (${detail})` : '';
}

export function describeStatus(status: number, slackError?: string): string {
  const what =
    status >= 300 && status < 400
      ? 'a redirect, which is not followed'
      : status === 429
        ? 'too many requests'
        : status === 408
          ? 'it timed out waiting for the request'
          : status >= 500
            ? 'a server error'
            : 'a refusal';
  return `the destination answered HTTP ${status} (${what})${slackError ? `: ${slackError}` : ''}`;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** POSTs `body`; resolves with the answer or a failure, never rejects, never follows a redirect. */
export async function post(
  url: URL,
  body: string,
  headers: Record<string, string>,
  options: PostOptions = {},
): Promise<{ ok: true; answer: Answer } | { ok: false; result: SendResult }> {
  if (options.signal?.aborted) {
    return { ok: false, result: { ok: false, retryable: true, reason: ABANDONED } };
  }
  const result = await requestUpstream({
    target: targetOf(url),
    method: 'POST',
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      'User-Agent': 'sfs-turbo-jobs',
      ...headers,
    },
    body,
    timeoutMs: options.timeoutMs ?? SEND_TIMEOUT_MS,
    maxBytes: MAX_ANSWER_BYTES,
    onCancel: (cancel) => options.signal?.addEventListener('abort', cancel, { once: true }),
  });
  if (!result.ok) {
    const reason = `${FAILURE_WORDS[result.reason] ?? 'the attempt failed'}${codeWords(result.detail)}`;
    // A body too large or undecodable still means the destination answered; whether it took
    // the message is unknown, and sending again is the lesser harm next to losing it.
    return { ok: false, result: { ok: false, retryable: true, reason } };
  }
  return {
    ok: true,
    answer: { status: result.status, headers: result.headers, body: result.body },
  };
}

/** The outcome of an answer: 2xx is sent; anything else a failure classified by its status. */
export function outcomeOf(answer: Answer, slackError?: string): SendResult {
  if (answer.status >= 200 && answer.status < 300) return { ok: true, status: answer.status };
  const wait =
    answer.status === 429 || answer.status === 503
      ? retryAfterMs(answer.headers['retry-after'], { now: Date.now(), maxMs: MAX_RETRY_AFTER_MS })
      : undefined;
  return {
    ok: false,
    retryable: retryableStatus(answer.status),
    reason: describeStatus(answer.status, slackError),
    ...(wait === undefined ? {} : { retryAfterMs: wait }),
  };
}
