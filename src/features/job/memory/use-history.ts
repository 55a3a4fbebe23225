import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { Job } from '../../../job/job-schema';
import { historySignature, memoryQueries } from '../../../job/memory-queries';
import type { LookupTarget } from '../../../lib/api-error';

/** The server writes an observation after it has answered: the history follows a moment later. */
const AFTER_CHANGE_MS = 1_500;
/** Asked again this many times while the server has nothing yet for a job on screen. */
const EMPTY_RETRIES = 3;

/**
 * What the server saw of the job, asked again when the job's answer changes (status, codes,
 * sub-job states), never on a poll that brought nothing new. `job` is the live answer, or
 * undefined when there is none (the record of a job the cloud forgot does not change).
 */
export function useHistory(target: LookupTarget, job: Job | undefined) {
  const options = memoryQueries.history(target);
  const query = useQuery({
    ...options,
    // The job on screen was just asked for: its first observation may not be written yet.
    refetchInterval: (q) =>
      job !== undefined && q.state.data === null && q.state.dataUpdateCount <= EMPTY_RETRIES
        ? AFTER_CHANGE_MS
        : false,
  });
  const signature = historySignature(job);
  const seen = useRef(signature);
  const { refetch } = query;
  useEffect(() => {
    if (signature === seen.current) return;
    seen.current = signature;
    const timer = setTimeout(() => void refetch(), AFTER_CHANGE_MS);
    return () => clearTimeout(timer);
  }, [signature, refetch]);
  return query;
}
