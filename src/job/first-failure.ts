import { failedInOrder, saysWhy } from '../../common/failure-order';
import type { Job } from './job-schema';

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

/**
 * The failure a ticket leads with: the sub-job that failed first among those that say why
 * (with the job's own code beside it when that differs), else the job's own code and reason.
 * A job's own code is often only its first or last sub-job's, so the sub-job names the cause.
 */
export function firstFailure(job: Job): FirstFailure | undefined {
  const first = failedInOrder(job.sub_jobs ?? []).find(({ sub }) => saysWhy(sub));
  const own = saysWhy(job) ? { code: job.error_code, reason: job.fail_reason } : undefined;
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
