import { useState } from 'react';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import { AgoText } from '../../components/ui/ago-text';
import { Button } from '../../components/ui/button';
import { StatusBadge } from '../../components/ui/status-badge';
import { clearRecentJobs, useRecentJobs } from '../../job/recent-jobs';
import { formatDateTime } from '../../job/time';
import { useZone } from '../../job/use-zone';

const keyOf = (job: { region: string; projectId: string; jobId: string }) =>
  `${job.region}/${job.projectId}/${job.jobId}`;

export function RecentJobsList() {
  const jobs = useRecentJobs();
  const [zone] = useZone();
  // Ticked jobs open together as an incident board, in the list's order.
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const selection = jobs.filter((job) => picked.has(keyOf(job)));
  const toggle = (key: string) =>
    setPicked((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  return (
    <section
      aria-labelledby="recent-heading"
      className="rounded-card border border-line bg-panel p-5"
    >
      <div className="flex items-center justify-between gap-3">
        <h2 id="recent-heading" className="text-lg font-semibold">
          Recent jobs
        </h2>
        {jobs.length > 0 ? (
          <span className="flex items-center gap-2">
            {selection.length > 0 ? (
              <Link
                to={paths.board({ title: '', jobs: selection })}
                className="inline-flex h-7 items-center rounded-md bg-accent px-2 text-xs font-medium text-accent-ink hover:opacity-90"
              >
                Open {selection.length} as a board
              </Link>
            ) : (
              <span className="text-xs text-ink-muted">Tick jobs to open them as a board</span>
            )}
            <Button size="sm" onClick={clearRecentJobs}>
              Clear list
            </Button>
          </span>
        ) : null}
      </div>
      {jobs.length === 0 ? (
        <p className="mt-2 text-sm text-ink-muted">
          Jobs you open appear here, kept in this browser only.
        </p>
      ) : (
        <ul className="mt-3 divide-y divide-line">
          {jobs.map((job) => {
            const seen = formatDateTime(job.seenAt, zone);
            return (
              <li key={keyOf(job)} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                <input
                  type="checkbox"
                  checked={picked.has(keyOf(job))}
                  onChange={() => toggle(keyOf(job))}
                  aria-label={`Select job ${job.jobId} for a board`}
                  className="size-4 accent-accent"
                />
                <StatusBadge status={job.status} size="sm" />
                <Link
                  to={paths.job(job)}
                  className="font-mono text-sm break-all text-accent underline-offset-2 hover:underline"
                >
                  {job.jobId}
                </Link>
                <span className="text-sm text-ink-muted">
                  {job.jobType ?? 'type unknown'} · {job.region} · project{' '}
                  {job.projectId.slice(0, 8)}… · seen {seen.text} {seen.zone}
                  <AgoText at={job.seenAt} prefix="" />
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
