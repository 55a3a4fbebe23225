import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { JOB_ID_PATTERN, PROJECT_ID_PATTERN, REGION_PATTERN } from '../../../common/contract';
import { Button } from '../../components/ui/button';
import { STATUS_LABEL, statusKind } from '../../lib/status';
import { regionsQuery } from '../../lib/regions-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useNow } from '../../lib/use-now';
import { useZone } from '../../lib/use-zone';
import { jobQueries, pollStateOf } from './api';
import { Freshness } from './freshness';
import { JobSummary } from './job-summary';
import { LookupFailure } from './lookup-failure';
import { SubJobList } from './sub-job-list';
import { InvalidTarget } from './invalid-target';

export function JobPage() {
  const params = useParams();
  const target = {
    region: params.region ?? '',
    projectId: params.projectId ?? '',
    jobId: params.jobId ?? '',
  };
  const problems = [
    !REGION_PATTERN.test(target.region) && 'The region in the address is malformed.',
    !PROJECT_ID_PATTERN.test(target.projectId) && 'The project ID must be 32 lower-case hexadecimal characters.',
    !JOB_ID_PATTERN.test(target.jobId) && 'The job ID must be 1 to 64 letters, digits and dashes.',
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) return <InvalidTarget target={target} problems={problems} />;
  return <JobView target={target} />;
}

function JobView({ target }: { target: { region: string; projectId: string; jobId: string } }) {
  const queryClient = useQueryClient();
  const query = useQuery(jobQueries.detail(target));
  const regions = useQuery(regionsQuery);
  const [zone, setZone] = useZone();
  const now = useNow(true);

  const data = query.data;
  const status = data ? statusKind(data.job.status) : undefined;
  const state = pollStateOf(
    {
      data,
      error: query.error,
      fetchFailureReason: query.failureReason,
      fetchFailureCount: query.failureCount,
    },
    { notifyRequested: false, hidden: document.visibilityState === 'hidden', now },
  );
  const error = query.failureReason ?? query.error;
  const regionName = regions.data?.regions.find((r) => r.id === target.region)?.name;

  useDocumentTitle(
    `${status ? STATUS_LABEL[status] : query.isError ? 'Lookup failed' : 'Loading'} · ${data?.job.job_type ?? 'job'} ${target.jobId} · SFS Turbo jobs`,
  );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Freshness
          dataAt={data ? query.dataUpdatedAt : undefined}
          state={state}
          now={now}
          zone={zone}
          errorAt={error?.at}
          fetching={query.isFetching}
          onRefresh={() => void queryClient.refetchQueries({ queryKey: jobQueries.detail(target).queryKey })}
        />
        <div className="flex items-center gap-1 text-sm print:hidden" role="group" aria-label="Time zone">
          <span className="text-ink-muted">Times in</span>
          <Button size="sm" variant={zone === 'utc' ? 'primary' : 'secondary'} aria-pressed={zone === 'utc'} onClick={() => setZone('utc')}>
            UTC
          </Button>
          <Button size="sm" variant={zone === 'local' ? 'primary' : 'secondary'} aria-pressed={zone === 'local'} onClick={() => setZone('local')}>
            Browser zone
          </Button>
        </div>
      </div>
      {error ? <LookupFailure error={error} stale={data !== undefined} /> : null}
      {data === undefined && !error ? (
        <p role="status" className="rounded-card border border-line bg-panel p-5 text-ink-muted">
          Asking SFS Turbo for job {target.jobId}…
        </p>
      ) : null}
      {data ? (
        <>
          {data.warnings.length > 0 ? (
            <section className="rounded-card border border-status-waiting bg-status-waiting-soft p-4 text-sm">
              <h2 className="font-semibold text-status-waiting">The answer did not fully match the API contract</h2>
              <ul className="mt-1 list-disc pl-5">
                {data.warnings.map((warning) => (
                  <li key={warning} className="break-all">{warning}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <JobSummary job={data.job} target={target} regionName={regionName} requestId={data.requestId} zone={zone} now={now} />
          <section aria-labelledby="sub-jobs-title" className="space-y-2">
            <h2 id="sub-jobs-title" className="text-lg font-semibold">
              Sub-jobs {data.job.sub_jobs ? <span className="text-ink-muted">({data.job.sub_jobs.length})</span> : null}
            </h2>
            <SubJobList subJobs={data.job.sub_jobs} zone={zone} now={now} />
          </section>
        </>
      ) : null}
    </div>
  );
}
