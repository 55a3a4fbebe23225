import { explainCode } from '../../job/error-codes';
import { failureCodesText } from '../../job/failure-codes';
import { firstFailure } from '../../job/first-failure';
import { cell, code, durationText, statusText, timeText, typeText } from '../../job/markdown-cells';
import { formatDateTime } from '../../job/time';
import type { JobResponse } from '../../lib/api-client';
import type { ApiError, LookupTarget } from '../../lib/api-error';
import { countsText, type BoardCounts } from './board-counts';
import type { BoardEntry } from './board-url';

export interface SummaryRow {
  entry: BoardEntry;
  data: JobResponse | undefined;
  error: ApiError | null;
}

function failureCell(data: JobResponse): string {
  const failure = firstFailure(data.job);
  if (!failure) return '';
  const where = failure.subJob
    ? ` (sub-job ${code(failure.subJob.id ?? `#${failure.subJob.index + 1}`)})`
    : '';
  const own = failure.jobOwn ? `; the job's own code ${code(failure.jobOwn.code)}` : '';
  const codes = failureCodesText(data.job);
  return (
    [
      failure.code && code(failure.code),
      explainCode(failure.code),
      failure.reason && cell(failure.reason),
    ]
      .filter(Boolean)
      .join(' — ') +
    where +
    own +
    (codes ? `; ${cell(codes)}` : '')
  );
}

function lookupCell(error: ApiError): string {
  const status = error.status === 0 ? 'no answer' : `HTTP ${error.status}`;
  return `Lookup failed: ${status} ${code(error.code)} ${cell(error.message)}; request ID ${code(error.requestId)}`;
}

function jobLine(
  index: number,
  target: LookupTarget,
  data: JobResponse | undefined,
  error: ApiError | null,
  now: number,
): string {
  const ids = `${code(target.region)} | ${code(target.projectId)} | ${code(target.jobId)}`;
  if (!data) {
    const what = error ? lookupCell(error) : 'not yet received';
    return `| ${index} | — | — | ${ids} | — | — | — | ${what} |`;
  }
  const { job } = data;
  const failure = failureCell(data);
  const lookup = error ? ` (latest lookup failed: ${cell(error.message)})` : '';
  return `| ${index} | ${statusText(job.status)} | ${typeText(job.job_type)} | ${ids} | ${timeText(job.begin_time)} | ${timeText(job.end_time)} | ${durationText(job, now)} | ${failure}${lookup} |`;
}

/**
 * The board as Markdown for a ticket: title, when, counts, one table line per job with its
 * first failure (or its lookup failure), and the link that rebuilds the board.
 */
export function boardSummary(input: {
  title: string;
  rows: readonly SummaryRow[];
  counts: BoardCounts;
  now: number;
  link: string;
  simulated: boolean;
}): string {
  const { title, rows, counts, now, link, simulated } = input;
  const at = formatDateTime(now, 'utc');
  const lines = [
    `## ${cell(title) || 'Incident board'}`,
    '',
    `Data as of ${at.text} ${at.zone}. ${rows.length} ${rows.length === 1 ? 'entry' : 'entries'}: ${countsText(counts) || 'none'}${counts.allFinished ? '; all finished' : ''}.${simulated ? ' Simulated data.' : ''}`,
    '',
    '| # | Status | Type | Region | Project | Job ID | Begin | End | Duration | First failure |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  rows.forEach(({ entry, data, error }, i) => {
    if (entry.kind === 'invalid')
      lines.push(
        `| ${i + 1} | not a job reference | — | — | — | ${code(entry.raw)} | — | — | — | ${cell(entry.problem)} |`,
      );
    else lines.push(jobLine(i + 1, entry.target, data, error, now));
  });
  lines.push('', `Board: ${link}`);
  return lines.join('\n');
}
