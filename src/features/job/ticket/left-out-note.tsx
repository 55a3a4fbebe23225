import type { Job } from '../../../lib/job-schema';
import { statusKind } from '../../../lib/status';
import { rowsToDraw } from '../../../lib/rows-to-draw';

/** Drawn only into a PNG that leaves sub-jobs out: says how many, and where the rest are. */
export function LeftOutNote({ job }: { job: Job }) {
  const pick = rowsToDraw((job.sub_jobs ?? []).map((sub) => statusKind(sub.status)));
  if (pick.drawn === pick.total) return null;
  return (
    <p className="png-only rounded-md border border-line bg-surface px-3 py-2 text-sm">
      This picture shows {pick.drawn} of {pick.total} sub-jobs
      {pick.failedTotal === 0
        ? ', in order'
        : pick.failedDrawn < pick.failedTotal
          ? `: ${pick.failedDrawn} of the ${pick.failedTotal} failed ones`
          : `: every failed one (${pick.failedTotal}) first, then the others in order`}
      . All of them are on the page at the link above.
    </p>
  );
}
