import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { LookupTarget } from '../lib/api-error';
import {
  fetchHistory,
  fetchNotifyTargets,
  fetchWatches,
  type HistoryResponse,
  type Watch,
} from '../lib/memory-api';
import type { Job } from './job-schema';

// The server's memory, read through react-query like the job itself; the code is loaded after
// a page's first paint (this module is no part of a first load).

export const memoryQueries = {
  /**
   * What the server saw of the job. It changes only when the job does, so it is not polled:
   * `useHistory` refreshes it when the job's answer changes (see `historySignature`).
   */
  history: ({ region, projectId, jobId }: LookupTarget) =>
    queryOptions<HistoryResponse | null>({
      queryKey: ['history', region, projectId, jobId] as const,
      queryFn: ({ signal }) => fetchHistory({ region, projectId, jobId }, signal),
      staleTime: Number.POSITIVE_INFINITY,
    }),
  /** The operator's destinations: set at the server's start, they do not change while a page is open. */
  targets: () =>
    queryOptions({
      queryKey: ['notify-targets'] as const,
      queryFn: ({ signal }) => fetchNotifyTargets(signal),
      staleTime: Number.POSITIVE_INFINITY,
    }),
  /** Every watch the server lists; a page filters it to its jobs. */
  watches: () =>
    queryOptions({
      queryKey: ['watches'] as const,
      queryFn: ({ signal }) => fetchWatches(signal),
      // An active watch's delivery is what the page waits to see: asked again while one runs.
      refetchInterval: (query) =>
        query.state.data?.watches.some((watch) => watch.state === 'active') ? 15_000 : false,
    }),
};

/**
 * What of a job's answer the server's history follows (status, codes, sub-job states): the
 * history is asked again when this changes, never on a poll that brought nothing new.
 */
export function historySignature(job: Job | undefined): string {
  if (!job) return '';
  const subJobs = (job.sub_jobs ?? []).map((sub) => `${sub.status ?? ''}:${sub.error_code ?? ''}`);
  return [
    job.status ?? '',
    job.error_code ?? '',
    job.fail_reason ?? '',
    subJobs.sort().join(','),
  ].join('|');
}

/** The watches of one job, newest first (the server lists them so). */
export function watchesOf(watches: readonly Watch[], target: LookupTarget): Watch[] {
  return watches.filter(
    (watch) =>
      watch.region === target.region &&
      watch.projectId === target.projectId &&
      watch.jobId === target.jobId &&
      watch.state !== 'removed',
  );
}

/**
 * The history for a summary made at click time: the one on screen, else asked for now; none
 * when the server keeps no memory or cannot answer (the summary goes without it).
 */
export function historyFor(
  client: QueryClient,
  target: LookupTarget,
): Promise<HistoryResponse | null> {
  return client.ensureQueryData(memoryQueries.history(target)).catch(() => null);
}
