import { useState } from 'react';
import type { NotifyState } from '../lib/use-notification-permission';
import { Button } from './ui/button';

/**
 * The site blocks notifications: how to allow them, and a way to see that it worked. Browsers
 * never ask again once blocked, so only the user can lift it, in the site settings.
 */
export function NotificationsBlocked({ onRecheck }: { onRecheck: () => NotifyState }) {
  const [still, setStill] = useState(false);
  return (
    <span className="inline-flex max-w-md flex-wrap items-center gap-x-2 gap-y-1 text-sm text-ink-muted print:hidden">
      <span>
        Notifications are blocked for this site. To allow them: the lock or tune icon in the address
        bar → Notifications → Allow.
      </span>
      <Button size="sm" onClick={() => setStill(onRecheck() === 'denied')}>
        Check again
      </Button>
      <span role="status">{still ? 'Still blocked.' : ''}</span>
    </span>
  );
}
