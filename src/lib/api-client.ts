import { jobApiPath } from '../../common/contract';
import { appUrl } from './base-path';
import { ApiError, errorFromResponse, type LookupTarget } from './api-error';
import { parseJobBody, type Job } from '../job/job-schema';

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

export async function fetchJob(target: LookupTarget, signal?: AbortSignal): Promise<JobResponse> {
  const { region, projectId, jobId } = target;
  let response: Response;
  try {
    response = await fetch(appUrl(jobApiPath(region, projectId, jobId)), {
      headers: { Accept: 'application/json' },
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError({
      kind: 'unreachable',
      status: 0,
      code: undefined,
      message: 'The dashboard server did not answer (network error or server stopped)',
      requestId: undefined,
      target,
    });
  }

  const requestId = response.headers.get('X-request-id') ?? undefined;
  const raw = await response.text();
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

  if (raw.length > MAX_BODY_CHARS) throw unexpected('The answer is too large to be a job');
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw unexpected('The answer is not JSON');
  }
  const parsed = parseJobBody(body);
  if (!parsed) throw unexpected('The answer is JSON but not a job object');
  const age = Number(response.headers.get('Age'));
  const ageMs = Number.isFinite(age) && age > 0 ? age * 1000 : 0;
  return { ...parsed, requestId, receivedAt: Date.now() - ageMs, raw };
}
