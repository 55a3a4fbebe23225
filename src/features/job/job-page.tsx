import type { QueryClient } from '@tanstack/react-query';
import { useParams, type Params } from 'react-router';
import { isJobIds } from '../../../common/contract';
import { jobQueries } from '../../job/job-queries';
import type { LookupTarget } from '../../lib/api-error';
import { lazyComponent } from '../../lib/on-demand';
import { JobView } from './job-view';
import { markAskedBeforeRender } from './use-job-lookup';

/** How long the first render waits for the job's answer before it is drawn without it. */
export const FIRST_ANSWER_WAIT_MS = 300;

// A malformed address is rare: its page is its own chunk, drawn under the layout's Suspense.
const InvalidTarget = lazyComponent(
  () => import('./invalid-target'),
  (module) => module.InvalidTarget,
);

const targetOf = (params: Params): LookupTarget => ({
  region: params.region ?? '',
  projectId: params.projectId ?? '',
  jobId: params.jobId ?? '',
});

/**
 * Before the page's first render (src/main.tsx, through `preloadPage`): asks for the job, whose
 * answer the server's page has already requested (`<link rel="preload" as="fetch">`,
 * server/http/static-site.ts), and waits for it a moment. With the answer in the cache the first
 * frame shows the job's status, instead of "Asking SFS Turbo…" and a second render once the
 * query, started only after that first render, has its answer. A slow answer does not hold the
 * page: after FIRST_ANSWER_WAIT_MS it is drawn without it, and the answer follows as usual. The
 * answer is fresh until its poll is due (the query's `staleTime`), so drawing the page asks no
 * second time; a failed one is shown as it came, not asked again (`markAskedBeforeRender`).
 */
// eslint-disable-next-line react-refresh/only-export-components -- the page's chunk carries what its first render needs; fast refresh of this file reloads the page
export function firstAnswer(
  params: Params,
  queryClient: QueryClient,
): Promise<unknown> | undefined {
  const target = targetOf(params);
  if (!isJobIds(target)) return undefined;
  markAskedBeforeRender(target);
  // The timer is left to run out: clearing it would cost the first load more than it saves.
  return Promise.race([
    queryClient.prefetchQuery(jobQueries.detail(target)),
    new Promise((done) => setTimeout(done, FIRST_ANSWER_WAIT_MS)),
  ]);
}

/**
 * The route: checks the IDs in the address before anything is asked of the cloud. What is wrong
 * is worded by the invalid-address panel, in its own chunk.
 */
export function JobPage() {
  const target = targetOf(useParams());
  if (!isJobIds(target)) return <InvalidTarget target={target} />;
  // Keyed so that moving to another job starts from a clean slate (notification request, focus).
  return <JobView key={`${target.region}/${target.projectId}/${target.jobId}`} target={target} />;
}
