import * as v from 'valibot';
import { jobApiPath } from '../../common/contract';
import { parseJobBody, type Job } from '../job/job-schema';
import { ApiError, errorFromResponse, type LookupTarget } from './api-error';
import { appUrl } from './base-path';
import { takeEarlyAnswer } from './early-answer';

// The one way the browser asks the dashboard server: every answer is checked against a
// valibot schema, and every failure (no answer, an error status, a body that is not what was
// asked for) is an `ApiError`, which is what react-query's `error` is typed as.

export interface JobResponse {
  job: Job;
  warnings: string[];
  /** `X-request-id` of the answer, for tickets. */
  requestId: string | undefined;
  /**
   * When the cloud answered (ms since epoch, browser clock): the server may serve one answer
   * to identical requests for a moment and says how old it is (`Age`, seconds).
   */
  receivedAt: number;
  /** The body exactly as received, for "copy raw JSON". */
  raw: string;
}

/** Bodies above this are refused in the browser too (the proxy caps at 1 MiB). */
const MAX_BODY_CHARS = 2 * 1024 * 1024;

interface Answer {
  response: Response;
  requestId: string | undefined;
  raw: string;
  body: unknown;
  /** An `ApiError` of kind "unexpected" about this answer. */
  unexpected: (message: string) => ApiError;
}

interface RequestOptions {
  signal?: AbortSignal | undefined;
  /** The job asked for, named in the error of a job lookup. */
  target?: LookupTarget | undefined;
  /** For a write: its method, headers and body (the headers replace the default `Accept`). */
  init?: RequestInit;
}

function unreachable(
  message: string,
  target: LookupTarget | undefined,
  status = 0,
  requestId: string | undefined = undefined,
): ApiError {
  return new ApiError({ kind: 'unreachable', status, code: undefined, message, requestId, target });
}

/**
 * Ask `path` (below the base path), GET unless `init` says otherwise, and read its body as JSON
 * (none for a 204), or fail with an `ApiError`.
 */
async function request(path: string, { signal, target, init }: RequestOptions): Promise<Answer> {
  let response: Response;
  const url = appUrl(path);
  // A job page's first answer may have been asked for before this script ran.
  const early = init === undefined ? takeEarlyAnswer(url) : undefined;
  try {
    response = await (early ??
      fetch(url, { headers: { Accept: 'application/json' }, ...init, signal: signal ?? null }));
  } catch (error) {
    if (signal?.aborted) throw error;
    throw unreachable(
      'The dashboard server did not answer (network error or server stopped)',
      target,
    );
  }

  const requestId = response.headers.get('X-request-id') ?? undefined;
  let raw: string;
  try {
    raw = await response.text();
  } catch (error) {
    if (signal?.aborted) throw error;
    throw unreachable(
      'The answer broke off before its end (network error or server stopped)',
      target,
      response.status,
      requestId,
    );
  }
  if (!response.ok) {
    throw errorFromResponse(
      response.status,
      raw,
      requestId,
      target,
      response.headers.get('Retry-After'),
    );
  }

  const unexpected = (message: string) =>
    new ApiError({
      kind: 'unexpected',
      status: response.status,
      code: undefined,
      message,
      requestId,
      target,
      bodySnippet: raw.replace(/\s+/g, ' ').trim().slice(0, 300) || undefined,
    });

  if (raw.length > MAX_BODY_CHARS) throw unexpected('The answer is too large');
  let body: unknown;
  try {
    body = response.status === 204 ? null : JSON.parse(raw);
  } catch {
    throw unexpected('The answer is not JSON');
  }
  return { response, requestId, raw, body, unexpected };
}

/**
 * GET `path` and check its JSON against `schema`: the schema's output, or an `ApiError`
 * ("unexpected", naming `what` was expected and where the answer differs).
 */
export async function getJson<const Schema extends v.GenericSchema>(
  path: string,
  schema: Schema,
  what: string,
  options: RequestOptions = {},
): Promise<v.InferOutput<Schema>> {
  const answer = await request(path, options);
  const result = v.safeParse(schema, answer.body);
  if (result.success) return result.output;
  const [issue] = result.issues;
  const where = v.getDotPath(issue);
  throw answer.unexpected(
    `The answer is JSON but not ${what} (${where ? `${where}: ` : ''}${issue.message})`,
  );
}

/**
 * The last job answer checked: a job at rest answers the same text to every poll, and checking
 * a thousand sub-jobs again (and react-query comparing the new objects with the old) was a long
 * task every poll on a slow laptop (issue 22). The same text gives the same objects back.
 */
let lastJob: { path: string; raw: string; parsed: ReturnType<typeof parseJobBody> } | undefined;

/** A job's details; fails with a `JobLookupError` (an `ApiError` that names the job). */
export async function fetchJob(target: LookupTarget, signal?: AbortSignal): Promise<JobResponse> {
  const { region, projectId, jobId } = target;
  const path = jobApiPath(region, projectId, jobId);
  const answer = await request(path, { signal, target });
  const parsed =
    lastJob?.path === path && lastJob.raw === answer.raw
      ? lastJob.parsed
      : parseJobBody(answer.body);
  lastJob = { path, raw: answer.raw, parsed };
  if (!parsed) throw answer.unexpected('The answer is JSON but not a job object');
  const age = Number(answer.response.headers.get('Age'));
  const ageMs = Number.isFinite(age) && age > 0 ? age * 1000 : 0;
  return {
    ...parsed,
    requestId: answer.requestId,
    receivedAt: Date.now() - ageMs,
    raw: answer.raw,
  };
}
