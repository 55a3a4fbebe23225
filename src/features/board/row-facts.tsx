import { TriangleAlert } from 'lucide-react';
import { memo } from 'react';
import { isFinal, statusKind } from '../../../common/job-status';
import { CopyButton } from '../../components/ui/copy-button';
import { JobTypeText } from '../../components/ui/job-type-text';
import { StatusIcon } from '../../components/ui/status-badge';
import { durationOf, type DurationInfo } from '../../job/durations';
import type { Job } from '../../job/job-schema';
import { formatDuration, type ZoneChoice } from '../../job/time';
import { COUNT_WORDS, subJobCounts } from './board-counts';
import { rowTimes, type TimeCell } from './row-times';
import { TickingText } from './ticking-text';

function Time({ cell, missing }: { cell: TimeCell; missing: string }) {
  if (cell.kind === 'missing') return <span className="text-ink-muted">{missing}</span>;
  if (cell.kind === 'invalid') {
    return (
      <span className="inline-flex items-center gap-1 text-status-waiting">
        <TriangleAlert className="size-3.5" aria-hidden />
        <span className="font-mono break-all">{cell.raw}</span> (unrecognised time)
      </span>
    );
  }
  return (
    <time dateTime={cell.iso} className="font-mono whitespace-nowrap">
      {cell.text}
    </time>
  );
}

/** "(12 min 05 s so far)", "(took …)": what a row says of how long its job has run. */
function durationWords(info: Exclude<DurationInfo, { kind: 'unknown' }>): string {
  const text = formatDuration(info.ms);
  if (info.kind === 'elapsed') return `(${text} so far)`;
  return info.kind === 'negative' ? `(${text}, end before begin)` : `(${text})`;
}

/**
 * Duration, ticking on the page's one clock while the job runs, so that every row's time moves
 * in the same second; the clock writes the words itself, and no row re-renders each second.
 */
function Duration({ job }: { job: Job }) {
  const live = !isFinal(statusKind(job.status));
  // The time given does not matter here: neither the kind nor the words of any kind but
  // elapsed depend on it, and elapsed words are the ticking text's.
  const info = durationOf(job, live, 0);
  if (info.kind === 'unknown') return null;
  if (info.kind === 'elapsed') {
    return (
      <TickingText
        words={(now) => {
          const ticked = durationOf(job, live, now);
          return ticked.kind === 'unknown' ? '' : durationWords(ticked);
        }}
      />
    );
  }
  return (
    <span className={info.kind === 'negative' ? 'font-mono text-status-failed' : 'font-mono'}>
      {durationWords(info)}
    </span>
  );
}

/*
 * The parts of a row are memoised: a poll that brings the same job again (the same object, the
 * cache shares what did not change) re-renders the row for its "as of" time, not these.
 */
export const RowTimesText = memo(function RowTimesText({
  job,
  zone,
}: {
  job: Job;
  zone: ZoneChoice;
}) {
  const times = rowTimes(job.begin_time, job.end_time, zone);
  const final = isFinal(statusKind(job.status));
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-1">
      <Time cell={times.begin} missing="not started" />
      <span aria-label="to">→</span>
      <Time cell={times.end} missing={final ? 'end not given' : 'not ended'} />
      <span className="text-ink-muted">{times.zone}</span>
      <Duration job={job} />
    </span>
  );
});

export const SubJobCounts = memo(function SubJobCounts({ job }: { job: Job }) {
  const counts = subJobCounts(job.sub_jobs);
  if (counts.length === 0) return <span className="text-ink-muted">no sub-jobs</span>;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2" aria-label="Sub-jobs">
      <span className="text-ink-muted">sub-jobs</span>
      {counts.map(({ state, count }) => (
        <span key={state} className="inline-flex items-center gap-0.5" data-sub-count={state}>
          {state === 'loading' || state === 'lookup-failed' ? null : (
            <StatusIcon kind={state} spin={false} className="size-3.5" />
          )}
          {count} {COUNT_WORDS[state]}
        </span>
      ))}
    </span>
  );
});

export const RowIds = memo(function RowIds({
  jobId,
  projectId,
}: {
  jobId: string;
  projectId: string;
}) {
  return (
    <span className="flex min-w-0 flex-wrap items-center gap-x-3 text-xs">
      <span className="flex min-w-0 items-center gap-0.5">
        <span className="text-ink-muted">job</span>
        <code className="font-mono break-all">{jobId}</code>
        <CopyButton value={jobId} label={`Copy job ID ${jobId}`} />
      </span>
      <span className="flex min-w-0 items-center gap-0.5">
        <span className="text-ink-muted">project</span>
        <code className="font-mono break-all">{projectId}</code>
        <CopyButton value={projectId} label={`Copy project ID of job ${jobId}`} />
      </span>
    </span>
  );
});

export const RowType = memo(function RowType({ raw }: { raw: string | undefined }) {
  return <JobTypeText raw={raw} />;
});
