import { parseApiTime } from '../../../common/api-time';
import { statusKind } from '../../../common/job-status';
import type { Job } from '../../job/job-schema';

export interface DigestItem {
  /** Position in `sub_jobs`, for the row's DOM id. */
  index: number;
  id: string | undefined;
  /** The ID a `?sub=` link can name: present, non-empty and not a repeat of an earlier one. */
  linkId: string | undefined;
  code: string | undefined;
}

/** Every failed sub-job, by begin time (as the timeline orders rows), ties and unknown times last in list order. */
export function failedSubJobs(job: Job): DigestItem[] {
  const subJobs = job.sub_jobs ?? [];
  const firstIndexOf = new Map<string, number>();
  subJobs.forEach((sub, index) => {
    if (sub.job_id?.trim() && !firstIndexOf.has(sub.job_id)) firstIndexOf.set(sub.job_id, index);
  });
  return subJobs
    .map((sub, index) => ({ sub, index, begin: parseApiTime(sub.begin_time) }))
    .filter(({ sub }) => statusKind(sub.status) === 'failed')
    .sort((a, b) => {
      const am = a.begin.kind === 'ok' ? a.begin.ms : Number.POSITIVE_INFINITY;
      const bm = b.begin.kind === 'ok' ? b.begin.ms : Number.POSITIVE_INFINITY;
      return am === bm ? a.index - b.index : am - bm;
    })
    .map(({ sub, index }) => ({
      index,
      id: sub.job_id,
      linkId:
        sub.job_id !== undefined && firstIndexOf.get(sub.job_id) === index ? sub.job_id : undefined,
      code: sub.error_code?.trim() ? sub.error_code : undefined,
    }));
}
