import { useQuery } from '@tanstack/react-query';
import { BellRing } from 'lucide-react';
import { useState } from 'react';
import { isFinal, statusKind } from '../../../common/job-status';
import { Button } from '../../components/ui/button';
import { useNotifyTargets, useWatchActions } from '../../components/ui/use-watches';
import { WatchForm } from '../../components/ui/watch-control';
import { memoryQueries, watchesOf } from '../../job/memory-queries';
import type { LookupTarget } from '../../lib/api-error';
import type { JobSnapshot } from './use-board-snapshots';

/**
 * "Watch all": one choice of destination for every job of the board still running or waiting
 * and not yet watched (an incident's jobs go to one channel); each row then says its own watch.
 * Absent when the server has no destination, or when nothing is left to watch.
 */
export function BoardWatch({
  jobs,
  snapshots,
}: {
  jobs: readonly LookupTarget[];
  snapshots: readonly JobSnapshot[];
}) {
  const targets = useNotifyTargets();
  const watches = useQuery({ ...memoryQueries.watches(), enabled: targets.length > 0 });
  const actions = useWatchActions();
  const [open, setOpen] = useState(false);
  if (targets.length === 0) return null;
  const all = watches.data?.watches ?? [];
  const watched = jobs.filter((job) =>
    watchesOf(all, job).some((watch) => watch.state === 'active'),
  );
  const toWatch = jobs.filter((job, index) => {
    const status = snapshots[index]?.data?.job.status;
    return status !== undefined && !isFinal(statusKind(status)) && !watched.includes(job);
  });
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-board-watch>
      {watched.length > 0 ? (
        <span className="inline-flex items-center gap-1">
          <BellRing className="size-3.5" aria-hidden />
          Watching {watched.length} of {jobs.length} {jobs.length === 1 ? 'job' : 'jobs'} on the
          server
        </span>
      ) : null}
      {toWatch.length > 0 ? (
        open ? (
          <WatchForm
            targets={targets}
            busy={actions.busy}
            submitText={`Watch ${toWatch.length} unfinished`}
            onSubmit={(name, subJobFailures) => {
              actions.start(toWatch, name, subJobFailures);
              setOpen(false);
            }}
            onCancel={() => setOpen(false)}
          />
        ) : (
          <Button size="sm" onClick={() => setOpen(true)}>
            <BellRing className="size-3.5" aria-hidden />
            Watch all unfinished ({toWatch.length}): post when each ends
          </Button>
        )
      ) : null}
      {actions.errorText ? (
        <p role="alert" className="basis-full text-status-failed">
          {actions.errorText}
        </p>
      ) : null}
    </div>
  );
}
