import { formatDateTime } from '../../job/time';
import type { JobLookupError } from '../../lib/api-error';
import { requestIdsOf } from '../../lib/request-ids';
import { adviceFor } from './failure-advice';

/**
 * The failed lookup as plain text for a ticket: what was asked, when (UTC), what came back,
 * and the request IDs to quote. Nothing here came from the page's HTML.
 */
export function lookupFailureSummary(error: JobLookupError, link: string): string {
  const at = formatDateTime(error.at, 'utc');
  const { region, projectId, jobId } = error.target;
  return [
    `SFS Turbo job lookup failed: ${adviceFor(error).title}`,
    `Asked for: region ${region}, project ${projectId}, job ${jobId}`,
    `Attempt at: ${at.text} ${at.zone}`,
    `HTTP status: ${error.status === 0 ? 'no answer' : error.status}`,
    `Code: ${error.code ?? '—'}`,
    `Message: ${error.message}`,
    ...requestIdsOf(error).map(({ label, value }) => `${label}: ${value}`),
    ...(error.bodySnippet ? [`Answer began: ${error.bodySnippet}`] : []),
    `Link: ${link}`,
  ].join('\n');
}
