import { memo, Suspense, type ReactNode } from 'react';
import { parseApiTime } from '../../../common/api-time';
import { statusKind, isFinal } from '../../../common/job-status';
import { AgoText } from '../../components/ui/ago-text';
import { CopyButton } from '../../components/ui/copy-button';
import { JobOwnCode } from '../../components/ui/job-own-code';
import { JobTypeText } from '../../components/ui/job-type-text';
import { SimulatedMark } from '../../components/ui/simulated-mark';
import { StatusBadge } from '../../components/ui/status-badge';
import { TimeText } from '../../components/ui/time-text';
import { durationOf } from '../../job/durations';
import { firstFailure } from '../../job/first-failure';
import type { Job } from '../../job/job-schema';
import { formatDuration, type ZoneChoice } from '../../job/time';
import type { LookupTarget } from '../../lib/api-error';
import { cn } from '../../lib/cn';
import { lazyComponent } from '../../lib/on-demand';
import { FailureReason } from './failure-reason';
import { PermalinkField } from './ticket/permalink-field';
import { WaitingSince } from './waiting-since';

// Notes on a failed or odd job, below its status and reason: not needed to paint them (decision 0006).
const JobNotes = lazyComponent(
  () => import('./job-notes'),
  (module) => module.JobNotes,
);

function Field({
  label,
  children,
  className,
}: {
  label: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-ink-muted uppercase">{label}</dt>
      <dd className={cn('mt-0.5 text-sm', className)}>{children}</dd>
    </div>
  );
}

function IdField({ label, value }: { label: string; value: string }) {
  return (
    <Field label={label}>
      <span className="flex items-center gap-1">
        <code className="font-mono break-all">{value}</code>
        <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
      </span>
    </Field>
  );
}

export function DurationText({
  job,
  now,
}: {
  job: Pick<Job, 'begin_time' | 'end_time' | 'status'>;
  now: number;
}) {
  const kind = statusKind(job.status);
  const info = durationOf(job, !isFinal(kind), now);
  switch (info.kind) {
    case 'finished':
      return <span className="font-mono">{formatDuration(info.ms)}</span>;
    case 'elapsed':
      return <span className="font-mono">{formatDuration(info.ms)} so far</span>;
    case 'negative':
      return (
        <span className="font-mono text-status-failed">
          {formatDuration(info.ms)} (end before begin)
        </span>
      );
    default:
      return <span className="text-ink-muted">—</span>;
  }
}

/** Begin, end and duration, with how long ago and how long a waiting job has waited. */
function TimeFields({
  job,
  zone,
  now,
  firstSeenAt,
}: {
  job: Job;
  zone: ZoneChoice;
  now: number;
  firstSeenAt: number | undefined;
}) {
  const kind = statusKind(job.status);
  const begin = parseApiTime(job.begin_time);
  const end = parseApiTime(job.end_time);
  return (
    <>
      {/* Two lines are kept for "not started · waiting at least … (first seen …)" in every state:
          the row does not shrink when the job starts (or ends) and the note gives way. */}
      <Field label="Begin" className="min-h-[2lh]">
        <TimeText raw={job.begin_time} zone={zone} missing="not started" />
        {begin.kind === 'ok' && end.kind !== 'ok' ? (
          <AgoText at={begin.ms} prefix="began " zone={zone} />
        ) : null}
        {begin.kind === 'missing' && kind === 'waiting' && firstSeenAt !== undefined ? (
          <WaitingSince firstSeenAt={firstSeenAt} zone={zone} />
        ) : null}
      </Field>
      <Field label="End">
        <TimeText
          raw={job.end_time}
          zone={zone}
          missing={isFinal(kind) ? 'not given' : 'not ended'}
        />
        {end.kind === 'ok' ? <AgoText at={end.ms} prefix="ended " zone={zone} /> : null}
      </Field>
      <Field label="Duration">
        <DurationText job={job} now={now} />
      </Field>
    </>
  );
}

/**
 * The job's first failure and where it came from. Memoised on the job object, like `JobNotes`:
 * finding it reads every sub-job, and the card re-renders every second while the job is live.
 */
const FirstFailure = memo(function FirstFailure({ job }: { job: Job }) {
  const failure = firstFailure(job);
  if (!failure) return null;
  return (
    <FailureReason
      code={failure.code}
      reason={failure.reason}
      source={
        failure.subJob ? (
          <>
            <span className="font-medium tracking-wide uppercase">First failure</span> in sub-job{' '}
            <code className="font-mono break-all">
              {failure.subJob.id ?? `#${failure.subJob.index + 1}`}
            </code>
            {failure.jobOwn ? <JobOwnCode code={failure.jobOwn.code} /> : null}
          </>
        ) : undefined
      }
    />
  );
});

export function JobSummary({
  job,
  target,
  regionName,
  requestId,
  zone,
  now,
  permalink,
  simulated,
  firstSeenAt,
}: {
  job: Job;
  target: LookupTarget;
  regionName: string | undefined;
  requestId: string | undefined;
  zone: ZoneChoice;
  now: number;
  permalink: string;
  simulated: boolean;
  /** When this browser first saw the job, for how long a waiting job has waited at least. */
  firstSeenAt: number | undefined;
}) {
  return (
    <section
      aria-labelledby="job-title"
      data-ticket-card
      className="rounded-card border border-line bg-panel p-5"
    >
      <div className="flex flex-wrap items-center gap-3">
        <StatusBadge status={job.status} size="lg" />
        <h1 id="job-title" className="text-xl font-semibold">
          <JobTypeText raw={job.job_type} />
        </h1>
        {simulated ? <SimulatedMark /> : null}
      </div>
      <dl className="mt-4 grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-3 print:grid-cols-3">
        <Field label="Region">
          {target.region}
          {regionName ? <span className="text-ink-muted"> · {regionName}</span> : null}
        </Field>
        <IdField label="Project ID" value={target.projectId} />
        <IdField label="Job ID" value={target.jobId} />
        <TimeFields job={job} zone={zone} now={now} firstSeenAt={firstSeenAt} />
        <Field label="Lookup request ID, this refresh">
          <code className="font-mono break-all">{requestId ?? '—'}</code>
        </Field>
        {job.job_id !== undefined && job.job_id !== target.jobId ? (
          <Field label="Job ID in answer">
            <code className="font-mono break-all">{job.job_id || '(empty)'}</code>
          </Field>
        ) : null}
        <PermalinkField permalink={permalink} />
      </dl>
      <Suspense fallback={null}>
        <JobNotes job={job} />
      </Suspense>
      <FirstFailure job={job} />
    </section>
  );
}
