import { useEffect, useRef } from 'react';
import { isFinal, type StatusKind } from '../../../common/job-status';
import { STATUS_LABEL } from '../../job/status';
import { useNotificationPermission } from '../../lib/use-notification-permission';

/**
 * A desktop notification when this job ends, on request. While it is requested the page keeps
 * polling in a hidden tab (more slowly); see the polling policy.
 */
export function useEndNotification(status: StatusKind | undefined, describe: () => string) {
  const permission = useNotificationPermission();
  const { state, markSent } = permission;
  const describeRef = useRef(describe);
  useEffect(() => {
    describeRef.current = describe;
  });

  useEffect(() => {
    if (state !== 'on' || status === undefined || !isFinal(status)) return;
    new Notification(`SFS Turbo job ${STATUS_LABEL[status].toLowerCase()}`, {
      body: describeRef.current(),
      tag: 'sfs-turbo-job',
    });
    // Sent once: the job cannot end twice.
    queueMicrotask(markSent);
  }, [state, status, markSent]);

  return permission;
}
