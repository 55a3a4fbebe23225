import { useQuery } from '@tanstack/react-query';
import { Archive } from 'lucide-react';
import { memo } from 'react';
import { StatusBadge } from '../../components/ui/status-badge';
import { useNotifyTargets, useWatchActions } from '../../components/ui/use-watches';
import { WatchLines } from '../../components/ui/watch-control';
import { lastSeenStatus, lastSeenText, recordedJob } from '../../job/history-words';
import { memoryQueries, watchesOf } from '../../job/memory-queries';
import type { ZoneChoice } from '../../job/time';
import type { LookupTarget } from '../../lib/api-error';
import { RowType } from './row-facts';

/**
 * The compact record of a job the cloud no longer answers for, when the dashboard's server saw
 * it: "no longer answered · last seen Failed at …", with the recorded type. Nothing otherwise.
 */
export const RowRecord = memo(function RowRecord({
  target,
  zone,
}: {
  target: LookupTarget;
  zone: ZoneChoice;
}) {
  const history = useQuery(memoryQueries.history(target)).data;
  if (!history) return null;
  const job = recordedJob(history)?.job;
  return (
    <p
      className="mt-0.5 flex flex-wrap items-center gap-x-2 rounded-md border border-dashed border-status-waiting bg-status-waiting-soft px-2 py-0.5 text-sm"
      data-row-record
    >
      <Archive className="size-3.5 shrink-0" aria-hidden />
      <span className="font-semibold">No longer answered</span>
      <span>· last seen {lastSeenText(history, zone)}</span>
      <StatusBadge status={lastSeenStatus(history)} size="sm" spin={false} />
      {job ? <RowType raw={job.job_type} /> : null}
      <span className="text-xs text-ink-muted">(a record, not live)</span>
    </p>
  );
});

/** This row's watch, when it has one: what it does, what it posted, and "Stop watching". */
export const RowWatch = memo(function RowWatch({
  target,
  zone,
}: {
  target: LookupTarget;
  zone: ZoneChoice;
}) {
  const targets = useNotifyTargets();
  const watches = useQuery({ ...memoryQueries.watches(), enabled: targets.length > 0 });
  const actions = useWatchActions();
  const watch = watchesOf(watches.data?.watches ?? [], target)[0];
  if (!watch) return null;
  return (
    <div className="text-xs" data-row-watch>
      <WatchLines
        watch={watch}
        zone={zone}
        busy={actions.busy}
        onStop={() => actions.stop([watch.id])}
      />
      {actions.errorText ? (
        <span role="alert" className="ml-2 text-status-failed">
          {actions.errorText}
        </span>
      ) : null}
    </div>
  );
});
