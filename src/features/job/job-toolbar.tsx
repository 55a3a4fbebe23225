import { Bell, BellOff } from 'lucide-react';
import { Button } from '../../components/ui/button';
import type { NotifyState } from '../../lib/use-notification-permission';

export function NotifyButton({
  state,
  finished,
  onRequest,
  onCancel,
}: {
  state: NotifyState;
  finished: boolean;
  onRequest: () => void;
  onCancel: () => void;
}) {
  if (state === 'unsupported' || (finished && state !== 'sent')) return null;
  if (state === 'sent')
    return <span className="text-sm text-ink-muted print:hidden">Notification sent</span>;
  if (state === 'denied') {
    return (
      <span className="text-sm text-ink-muted print:hidden">
        Notifications are blocked for this site
      </span>
    );
  }
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
