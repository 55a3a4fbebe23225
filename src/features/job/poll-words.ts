import { formatDuration } from '../../lib/time';
import type { PollState } from '../../lib/polling';

/** The polling state in words, as the freshness stamp says it. */
export function pollStateWords(state: PollState, now: number, errorAt: number | undefined): string {
  switch (state.mode) {
    case 'polling':
      return `refreshing every ${formatDuration(state.intervalMs)}`;
    case 'stopped':
      return state.reason === 'finished' ? 'stopped: job finished' : 'stopped: the lookup failed';
    case 'paused-hidden':
      return 'paused while this tab is hidden';
    case 'retrying': {
      const due = (errorAt ?? now) + state.delayMs;
      const seconds = Math.max(0, Math.ceil((due - now) / 1000));
      return seconds > 0 ? `retrying in ${seconds} s after an error` : 'retrying now after an error';
    }
  }
}
