import type { LookupTarget } from '../lib/api-error';

/** A board's jobs and title, as its address carries them (DESIGN.md, "Pages"). */
export interface BoardSpec {
  title: string;
  jobs: readonly LookupTarget[];
}

/** Past these a link risks being refused by servers and chat tools; the board says so. */
export const BOARD_MAX_JOBS = 50;
export const BOARD_MAX_URL_CHARS = 2_000;

/** `region/project/job`, the board's spelling of one job (and its key on the board). */
export function boardRef({ region, projectId, jobId }: LookupTarget): string {
  return `${region}/${projectId}/${jobId}`;
}

/**
 * The board's path and query. Valid IDs need no escaping, so the list stays readable in a
 * ticket (`,` and `/` are left as they are); anything else is percent-encoded.
 */
export function boardHref({ title, jobs }: BoardSpec, extra: Record<string, string> = {}): string {
  const list = jobs
    .map((job) => [job.region, job.projectId, job.jobId].map(encodeURIComponent).join('/'))
    .join(',');
  const parts = [`jobs=${list}`];
  if (title.trim()) parts.push(`title=${encodeURIComponent(title)}`);
  for (const [key, value] of Object.entries(extra))
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  return `/board?${parts.join('&')}`;
}

/** The target's spelling in any board link, the same job once (its first place kept). */
export function withJob(spec: BoardSpec, job: LookupTarget): BoardSpec {
  const key = boardRef(job);
  return spec.jobs.some((other) => boardRef(other) === key)
    ? spec
    : { ...spec, jobs: [...spec.jobs, job] };
}
