import type { LookupTarget } from '../lib/api-error';
import { boardHref } from '../lib/board-link';

export const paths = {
  home: () => '/',
  job: ({ region, projectId, jobId }: LookupTarget, subJobId?: string) => {
    const base = `/${encodeURIComponent(region)}/projects/${encodeURIComponent(projectId)}/jobs/${encodeURIComponent(jobId)}`;
    return subJobId ? `${base}?sub=${encodeURIComponent(subJobId)}` : base;
  },
  /** `/board?jobs=…&title=…` (DESIGN.md, "Pages"). */
  board: boardHref,
};
