import type { PollState } from '../../job/polling';
import { formatDuration } from '../../job/time';
import type { ApiError } from '../../lib/api-error';

export interface PollWordsContext {
  now: number;
  /** The latest failed attempt, if the latest attempt failed. */
  error: ApiError | null;
  /** Whether good data is on screen (then a failure is a failed refresh, not a failed lookup). */
  hasData: boolean;
  /** How long the request in flight has been waiting for its answer, if one is. */
  inFlightMs: number | undefined;
}

/** "500 SFS.TURBO.0005", "no answer PROXY.UPSTREAM_UNREACHABLE": what the failure was, briefly. */
export function failureBrief(error: ApiError): string {
  return [error.status === 0 ? 'no answer' : String(error.status), error.code]
    .filter(Boolean)
    .join(' ');
}

/**
 * The polling state in words, as the freshness stamp says it: what the page is doing now,
 * not only what it intends (an answer slower than the interval is said to be awaited).
 */
export function pollStateWords(state: PollState, context: PollWordsContext): string {
  const { now, error } = context;
  switch (state.mode) {
    case 'polling': {
      const waited = context.inFlightMs;
      if (waited !== undefined && waited >= state.intervalMs) {
        return `waiting for an answer, ${Math.floor(waited / 1000)} s so far`;
      }
      return `refreshing every ${formatDuration(state.intervalMs)}`;
    }
    case 'stopped':
      return state.reason === 'finished' ? 'stopped: job finished' : 'stopped: the lookup failed';
    case 'paused-hidden':
      return 'paused while this tab is hidden';
    case 'retrying': {
      const due = (error?.at ?? now) + state.delayMs;
      const seconds = Math.max(0, Math.ceil((due - now) / 1000));
      const what = `${context.hasData ? 'last refresh failed' : 'lookup failed'}${error ? `: ${failureBrief(error)}` : ''}`;
      return seconds > 0 ? `${what}, retrying in ${seconds} s` : `${what}, retrying now`;
    }
  }
}
