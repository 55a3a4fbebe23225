import { useQueries } from '@tanstack/react-query';
import type { JobResponse } from '../../lib/api-client';
import type { ApiError, LookupTarget } from '../../lib/api-error';
import { boardJobReader } from './board-query';

export interface JobSnapshot {
  data: JobResponse | undefined;
  error: ApiError | null;
}

/** What the board's rows hold right now, without a request or a timer of its own. */
export function useBoardSnapshots(targets: readonly LookupTarget[]): JobSnapshot[] {
  return useQueries({
    queries: targets.map((target) => boardJobReader(target)),
    combine: (results) =>
      results.map(({ data, error, failureReason }) => ({ data, error: failureReason ?? error })),
  });
}
