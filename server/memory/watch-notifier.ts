import { buildMessage, eventKey, type Notifier as Deliveries } from './notify/index.ts';
import type { Notifier, WatchEvent } from './watcher.ts';

const SUB_JOB_FAILED = 'sub-job-failed:';

/**
 * What a watch saw, as a message recorded for its destination: the watcher's events become
 * the notification engine's deliveries (one per event and destination, whichever replica
 * sees it, however often).
 */
export function watchNotifier(
  deliveries: Pick<Deliveries, 'enqueue'>,
  publicUrl: string | undefined,
  now: () => number = Date.now,
): Notifier {
  return {
    async eventSeen(watch, event: WatchEvent) {
      const { key } = event;
      const subJobId = key.startsWith(SUB_JOB_FAILED)
        ? key.slice(SUB_JOB_FAILED.length)
        : undefined;
      const whole = key === 'ended' || key === 'gone' || key === 'expired' ? key : undefined;
      const message = buildMessage({
        event: whole ?? 'sub-job-failed',
        body: event.body,
        region: watch.region,
        projectId: watch.projectId,
        jobId: watch.jobId,
        ...(subJobId === undefined ? {} : { subJobId }),
        publicUrl,
        at: now(),
        watchedBy: watch.createdBy,
      });
      await deliveries.enqueue({
        watchId: watch.id,
        eventKey: whole ? eventKey[whole] : eventKey.subJobFailed(subJobId ?? ''),
        target: watch.target,
        message,
      });
    },
  };
}
