import { isJobIds } from '../../common/contract';
import { createLocalStore } from '../lib/local-store';

export interface RecentJob {
  region: string;
  projectId: string;
  jobId: string;
  status?: string | undefined;
  jobType?: string | undefined;
  /** When the dashboard last saw it (ms since epoch). */
  seenAt: number;
  /** When this browser first saw it; kept across updates, for "waiting at least 9 min". */
  firstSeenAt?: number | undefined;
}

export const RECENT_LIMIT = 20;

function isRecentJob(value: unknown): value is RecentJob {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    isJobIds(value) &&
    typeof v.seenAt === 'number' &&
    (v.firstSeenAt === undefined || typeof v.firstSeenAt === 'number') &&
    (v.status === undefined || typeof v.status === 'string') &&
    (v.jobType === undefined || typeof v.jobType === 'string')
  );
}

/** Whatever another tab or an old version stored is checked, never trusted. */
function decode(raw: string | null): RecentJob[] {
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter(isRecentJob).slice(0, RECENT_LIMIT) : [];
  } catch {
    return [];
  }
}

const store = createLocalStore('sfs-turbo-jobs:recent', decode);
const NONE: RecentJob[] = [];

export const readRecentJobs = store.get;

function write(jobs: RecentJob[]) {
  store.set(JSON.stringify(jobs));
}

function sameJob(
  a: Pick<RecentJob, 'region' | 'projectId' | 'jobId'>,
  b: Pick<RecentJob, 'region' | 'projectId' | 'jobId'>,
) {
  return a.region === b.region && a.projectId === b.projectId && a.jobId === b.jobId;
}

/** Puts a job at the top of the list (or updates it there), keeping the last 20. */
export function rememberJob(job: RecentJob): void {
  const current = readRecentJobs();
  const existing = current[0];
  if (
    existing &&
    sameJob(existing, job) &&
    existing.status === job.status &&
    existing.jobType === job.jobType
  )
    return;
  const firstSeenAt =
    current.find((other) => sameJob(other, job))?.firstSeenAt ?? job.firstSeenAt ?? job.seenAt;
  write(
    [{ ...job, firstSeenAt }, ...current.filter((other) => !sameJob(other, job))].slice(
      0,
      RECENT_LIMIT,
    ),
  );
}

export function clearRecentJobs(): void {
  write([]);
}

export function useRecentJobs(): RecentJob[] {
  return store.useValue(NONE);
}
