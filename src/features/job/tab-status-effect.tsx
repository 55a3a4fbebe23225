import { useTabStatus, type TabState } from '../../job/tab-status';

/**
 * The tab's title and icon, as a component so that job-view.tsx can load their code after the
 * job's first paint (decision 0006). Draws nothing.
 */
export function TabStatus({
  state,
  jobType,
  jobId,
}: {
  state: TabState;
  jobType: string | undefined;
  jobId: string;
}) {
  useTabStatus(state, jobType, jobId);
  return null;
}
