import { boardHref } from '../job/board-link';
import type { LookupTarget } from '../lib/api-error';

export const paths = {
  home: () => '/',
  /** The lookup form, filled with a job's IDs ("Edit lookup", and Back from a job page). */
  lookup: ({ region, projectId, jobId }: LookupTarget) =>
    `/?${new URLSearchParams({ region, project: projectId, job: jobId }).toString()}`,
  job: ({ region, projectId, jobId }: LookupTarget, subJobId?: string) => {
    const base = `/${encodeURIComponent(region)}/projects/${encodeURIComponent(projectId)}/jobs/${encodeURIComponent(jobId)}`;
    return subJobId ? `${base}?sub=${encodeURIComponent(subJobId)}` : base;
  },
  /** `/board?jobs=…&title=…` (DESIGN.md, "Pages"). */
  board: boardHref,
};
