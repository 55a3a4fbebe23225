import { useQuery } from '@tanstack/react-query';
import { BellRing } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../../components/ui/button';
import { useNotifyTargets, useWatchActions } from '../../../components/ui/use-watches';
import { WatchForm, WatchLines } from '../../../components/ui/watch-control';
import { memoryQueries, watchesOf } from '../../../job/memory-queries';
import type { ZoneChoice } from '../../../job/time';
import type { LookupTarget } from '../../../lib/api-error';

/**
 * "Watch": the server follows the job and posts to a destination when it ends. Absent when
 * the server has no destination (watching is off); a finished job offers no new watch, but
 * still says what its watch posted.
 */
export function JobWatch({
  target,
  finished,
  zone,
}: {
  target: LookupTarget;
  finished: boolean;
  zone: ZoneChoice;
}) {
  const targets = useNotifyTargets();
  const watches = useQuery({ ...memoryQueries.watches(), enabled: targets.length > 0 });
  const actions = useWatchActions();
  const [open, setOpen] = useState(false);
  if (targets.length === 0) return null;
  const mine = watchesOf(watches.data?.watches ?? [], target);
  const active = mine.find((watch) => watch.state === 'active');
  const shown = active ?? mine[0];
  return (
    <div className="flex flex-wrap items-center gap-2" data-job-watch>
      {shown ? (
        <WatchLines
          watch={shown}
          zone={zone}
          busy={actions.busy}
          onStop={() => actions.stop([shown.id])}
        />
      ) : null}
      {!finished && !active ? (
        open ? (
          <WatchForm
            targets={targets}
            busy={actions.busy}
            submitText="Start watching"
            onSubmit={(name, subJobFailures) => {
              actions.start([target], name, subJobFailures);
              setOpen(false);
            }}
            onCancel={() => setOpen(false)}
          />
        ) : (
          <Button size="sm" onClick={() => setOpen(true)}>
            <BellRing className="size-3.5" aria-hidden />
            Watch{shown ? ' again' : ''}: post when it ends
          </Button>
        )
      ) : null}
      {actions.errorText ? (
        <p role="alert" className="basis-full text-sm text-status-failed">
          {actions.errorText}
        </p>
      ) : null}
    </div>
  );
}
