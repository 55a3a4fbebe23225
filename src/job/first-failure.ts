import type { Job, SubJob } from './job-schema';
import { statusKind } from './status';
import { parseApiTime } from './time';

export interface FirstFailure {
  code: string | undefined;
  reason: string | undefined;
  /** Undefined: the job's own fields; otherwise the sub-job that carries them. */
  subJob: { index: number; id: string | undefined } | undefined;
  /**
   * The job's own code and reason, when a sub-job's failure leads and the job's own code
   * differs from it: shown beside it, so that neither is lost.
   */
  jobOwn: { code: string | undefined; reason: string | undefined } | undefined;
}

const says = (item: Pick<SubJob, 'error_code' | 'fail_reason'>) =>
  Boolean(item.error_code?.trim() || item.fail_reason?.trim());

/** When a sub-job failed: its end, else its begin; unreadable times sort last. */
function failedAt(sub: SubJob): number {
  for (const raw of [sub.end_time, sub.begin_time]) {
    const time = parseApiTime(raw);
    if (time.kind === 'ok') return time.ms;
  }
  return Number.POSITIVE_INFINITY;
}

/** Failed sub-jobs in the order they failed (end time, then begin time, then list order). */
export function failedInOrder(job: Job): { sub: SubJob; index: number }[] {
  return (job.sub_jobs ?? [])
    .map((sub, index) => ({ sub, index, at: failedAt(sub), begin: parseApiTime(sub.begin_time) }))
    .filter(({ sub }) => statusKind(sub.status) === 'failed')
    .sort((a, b) => {
      if (a.at !== b.at) return a.at < b.at ? -1 : 1;
      const am = a.begin.kind === 'ok' ? a.begin.ms : Number.POSITIVE_INFINITY;
      const bm = b.begin.kind === 'ok' ? b.begin.ms : Number.POSITIVE_INFINITY;
      return am === bm ? a.index - b.index : am < bm ? -1 : 1;
    });
}

/**
 * The failure a ticket leads with: the sub-job that failed first among those that say why
 * (with the job's own code beside it when that differs), else the job's own code and reason.
 * A job's own code is often only its first or last sub-job's, so the sub-job names the cause.
 */
export function firstFailure(job: Job): FirstFailure | undefined {
  const first = failedInOrder(job).find(({ sub }) => says(sub));
  const own = says(job) ? { code: job.error_code, reason: job.fail_reason } : undefined;
  if (first) {
    return {
      code: first.sub.error_code,
      reason: first.sub.fail_reason,
      subJob: { index: first.index, id: first.sub.job_id },
      jobOwn:
        own && (own.code?.trim() || undefined) !== (first.sub.error_code?.trim() || undefined)
          ? own
          : undefined,
    };
  }
  if (own) return { ...own, subJob: undefined, jobOwn: undefined };
  return undefined;
}
