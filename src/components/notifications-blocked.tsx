import { useState } from 'react';
import type { NotifyState } from '../lib/use-notification-permission';
import { Button } from './ui/button';

/**
 * The site blocks notifications: how to allow them, and a way to see that it worked. Browsers
 * never ask again once blocked, so only the user can lift it, in the site settings. Folded to
 * one line unless `open` (the board says it before anyone asked, in its header row; the job
 * page only once the user asked, so it opens the explanation at once).
 */
export function NotificationsBlocked({
  onRecheck,
  open = false,
}: {
  onRecheck: () => NotifyState;
  open?: boolean;
}) {
  const [still, setStill] = useState(false);
  return (
    <details open={open} className="max-w-md text-sm text-ink-muted print:hidden">
      <summary className="cursor-pointer">Notifications are blocked for this site</summary>
      <p className="mt-1">
        To allow them: the lock or tune icon in the address bar → Notifications → Allow.
      </p>
      <p className="mt-1 flex items-center gap-2">
        <Button size="sm" onClick={() => setStill(onRecheck() === 'denied')}>
          Check again
        </Button>
        <span role="status">{still ? 'Still blocked.' : ''}</span>
      </p>
    </details>
  );
}
