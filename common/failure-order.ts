/**
 * Which failure leads: the page's cards, board and summaries and the server's notifications
 * name the same sub-job. The fields may be of any type (the server reads the cloud's JSON
 * unchecked); only strings count.
 */
import { parseApiTime } from './api-time.ts';
import { statusKind } from './job-status.ts';

/** What a job or sub-job says of its failure. */
export interface FailureFields {
  status?: unknown;
  begin_time?: unknown;
  end_time?: unknown;
  error_code?: unknown;
  fail_reason?: unknown;
}

const said = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/** Whether it says why it failed: a code or a reason that is not blank. */
export function saysWhy(item: FailureFields): boolean {
  return said(item.error_code) || said(item.fail_reason);
}

const compare = (x: number, y: number) => (x === y ? 0 : x < y ? -1 : 1);

function timeMs(value: unknown): number {
  const time = typeof value === 'string' ? parseApiTime(value) : undefined;
  return time?.kind === 'ok' ? time.ms : Number.POSITIVE_INFINITY;
}

/**
 * The failed sub-jobs in the order they failed: by end time, else begin time, then by begin
 * time, then as listed. Unreadable times sort last.
 */
export function failedInOrder<T extends FailureFields>(
  subJobs: readonly T[],
): { sub: T; index: number }[] {
  return subJobs
    .map((sub, index) => {
      const begin = timeMs(sub.begin_time);
      const end = timeMs(sub.end_time);
      return { sub, index, at: end === Number.POSITIVE_INFINITY ? begin : end, begin };
    })
    .filter(({ sub }) => statusKind(sub.status) === 'failed')
    .sort((a, b) => compare(a.at, b.at) || compare(a.begin, b.begin) || a.index - b.index)
    .map(({ sub, index }) => ({ sub, index }));
}
