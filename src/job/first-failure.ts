import type { Job } from './job-schema';
import { statusKind } from './status';
import { parseApiTime } from './time';

export interface FirstFailure {
  code: string | undefined;
  reason: string | undefined;
  /** Undefined: the job's own fields; otherwise the sub-job that carries them. */
  subJob: { index: number; id: string | undefined } | undefined;
}

/**
 * The failure a ticket leads with: the job's own code and reason when it has them, else those
 * of the first failed sub-job that has any (first by begin time, as the timeline orders rows).
 */
export function firstFailure(job: Job): FirstFailure | undefined {
  if (job.error_code || job.fail_reason)
    return { code: job.error_code, reason: job.fail_reason, subJob: undefined };
  const failed = (job.sub_jobs ?? [])
    .map((sub, index) => ({ sub, index, begin: parseApiTime(sub.begin_time) }))
    .filter(
      ({ sub }) => statusKind(sub.status) === 'failed' && (sub.error_code || sub.fail_reason),
    );
  failed.sort((a, b) => {
    const am = a.begin.kind === 'ok' ? a.begin.ms : Number.POSITIVE_INFINITY;
    const bm = b.begin.kind === 'ok' ? b.begin.ms : Number.POSITIVE_INFINITY;
    return am === bm ? a.index - b.index : am - bm;
  });
  const first = failed[0];
  if (!first) return undefined;
  return {
    code: first.sub.error_code,
    reason: first.sub.fail_reason,
    subJob: { index: first.index, id: first.sub.job_id },
  };
}
