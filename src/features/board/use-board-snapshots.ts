import { useQueries } from '@tanstack/react-query';
import type { Job } from '../../job/job-schema';
import type { ApiError, LookupTarget } from '../../lib/api-error';
import { boardJobReader } from './board-query';

export interface JobSnapshot {
  /** The job as last answered; not when or how (time, request ID): those change every poll. */
  data: { job: Job } | undefined;
  error: ApiError | null;
}

/**
 * What the board's rows hold right now, without a request or a timer of its own. A poll that
 * brings the same job again changes nothing here (the combined result is compared deeply and
 * kept), so the header and the axis re-render only when a job did change: with 40 running jobs
 * polled about once a second, most answers are the same job at a later time.
 */
export function useBoardSnapshots(targets: readonly LookupTarget[]): JobSnapshot[] {
  return useQueries({
    queries: targets.map((target) => boardJobReader(target)),
    combine: (results) =>
      results.map(({ data, error, failureReason }) => ({
        data: data && { job: data.job },
        error: failureReason ?? error,
      })),
  });
}
