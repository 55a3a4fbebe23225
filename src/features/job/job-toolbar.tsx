import { Bell, BellOff } from 'lucide-react';
import { NotificationsBlocked } from '../../components/notifications-blocked';
import { Button } from '../../components/ui/button';
import type { NotifyState } from '../../lib/use-notification-permission';

export function NotifyButton({
  state,
  finished,
  onRequest,
  onCancel,
  onRecheck,
}: {
  state: NotifyState;
  finished: boolean;
  onRequest: () => void;
  onCancel: () => void;
  onRecheck: () => NotifyState;
}) {
  if (state === 'unsupported' || (finished && state !== 'sent')) return null;
  if (state === 'sent')
    return <span className="text-sm text-ink-muted print:hidden">Notification sent</span>;
  if (state === 'denied') return <NotificationsBlocked onRecheck={onRecheck} open />;
  return state === 'on' ? (
    <Button size="sm" onClick={onCancel} aria-pressed>
      <BellOff className="size-3.5" aria-hidden />
      Cancel notification
    </Button>
  ) : (
    <Button size="sm" onClick={onRequest}>
      <Bell className="size-3.5" aria-hidden />
      Notify me when it ends
    </Button>
  );
}
