import { useCallback, useEffect, useRef, useState } from 'react';
import { isFinal, STATUS_LABEL, type StatusKind } from '../../job/status';

export type NotifyState = 'unsupported' | 'off' | 'on' | 'denied' | 'sent';

/**
 * A desktop notification when this job ends, on request. While it is requested the page keeps
 * polling in a hidden tab (more slowly); see the polling policy.
 */
export function useEndNotification(status: StatusKind | undefined, describe: () => string) {
  const supported = typeof window !== 'undefined' && 'Notification' in window;
  // 'denied' only once the user asked on this page: a site that blocks notifications is told
  // so when someone wants one, not on every job page they open.
  const [state, setState] = useState<NotifyState>(() => (supported ? 'off' : 'unsupported'));
  const describeRef = useRef(describe);
  useEffect(() => {
    describeRef.current = describe;
  });

  const request = useCallback(async () => {
    if (!supported) return;
    const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
    setState(permission === 'granted' ? 'on' : permission === 'denied' ? 'denied' : 'off');
  }, [supported]);

  const cancel = useCallback(() => setState((current) => (current === 'on' ? 'off' : current)), []);

  useEffect(() => {
    if (state !== 'on' || status === undefined || !isFinal(status)) return;
    new Notification(`SFS Turbo job ${STATUS_LABEL[status].toLowerCase()}`, { body: describeRef.current(), tag: 'sfs-turbo-job' });
    // Sent once: the job cannot end twice.
    queueMicrotask(() => setState('sent'));
  }, [state, status]);

  return { state, request, cancel, requested: state === 'on' };
}
