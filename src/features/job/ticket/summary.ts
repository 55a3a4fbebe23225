import { statusKind } from '../../../../common/job-status';
import { failureCodesText } from '../../../job/failure-codes';
import { firstFailure } from '../../../job/first-failure';
import { historyLines } from '../../../job/history-words';
import type { Job, SubJob } from '../../../job/job-schema';

import {
  cell,
  code,
  durationText,
  failureText,
  statusText,
  timeText,
  typeText,
} from '../../../job/markdown-cells';
import { rowsToDraw } from '../../../job/rows-to-draw';
import { STATUS_LABEL } from '../../../job/status';
import { formatDateTime } from '../../../job/time';
import type { LookupTarget } from '../../../lib/api-error';
import type { HistoryResponse } from '../../../lib/memory-api';

/** Sub-jobs listed in the table; Jira fields stop at 32,767 characters, a row is ~250. */
export const SUMMARY_SUB_JOB_LIMIT = 50;
/** Changes seen by the dashboard listed in the summary (the latest ones); a row is ~100. */
export const SUMMARY_HISTORY_LIMIT = 30;

export interface SummaryInput {
  job: Job;
  target: LookupTarget;
  regionName: string | undefined;
  requestId: string | undefined;
  dataAt: number;
  permalink: string;
  simulated: boolean;
  /** What the dashboard's server saw of the job, when it keeps a memory and saw it. */
  history?: HistoryResponse | null | undefined;
}

/**
 * The order of the listed sub-jobs: when some are left out, the failed ones first (as the
 * note above the table says), then the others kept, each group in list order; when all are
 * listed, list order.
 */
export function listedOrder(subJobs: readonly SubJob[], keep: readonly boolean[]): number[] {
  const kept = subJobs.flatMap((_, index) => (keep[index] ? [index] : []));
  if (kept.length === subJobs.length) return kept;
  const failed = (index: number) => statusKind(subJobs[index]?.status) === 'failed';
  return [...kept.filter(failed), ...kept.filter((index) => !failed(index))];
}

function countsText(subJobs: readonly SubJob[]): string {
  const counts = new Map<string, number>();
  for (const sub of subJobs) {
    const kind = statusKind(sub.status);
    const word = kind === 'unknown' ? 'unknown status' : STATUS_LABEL[kind].toLowerCase();
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts].map(([word, count]) => `${count} ${word}`).join(', ') + '.';
}

/**
 * A Markdown summary that stands alone in a ticket (Jira, GitHub, plain mail): which job,
 * where, what status, when (UTC, zone written), why it failed, the request ID, when the data
 * was fetched, and the link back. Times are always UTC here, whatever the page shows.
 */
export function ticketSummary(input: SummaryInput): string {
  const { job, target } = input;
  const now = input.dataAt;
  const dataAt = formatDateTime(input.dataAt, 'utc');
  const failure = failureText(job);
  const first = firstFailure(job);
  const firstText = first?.subJob
    ? `sub-job ${code(first.subJob.id)} (#${first.subJob.index + 1}): ${failureText({ error_code: first.code, fail_reason: first.reason })}`
    : '';
  const codes = failureCodesText(job);
  const lines = [
    `### SFS Turbo job ${cell(target.jobId)}: ${STATUS_LABEL[statusKind(job.status)]}`,
    '',
    '| Field | Value |',
    '|---|---|',
    `| Status | ${statusText(job.status)} |`,
    `| Job type | ${typeText(job.job_type)} |`,
    `| Region | ${code(target.region)}${input.regionName ? ` ${cell(input.regionName)}` : ''}${input.simulated ? ' — simulated data' : ''} |`,
    `| Project ID | ${code(target.projectId)} |`,
    `| Job ID | ${code(target.jobId)} |`,
    `| Begin | ${timeText(job.begin_time)} |`,
    `| End | ${timeText(job.end_time)} |`,
    `| Duration | ${durationText(job, now)} |`,
    ...(failure ? [`| Failure | ${failure} |`] : []),
    ...(firstText ? [`| First failure | ${firstText} |`] : []),
    ...(codes ? [`| Failure codes | ${cell(codes)} |`] : []),
    // The request of this refresh, not of the job: it changes with every poll.
    `| Lookup request ID, this refresh | ${code(input.requestId)} |`,
    `| Data as of | ${dataAt.text} ${dataAt.zone} |`,
    `| Link | ${input.permalink} |`,
  ];
  const subJobs = job.sub_jobs ?? [];
  if (subJobs.length > 0) {
    const pick = rowsToDraw(
      subJobs.map((sub) => statusKind(sub.status)),
      SUMMARY_SUB_JOB_LIMIT,
    );
    lines.push('', `#### Sub-jobs (${subJobs.length})`, '', countsText(subJobs));
    if (pick.drawn < pick.total) {
      lines.push(
        '',
        `Listed: ${pick.drawn} of ${pick.total}, every failed one first, then at least one of every other state, then the others in order; the full list is at the link.`,
      );
    }
    lines.push(
      '',
      '| # | Status | Type | Sub-job ID | Begin | End | Duration | Failure |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const index of listedOrder(subJobs, pick.keep)) {
      const sub = subJobs[index];
      if (!sub) continue;
      lines.push(
        `| ${index + 1} | ${statusText(sub.status)} | ${typeText(sub.job_type)} | ${code(sub.job_id)} | ${timeText(sub.begin_time)} | ${timeText(sub.end_time)} | ${durationText(sub, now)} | ${failureText(sub) || '—'} |`,
      );
    }
  }
  if (input.history) lines.push(...historySection(input.history));
  return `${lines.join('\n')}\n`;
}

/** "Seen by this dashboard": the changes the server observed, latest last, times in UTC. */
export function historySection(history: HistoryResponse): string[] {
  const all = historyLines(history);
  const listed = all.slice(-SUMMARY_HISTORY_LIMIT);
  const named = listed.some((line) => line.viewer !== undefined);
  const lines = ['', `#### Seen by this dashboard (${all.length})`, ''];
  const left = all.length - listed.length;
  const notes = [
    left > 0 ? `Listed: the last ${listed.length} of ${all.length}.` : '',
    history.truncated ? "Older changes were dropped by the dashboard's limit per job." : '',
  ].filter(Boolean);
  if (notes.length > 0) lines.push(notes.join(' '), '');
  lines.push(
    named ? '| Seen at | Change | Seen by |' : '| Seen at | Change |',
    named ? '|---|---|---|' : '|---|---|',
  );
  for (const line of listed) {
    const at = formatDateTime(line.at, 'utc');
    const who = named ? ` ${cell(line.viewer ?? '—')} |` : '';
    lines.push(`| ${at.text} ${at.zone} | ${cell(line.text)} |${who}`);
  }
  return lines;
}
