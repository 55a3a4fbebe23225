import { queryOptions } from '@tanstack/react-query';
import { fetchJob, type JobResponse } from '../lib/api-client';
import type { ApiError, JobLookupError, LookupTarget } from '../lib/api-error';
import { pollState, type PollState } from './polling';
import { statusKind } from './status';
import { parseApiTime } from './time';

export interface PollContext {
  notifyRequested: boolean;
  hidden: boolean;
  now: number;
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
    const current = (query: { state: JobQueryState }) =>
      pollStateOf(query.state, { notifyRequested, hidden: documentHidden(), now: Date.now() });
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
        const state = pollStateOf(query.state, { notifyRequested, hidden: false, now: Date.now() });
        return state.mode === 'polling' ? 'always' : false;
      },
      refetchOnReconnect: (query) => current(query).mode !== 'stopped',
    });
  },
};
