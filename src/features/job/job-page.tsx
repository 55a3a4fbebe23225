import { useParams } from 'react-router';
import { JOB_ID_PATTERN, PROJECT_ID_PATTERN, REGION_PATTERN } from '../../../common/contract';
import { lazyComponent } from '../../lib/on-demand';
import { JobView } from './job-view';

// A malformed address is rare: its page is its own chunk, drawn under the layout's Suspense.
const InvalidTarget = lazyComponent(
  () => import('./invalid-target'),
  (module) => module.InvalidTarget,
);

/** The route: checks the IDs in the address before anything is asked of the cloud. */
export function JobPage() {
  const params = useParams();
  const target = {
    region: params.region ?? '',
    projectId: params.projectId ?? '',
    jobId: params.jobId ?? '',
  };
  const problems = [
    !REGION_PATTERN.test(target.region) && 'The region in the address is malformed.',
    !PROJECT_ID_PATTERN.test(target.projectId) &&
      'The project ID must be 32 lower-case hexadecimal characters.',
    !JOB_ID_PATTERN.test(target.jobId) &&
      'The job ID must be 1 to 64 letters, digits and dashes, starting and ending with a letter or digit.',
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) return <InvalidTarget target={target} problems={problems} />;
  // Keyed so that moving to another job starts from a clean slate (notification request, focus).
  return <JobView key={`${target.region}/${target.projectId}/${target.jobId}`} target={target} />;
}
