import { memo } from 'react';
import { statusKind } from '../../../../common/job-status';
import type { Job } from '../../../job/job-schema';
import { leftOutText, rowsToDraw } from '../../../job/rows-to-draw';

/**
 * Drawn only into a PNG that leaves sub-jobs out: says how many, and where the rest are.
 * Memoised on the job object: the page re-renders it every second of a live job's clock.
 */
export const LeftOutNote = memo(function LeftOutNote({ job }: { job: Job }) {
  const text = leftOutText(rowsToDraw((job.sub_jobs ?? []).map((sub) => statusKind(sub.status))));
  if (text === undefined) return null;
  return (
    <p className="png-only rounded-md border border-line bg-surface px-3 py-2 text-sm">{text}</p>
  );
});
