import { isFinal, statusKind } from '../../../../common/job-status';
import type { Job } from '../../../job/job-schema';
import type { ZoneChoice } from '../../../job/time';
import type { LookupTarget } from '../../../lib/api-error';
import { GoneRecord } from './gone-record';
import { JobWatch } from './job-watch';
import { SeenHistory } from './seen-history';
import { useHistory } from './use-history';

/**
 * Right under the job card: what the dashboard's server saw of the job, and its watch. Drawn
 * after the job (its code and its data follow the first paint); nothing at all when the server
 * keeps no memory and has no destination. Without a `job` (the cloud answered 404): the
 * server's record of it, if it has one.
 */
export function JobMemory(props: { target: LookupTarget; job?: Job; zone: ZoneChoice }) {
  return props.job ? (
    <LiveMemory {...props} job={props.job} />
  ) : (
    <GoneRecord target={props.target} zone={props.zone} />
  );
}

function LiveMemory({ target, job, zone }: { target: LookupTarget; job: Job; zone: ZoneChoice }) {
  const history = useHistory(target, job).data;
  // A finished job offers no new watch: there is nothing left to wait for.
  const finished = isFinal(statusKind(job.status));
  return (
    <section
      aria-label="Seen by this dashboard, and its watch"
      data-job-memory
      className="space-y-2 rounded-card border border-line bg-panel px-5 py-3 empty:hidden"
    >
      {history ? <SeenHistory history={history} zone={zone} /> : null}
      <JobWatch target={target} finished={finished} zone={zone} />
    </section>
  );
}
