import { useQuery } from '@tanstack/react-query';
import { paths } from '../../app/paths';
import { useRecentJobs } from '../../job/recent-jobs';
import type { LookupTarget } from '../../lib/api-error';
import { publicLink } from '../../lib/base-path';
import { regionNameBeside, regionsQuery } from '../../lib/regions-query';

/** Where a job lives and how to point at it: region name, simulated cloud, permalink, first seen. */
export function useJobPlace(target: LookupTarget) {
  const regions = useQuery(regionsQuery);
  const firstSeenAt = useRecentJobs().find(
    (job) =>
      job.region === target.region &&
      job.projectId === target.projectId &&
      job.jobId === target.jobId,
  )?.firstSeenAt;
  // Shown beside the region's code (card, summary): its name without the code again.
  const regionName = regionNameBeside(
    target.region,
    regions.data?.regions.find((r) => r.id === target.region)?.name,
  );
  const simulated = regions.data?.simulated ?? false;
  const permalink = publicLink(paths.job(target));
  return { firstSeenAt, regionName, simulated, permalink };
}
