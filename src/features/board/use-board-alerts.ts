import { useCallback, useEffect, useRef, useState } from 'react';
import type { BoardCounts } from './board-counts';

export type NotifyState = 'unsupported' | 'off' | 'on' | 'denied';

/** The desktop-notification permission and the user's opt-in; while on, hidden tabs keep polling. */
export function useNotifyOptIn() {
  const supported = typeof window !== 'undefined' && 'Notification' in window;
  const [state, setState] = useState<NotifyState>(() =>
    !supported ? 'unsupported' : Notification.permission === 'denied' ? 'denied' : 'off',
  );
  const request = useCallback(async () => {
    if (!supported) return;
    const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
    setState(permission === 'granted' ? 'on' : permission === 'denied' ? 'denied' : 'off');
  }, [supported]);
  const cancel = useCallback(() => setState((current) => (current === 'on' ? 'off' : current)), []);
  return { state, request, cancel, requested: state === 'on' };
}

/**
 * While opted in: a notification when one more job fails, and one when every job has ended.
 * Counts seen before opting in do not notify (only what happens afterwards is news).
 */
export function useBoardAlerts(on: boolean, counts: BoardCounts, title: string): void {
  const seen = useRef({ failed: counts.counts.failed, allFinished: counts.allFinished });
  useEffect(() => {
    const before = seen.current;
    seen.current = { failed: counts.counts.failed, allFinished: counts.allFinished };
    if (!on) return;
    const name = title || 'Incident board';
    if (counts.counts.failed > before.failed) {
      new Notification(`A job failed: ${name}`, { body: `${counts.counts.failed} of ${counts.total} jobs failed`, tag: 'sfs-turbo-board-failed' });
    }
    if (counts.allFinished && !before.allFinished) {
      new Notification(`All jobs ended: ${name}`, { body: `${counts.total} jobs, nothing will change any more`, tag: 'sfs-turbo-board-ended' });
    }
  }, [on, counts, title]);
}
