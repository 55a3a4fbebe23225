import { useMemo } from 'react';
import { StatusIcon } from '../../components/ui/status-badge';
import { boardAxis } from '../../job/axis';
import { boardRef } from '../../job/board-link';
import { jobTypeLabel } from '../../job/job-types';
import { STATUS_LABEL } from '../../job/status';
import { statusTone } from '../../job/status-tone';
import type { ZoneChoice } from '../../job/time';
import type { LookupTarget } from '../../lib/api-error';
import { cn } from '../../lib/cn';
import { useNow } from '../../lib/use-now';
import { useBoardSnapshots } from './use-board-snapshots';

/** The incident on one time axis: a bar per job, its sub-jobs within, running jobs up to "now". */
export function BoardTimeline({ jobs, zone }: { jobs: readonly LookupTarget[]; zone: ZoneChoice }) {
  const snapshots = useBoardSnapshots(jobs);
  const items = useMemo(
    () =>
      jobs.flatMap((target, index) => {
        const job = snapshots[index]?.data?.job;
        return job ? [{ key: boardRef(target), job, target, position: index + 1 }] : [];
      }),
    [jobs, snapshots],
  );
  const live = items.some(({ job }) => job.end_time === undefined && job.begin_time !== undefined);
  const now = useNow(live, 5_000);
  const axis = useMemo(() => boardAxis(items, now, zone), [items, now, zone]);
  return (
    <section
      aria-labelledby="board-axis-title"
      className="rounded-card border border-line bg-panel p-3"
    >
      <h2 id="board-axis-title" className="text-sm font-semibold">
        One time axis for the incident
      </h2>
      {!axis ? (
        <p className="text-sm text-ink-muted">No job on the board has begun yet.</p>
      ) : (
        <div className="mt-2 grid grid-cols-[minmax(0,9rem)_minmax(0,1fr)] gap-x-2 gap-y-1 text-xs">
          <span />
          <div className="relative h-4 text-ink-muted" aria-hidden>
            {axis.ticks.map((tick, index) => (
              <span
                key={tick.pct}
                className={cn(
                  'absolute whitespace-nowrap',
                  index === 0
                    ? 'left-0'
                    : index === axis.ticks.length - 1
                      ? 'right-0'
                      : 'hidden -translate-x-1/2 md:inline',
                )}
                style={
                  index === 0 || index === axis.ticks.length - 1
                    ? undefined
                    : { left: `${tick.pct}%` }
                }
              >
                {index === 0 || index === axis.ticks.length - 1 || tick.pct === 50
                  ? tick.label
                  : ''}
              </span>
            ))}
          </div>
          {items.map(({ key, target, job, position }) => {
            const bar = axis.bars.get(key);
            return (
              <div key={key} className="contents">
                <span className="flex min-w-0 items-center gap-1" title={target.jobId}>
                  {bar ? <StatusIcon kind={bar.status} spin={false} className="size-3.5" /> : null}
                  <span className="truncate">
                    {position}. {jobTypeLabel(job.job_type) ?? job.job_type ?? target.jobId}
                  </span>
                  {bar ? <span className="sr-only">{STATUS_LABEL[bar.status]}</span> : null}
                </span>
                <div className="relative h-4 rounded-sm bg-surface" data-axis-row={key}>
                  {bar ? (
                    <div
                      className={cn(
                        'absolute top-0 h-full rounded-sm border',
                        statusTone({ look: 'bar', kind: bar.status }),
                      )}
                      style={{ left: `${bar.left}%`, width: `${bar.width}%` }}
                      data-axis-bar={bar.status}
                    >
                      {bar.subs.map((sub, index) => (
                        <span
                          key={index}
                          className={cn(
                            'absolute top-1 h-1.5 rounded-full opacity-80',
                            statusTone({ look: 'fill', kind: sub.status }),
                          )}
                          style={{
                            left: `${((sub.left - bar.left) / bar.width) * 100}%`,
                            width: `${(sub.width / bar.width) * 100}%`,
                          }}
                        />
                      ))}
                    </div>
                  ) : (
                    <span className="absolute inset-0 pl-1 text-ink-muted">not begun</span>
                  )}
                  {axis.nowPct !== undefined ? (
                    <span
                      className="absolute top-0 h-full border-l-2 border-dashed border-ink"
                      style={{ left: `${axis.nowPct}%` }}
                      aria-hidden
                    />
                  ) : null}
                </div>
              </div>
            );
          })}
          {axis.nowPct !== undefined ? (
            <p className="col-span-2 text-ink-muted">
              The dashed line is now; running jobs reach it.
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}
