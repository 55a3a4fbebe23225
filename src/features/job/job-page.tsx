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
  // What is wrong is worded by the invalid-address panel, in its own chunk: only the test is here.
  const valid =
    REGION_PATTERN.test(target.region) &&
    PROJECT_ID_PATTERN.test(target.projectId) &&
    JOB_ID_PATTERN.test(target.jobId);
  if (!valid) return <InvalidTarget target={target} />;
  // Keyed so that moving to another job starts from a clean slate (notification request, focus).
  return <JobView key={`${target.region}/${target.projectId}/${target.jobId}`} target={target} />;
}
