import { Bell, BellOff } from 'lucide-react';
import { NotificationsBlocked } from '../../components/notifications-blocked';
import { Button } from '../../components/ui/button';
import { ZoneSwitch } from '../../components/ui/zone-switch';
import type { ZoneChoice } from '../../job/time';
import type { LookupTarget } from '../../lib/api-error';
import type { NotifyState } from '../../lib/use-notification-permission';
import { AddToBoardLink } from './add-to-board-link';

type NotifyProps = Parameters<typeof NotifyButton>[0];

/**
 * The tools above the job's card: add it to the board, be notified when it ends, the time
 * zone. None is needed to paint the job, so they arrive together after the first paint, in
 * one chunk (src/features/job/job-view.tsx).
 */
export function JobToolbar({
  target,
  zone,
  onZone,
  ...notify
}: NotifyProps & {
  target: LookupTarget;
  zone: ZoneChoice;
  onZone: (zone: ZoneChoice) => void;
}) {
  return (
    <>
      <AddToBoardLink target={target} />
      <NotifyButton {...notify} />
      <ZoneSwitch zone={zone} onChange={onZone} />
    </>
  );
}

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
