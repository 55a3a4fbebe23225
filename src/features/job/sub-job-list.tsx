import { StatusBadge } from '../../components/ui/status-badge';
import type { SubJob } from '../../lib/job-schema';
import type { ZoneChoice } from '../../lib/time';
import { FailureReason } from './failure-reason';
import { DurationText } from './job-summary';
import { JobTypeText } from './job-type-text';
import { TimeText } from './time-text';

export function SubJobList({ subJobs, zone, now }: { subJobs: SubJob[] | undefined; zone: ZoneChoice; now: number }) {
  if (subJobs === undefined) {
    return <p className="text-sm text-ink-muted">This job reports no sub-jobs.</p>;
  }
  if (subJobs.length === 0) {
    return <p className="text-sm text-ink-muted">This job has an empty sub-job list.</p>;
  }
  return (
    <ol className="divide-y divide-line rounded-card border border-line bg-panel" aria-label="Sub-jobs">
      {subJobs.map((sub, index) => (
        <li key={sub.job_id ? `${sub.job_id}-${index}` : index} className="p-4" data-sub-job-id={sub.job_id}>
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={sub.status} size="sm" />
            <JobTypeText raw={sub.job_type} />
            <code className="font-mono text-xs text-ink-muted break-all">{sub.job_id}</code>
          </div>
          <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
            <div>
              <dt className="inline text-ink-muted">Begin </dt>
              <dd className="inline">
                <TimeText raw={sub.begin_time} zone={zone} missing="not started" />
              </dd>
            </div>
            <div>
              <dt className="inline text-ink-muted">End </dt>
              <dd className="inline">
                <TimeText raw={sub.end_time} zone={zone} missing="—" />
              </dd>
            </div>
            <div>
              <dt className="inline text-ink-muted">Duration </dt>
              <dd className="inline">
                <DurationText job={sub} now={now} />
              </dd>
            </div>
          </dl>
          <FailureReason code={sub.error_code} reason={sub.fail_reason} />
        </li>
      ))}
    </ol>
  );
}
