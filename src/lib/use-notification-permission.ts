import { useCallback, useState } from 'react';

/** `sent`: the one notification a page promised has gone out; nothing more to ask for. */
export type NotifyState = 'unsupported' | 'off' | 'on' | 'denied' | 'sent';

/**
 * The desktop-notification permission and the user's opt-in, for any page that offers "tell
 * me when…". While `requested`, callers keep polling in a hidden tab.
 *
 * `deniedAtOnce`: say at once that the site blocks notifications (the board, whose button is
 * the reason to open it) rather than only after someone asks (the job page, opened many times
 * a day, where the note would otherwise stand on every page).
 */
export function useNotificationPermission({
  deniedAtOnce = false,
}: { deniedAtOnce?: boolean } = {}) {
  const supported = typeof window !== 'undefined' && 'Notification' in window;
  const [state, setState] = useState<NotifyState>(() =>
    !supported
      ? 'unsupported'
      : deniedAtOnce && Notification.permission === 'denied'
        ? 'denied'
        : 'off',
  );
  const request = useCallback(async () => {
    if (!supported) return;
    const permission =
      Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
    setState(permission === 'granted' ? 'on' : permission === 'denied' ? 'denied' : 'off');
  }, [supported]);
  /**
   * Reads the permission again, after the user changed it in the site settings (no event
   * says so in every browser): unblocked, the offer to notify comes back.
   */
  const recheck = useCallback((): NotifyState => {
    if (!supported) return 'unsupported';
    const next: NotifyState = Notification.permission === 'denied' ? 'denied' : 'off';
    setState((current) => (current === 'denied' ? next : current));
    return next;
  }, [supported]);
  const cancel = useCallback(() => setState((current) => (current === 'on' ? 'off' : current)), []);
  const markSent = useCallback(() => setState('sent'), []);
  return { state, request, recheck, cancel, markSent, requested: state === 'on' };
}

export type NotificationPermissionState = ReturnType<typeof useNotificationPermission>;
