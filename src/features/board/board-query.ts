import { queryOptions } from '@tanstack/react-query';
import { jobQueries } from '../../job/job-queries';
import { fetchJob } from '../../lib/api-client';
import type { LookupTarget } from '../../lib/api-error';
import { createGate } from './concurrency-gate';

/** Requests in flight from the board at once (DESIGN.md, "Polling"). */
export const BOARD_MAX_IN_FLIGHT = 4;

/** One gate for the whole board: rows queue for a place instead of all asking at once. */
export const boardGate = createGate(BOARD_MAX_IN_FLIGHT);

/**
 * The job page's query (same key, so the same cache entry and the same polling rules), with
 * its request passing the board's gate. Opening a job from the board finds it fresh.
 */
export function boardJobQuery(target: LookupTarget, notifyRequested: boolean) {
  const options = jobQueries.detail(target, { notifyRequested });
  return queryOptions({
    ...options,
    queryFn: ({ signal }) => boardGate.run(() => fetchJob(target, signal), signal),
  });
}

/**
 * The same cache entry, read only: the header, the axis and the summary follow the rows'
 * data without a timer of their own (one request per interval per job, however many read it).
 */
export function boardJobReader(target: LookupTarget) {
  return queryOptions({ ...jobQueries.detail(target), enabled: false });
}
