import { queryOptions } from '@tanstack/react-query';
import { parseApiTime } from '../../common/api-time';
import { statusKind } from '../../common/job-status';
import { fetchJob, type JobResponse } from '../lib/api-client';
import type { ApiError, JobLookupError, LookupTarget } from '../lib/api-error';
import { pollState, type PollState } from './polling';

export interface PollContext {
  notifyRequested: boolean;
  hidden: boolean;
  /**
   * When the job's age is measured for the interval: the arrival of the last answer (see
   * `lastAnswerAt`), not the clock of the moment, so the interval holds still between answers.
   */
  now: number;
}

/**
 * When the last attempt ended (answer or failure), or `fallback` before the first. React-query
 * starts its interval timer afresh whenever the `refetchInterval` value changes, on any render;
 * an interval computed from the clock of the moment grows by a second between two answers and
 * restarts the wait half-way (10 s after an answer became 7 + 11 s). Measured from the answer,
 * it only changes when an answer arrives, which is when the timer is restarted anyway.
 */
export function lastAnswerAt(
  state: { dataUpdatedAt: number; errorUpdatedAt: number },
  fallback: number,
): number {
  const at = Math.max(state.dataUpdatedAt, state.errorUpdatedAt);
  return at > 0 ? at : fallback;
}

export interface JobQueryState {
  data: JobResponse | undefined;
  error: ApiError | null;
  /** The error of the latest attempt while retries run (react-query's `failureReason`). */
  fetchFailureReason: ApiError | null;
  fetchFailureCount: number;
}

/** Applies the polling rules to a query's current state. */
export function pollStateOf(state: JobQueryState, context: PollContext): PollState {
  const data = state.data;
  const begin = parseApiTime(data?.job.begin_time);
  const error = state.fetchFailureReason ?? state.error ?? null;
  return pollState({
    status: data ? statusKind(data.job.status) : undefined,
    ageMs: begin.kind === 'ok' ? context.now - begin.ms : undefined,
    error,
    failureCount: state.fetchFailureReason ? Math.max(1, state.fetchFailureCount) : error ? 1 : 0,
    hidden: context.hidden,
    notifyRequested: context.notifyRequested,
  });
}

function documentHidden(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'hidden';
}

export const jobQueries = {
  all: () => ['job'] as const,
  detail: (target: LookupTarget, options: { notifyRequested?: boolean } = {}) => {
    const notifyRequested = options.notifyRequested ?? false;
    const { region, projectId, jobId } = target;
    type QueryLike = { state: JobQueryState & { dataUpdatedAt: number; errorUpdatedAt: number } };
    const current = (query: QueryLike, hidden = documentHidden()) =>
      pollStateOf(query.state, {
        notifyRequested,
        hidden,
        now: lastAnswerAt(query.state, Date.now()),
      });
    // Every failure of fetchJob names the job it asked for.
    return queryOptions<
      JobResponse,
      JobLookupError,
      JobResponse,
      readonly ['job', string, string, string]
    >({
      queryKey: [...jobQueries.all(), region, projectId, jobId] as const,
      queryFn: ({ signal }) => fetchJob({ region, projectId, jobId }, signal),
      refetchInterval: (query) => {
        const state = current(query);
        return state.mode === 'polling' ? state.intervalMs : false;
      },
      refetchIntervalInBackground: notifyRequested,
      // Fresh until the next poll is due, and for ever once the job is over: a second page or
      // row reading the same job (the board, then the job page) costs no request.
      staleTime: (query) => {
        const state = current(query);
        if (state.mode === 'polling') return state.intervalMs;
        return state.mode === 'stopped' && state.reason === 'finished'
          ? Number.POSITIVE_INFINITY
          : 0;
      },
      // Back in the tab: refresh at once, unless the job is over or the lookup cannot succeed.
      refetchOnWindowFocus: (query) => {
        const state = current(query, false);
        return state.mode === 'polling' ? 'always' : false;
      },
      refetchOnReconnect: (query) => current(query).mode !== 'stopped',
    });
  },
};
