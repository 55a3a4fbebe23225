import { retryAfterMs } from '../../common/retry-after';
export type LookupFailureKind =
  | 'invalid-input'
  | 'not-found'
  | 'unauthorized'
  | 'forbidden'
  | 'throttled'
  | 'upstream'
  | 'unreachable'
  | 'timeout'
  | 'unexpected';

export interface LookupTarget {
  region: string;
  projectId: string;
  jobId: string;
}

export interface ApiErrorDetails {
  kind: LookupFailureKind;
  /** HTTP status, or 0 when no answer arrived. */
  status: number;
  code: string | undefined;
  message: string;
  /** The `X-request-id` header, else the request ID of the error body. */
  requestId: string | undefined;
  /** The API gateway's `request_id` in the error body, which may differ from the header. */
  bodyRequestId?: string | undefined;
  /** The job asked for; absent for the server's own answers (region list, session). */
  target?: LookupTarget | undefined;
  /** The first part of a body that could not be read as an error (HTML, text). */
  bodySnippet?: string | undefined;
  /** From a 429's or 503's `Retry-After`: wait at least this long before asking again. */
  retryAfterMs?: number | undefined;
}

/**
 * The one error the API client throws: a request that did not yield its answer (a job, the
 * region list, the session).
 */
export class ApiError extends Error implements ApiErrorDetails {
  override name = 'ApiError';
  readonly kind: LookupFailureKind;
  readonly status: number;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  readonly bodyRequestId: string | undefined;
  readonly target: LookupTarget | undefined;
  readonly bodySnippet: string | undefined;
  readonly retryAfterMs: number | undefined;
  /** When the failure was observed (ms since epoch); retry countdowns start here. */
  readonly at = Date.now();

  constructor(details: ApiErrorDetails) {
    super(details.message);
    this.kind = details.kind;
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.bodyRequestId = details.bodyRequestId;
    this.target = details.target;
    this.bodySnippet = details.bodySnippet;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** A failed job lookup: it names the job asked for. */
export type JobLookupError = ApiError & { readonly target: LookupTarget };

interface ErrorFields {
  code: string | undefined;
  message: string | undefined;
  requestId: string | undefined;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * Reads the error shapes the cloud uses: SFS Turbo's `{errCode, errMsg}`, the API gateway's
 * `{error_code, error_msg, request_id}` and OpenStack's `{error: {code, title, message}}`.
 */
export function readErrorFields(body: unknown): ErrorFields | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  if ('errCode' in record || 'errMsg' in record) {
    return { code: str(record.errCode), message: str(record.errMsg), requestId: undefined };
  }
  if ('error_code' in record || 'error_msg' in record) {
    return {
      code: str(record.error_code),
      message: str(record.error_msg),
      requestId: str(record.request_id),
    };
  }
  const nested = record.error;
  if (typeof nested === 'object' && nested !== null && !Array.isArray(nested)) {
    const error = nested as Record<string, unknown>;
    const message = [str(error.title), str(error.message)].filter(Boolean).join(': ');
    return { code: str(error.code), message: message || undefined, requestId: undefined };
  }
  return undefined;
}

export function failureKindFor(status: number, code: string | undefined): LookupFailureKind {
  if (code === 'PROXY.UPSTREAM_TIMEOUT' || status === 504) return 'timeout';
  if (code === 'PROXY.UPSTREAM_UNREACHABLE') return 'unreachable';
  if (status === 400 || status === 422) return 'invalid-input';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'upstream';
  return 'unexpected';
}

const SNIPPET_LENGTH = 300;

/** The dashboard server refused because nobody is signed in (or the session ended). */
export function isSignedOut(error: ApiError): boolean {
  return error.status === 401 && error.code === 'PROXY.UNAUTHENTICATED';
}

/** Turns a non-2xx answer (of any shape) into an `ApiError`. */
export function errorFromResponse(
  status: number,
  bodyText: string,
  headerRequestId: string | undefined,
  target: LookupTarget,
  retryAfter?: string | null,
): JobLookupError;
export function errorFromResponse(
  status: number,
  bodyText: string,
  headerRequestId: string | undefined,
  target: LookupTarget | undefined,
  retryAfter?: string | null,
): ApiError;
export function errorFromResponse(
  status: number,
  bodyText: string,
  headerRequestId: string | undefined,
  target: LookupTarget | undefined,
  retryAfter?: string | null,
): ApiError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    parsed = undefined;
  }
  const fields = readErrorFields(parsed);
  const snippet = fields
    ? undefined
    : bodyText.replace(/\s+/g, ' ').trim().slice(0, SNIPPET_LENGTH);
  return new ApiError({
    kind: failureKindFor(status, fields?.code),
    status,
    code: fields?.code,
    // An empty errMsg says nothing: the page shows what is known instead (found by fuzzing).
    message:
      (fields?.message?.trim() ? fields.message : undefined) ??
      (fields
        ? `HTTP ${status} without an error message`
        : snippet
          ? 'The answer was not in any known error format'
          : `HTTP ${status} with an empty body`),
    requestId: headerRequestId ?? fields?.requestId,
    bodyRequestId: fields?.requestId,
    target,
    bodySnippet: snippet || undefined,
    // A page must not sleep for a day.
    retryAfterMs: retryAfterMs(retryAfter, { now: Date.now(), maxMs: 10 * 60_000 }),
  });
}
