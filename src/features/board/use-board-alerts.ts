import { useEffect, useRef } from 'react';
import { useNotificationPermission } from '../../lib/use-notification-permission';
import type { BoardCounts } from './board-counts';

/** The board says at once when the site blocks notifications: the button is why one opens it. */
export const useNotifyOptIn = () => useNotificationPermission({ deniedAtOnce: true });

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
      new Notification(`A job failed: ${name}`, {
        body: `${counts.counts.failed} of ${counts.total} jobs failed`,
        tag: 'sfs-turbo-board-failed',
      });
    }
    if (counts.allFinished && !before.allFinished) {
      new Notification(`All jobs ended: ${name}`, {
        body: `${counts.total} jobs, nothing will change any more`,
        tag: 'sfs-turbo-board-ended',
      });
    }
  }, [on, counts, title]);
}
