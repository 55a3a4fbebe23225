import { Link } from 'react-router';
import type { DemoJobInfo } from '../../../common/contract';
import { paths } from '../../app/paths';

/** The simulator's incident: jobs across two projects and regions, opened together as a board. */
const INCIDENT_GROUP = 'Incident';

export function DemoJobs({ jobs, region }: { jobs: DemoJobInfo[]; region: string }) {
  if (jobs.length === 0) return null;
  const groups = new Map<string, DemoJobInfo[]>();
  for (const job of jobs) groups.set(job.group, [...(groups.get(job.group) ?? []), job]);
  return (
    <section
      aria-labelledby="demo-jobs-heading"
      className="rounded-card border border-line bg-panel p-5"
    >
      <h2 id="demo-jobs-heading" className="text-lg font-semibold">
        Demo jobs
      </h2>
      <p className="mt-1 text-sm text-ink-muted">
        Served by the embedded simulator. Live jobs start when first opened and run in real time.
      </p>
      <div className="mt-4 grid gap-5 md:grid-cols-2">
        {[...groups].map(([group, items]) => (
          <div key={group}>
            <h3 className="text-sm font-semibold tracking-wide text-ink-muted uppercase">
              {group}
            </h3>
            {group === INCIDENT_GROUP ? (
              <Link
                to={paths.board({
                  title: 'Demo incident: file system resize',
                  jobs: items.map((job) => ({
                    region: job.region ?? region,
                    projectId: job.projectId,
                    jobId: job.jobId,
                  })),
                })}
                className="mt-2 inline-block font-semibold text-accent underline-offset-2 hover:underline"
              >
                Open the demo incident as a board
              </Link>
            ) : null}
            <ul className="mt-2 space-y-2">
              {items.map((job) => (
                <li key={job.jobId}>
                  <Link
                    to={paths.job({
                      region: job.region ?? region,
                      projectId: job.projectId,
                      jobId: job.jobId,
                    })}
                    className="font-medium text-accent underline-offset-2 hover:underline"
                  >
                    {job.title}
                  </Link>
                  <p className="text-sm text-ink-muted">{job.description}</p>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
