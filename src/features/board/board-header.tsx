import { useQuery } from '@tanstack/react-query';
import { Bell, BellOff, CircleCheckBig } from 'lucide-react';
import { useEffect, useMemo } from 'react';
import { NotificationsBlocked } from '../../components/notifications-blocked';
import { Button } from '../../components/ui/button';
import { SimulatedMark } from '../../components/ui/simulated-mark';
import { StatusIcon } from '../../components/ui/status-badge';
import { ZoneSwitch } from '../../components/ui/zone-switch';
import { tabWord, useFavicon } from '../../job/tab-status';
import type { ZoneChoice } from '../../job/time';
import type { LookupTarget } from '../../lib/api-error';
import { regionsQuery } from '../../lib/regions-query';
import { boardCounts, COUNT_WORDS, rowSnapshot, WORST_FIRST } from './board-counts';
import { BoardWatch } from './board-watch';
import { useBoardAlerts, type useNotifyOptIn } from './use-board-alerts';
import { useBoardSnapshots } from './use-board-snapshots';

function boardTabTitle(title: string, worst: string | undefined): string {
  return `${worst ? `${worst} · ` : ''}${title || 'Incident board'} · SFS Turbo jobs`;
}

/** Title, counts per status, "all finished", the worst state in the tab; follows every poll. */
export function BoardHeader({
  title,
  jobs,
  invalid,
  zone,
  onZone,
  notify,
}: {
  title: string;
  jobs: readonly LookupTarget[];
  invalid: number;
  zone: ZoneChoice;
  onZone: (zone: ZoneChoice) => void;
  notify: ReturnType<typeof useNotifyOptIn>;
}) {
  const snapshots = useBoardSnapshots(jobs);
  const simulated = useQuery(regionsQuery).data?.simulated ?? false;
  const counts = useMemo(
    () => boardCounts(snapshots.map(({ data, error }) => rowSnapshot(data, error))),
    [snapshots],
  );
  const worst = counts.worst;
  useFavicon(worst ?? 'loading');
  useEffect(() => {
    document.title = boardTabTitle(title, worst && tabWord(worst));
  }, [title, worst]);
  useBoardAlerts(notify.requested, counts, title);

  return (
    <header className="space-y-1">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex min-w-0 flex-wrap items-center gap-3">
          <h1 className="min-w-0 text-xl font-semibold break-words" id="board-title">
            {title || 'Incident board'}
          </h1>
          {/* On the board itself: its PNG and ticket view leave the page header out. */}
          {simulated ? <SimulatedMark /> : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {notify.state === 'on' ? (
            <Button size="sm" onClick={notify.cancel} aria-pressed>
              <BellOff className="size-3.5" aria-hidden /> Stop notifications
            </Button>
          ) : notify.state === 'off' && !counts.allFinished ? (
            <Button size="sm" onClick={() => void notify.request()}>
              <Bell className="size-3.5" aria-hidden /> Notify me when a job fails or all end
            </Button>
          ) : notify.state === 'denied' ? (
            <NotificationsBlocked onRecheck={notify.recheck} />
          ) : null}
          <BoardWatch jobs={jobs} snapshots={snapshots} />
          <ZoneSwitch zone={zone} onChange={onZone} />
        </div>
      </div>
      <p
        className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm"
        role="status"
        data-testid="board-counts"
      >
        <span>
          {counts.total} {counts.total === 1 ? 'job' : 'jobs'}
          {invalid > 0 ? `, ${invalid} not understood` : ''}:
        </span>
        {WORST_FIRST.filter((state) => counts.counts[state] > 0).map((state) => (
          <span key={state} className="inline-flex items-center gap-1" data-count={state}>
            {state === 'loading' || state === 'lookup-failed' ? null : (
              <StatusIcon kind={state} spin={false} className="size-3.5" />
            )}
            {counts.counts[state]} {COUNT_WORDS[state]}
          </span>
        ))}
        {counts.allFinished ? (
          <span className="inline-flex items-center gap-1 font-semibold" data-all-finished>
            <CircleCheckBig className="size-4" aria-hidden /> All finished: nothing on this board
            will change any more
          </span>
        ) : null}
      </p>
    </header>
  );
}
