import { useSyncExternalStore } from 'react';
import { JOB_ID_PATTERN, PROJECT_ID_PATTERN, REGION_PATTERN } from '../../common/contract';

export interface RecentJob {
  region: string;
  projectId: string;
  jobId: string;
  status?: string | undefined;
  jobType?: string | undefined;
  /** When the dashboard last saw it (ms since epoch). */
  seenAt: number;
}

const KEY = 'sfs-turbo-jobs:recent';
export const RECENT_LIMIT = 20;
const listeners = new Set<() => void>();
let cache: { raw: string | null; jobs: RecentJob[] } = { raw: null, jobs: [] };

function isRecentJob(value: unknown): value is RecentJob {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.region === 'string' && REGION_PATTERN.test(v.region) &&
    typeof v.projectId === 'string' && PROJECT_ID_PATTERN.test(v.projectId) &&
    typeof v.jobId === 'string' && JOB_ID_PATTERN.test(v.jobId) &&
    typeof v.seenAt === 'number' &&
    (v.status === undefined || typeof v.status === 'string') &&
    (v.jobType === undefined || typeof v.jobType === 'string')
  );
}

/** Reads the list; whatever another tab or an old version stored is checked, never trusted. */
export function readRecentJobs(): RecentJob[] {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(KEY);
  } catch {
    return cache.jobs;
  }
  if (raw === cache.raw) return cache.jobs;
  let jobs: RecentJob[] = [];
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    jobs = Array.isArray(parsed) ? parsed.filter(isRecentJob).slice(0, RECENT_LIMIT) : [];
  } catch {
    jobs = [];
  }
  cache = { raw, jobs };
  return jobs;
}

function write(jobs: RecentJob[]) {
  try {
    localStorage.setItem(KEY, JSON.stringify(jobs));
  } catch {
    // Storage full or disabled: the list is a convenience, the page works without it.
  }
  for (const listener of listeners) listener();
}

function sameJob(a: Pick<RecentJob, 'region' | 'projectId' | 'jobId'>, b: Pick<RecentJob, 'region' | 'projectId' | 'jobId'>) {
  return a.region === b.region && a.projectId === b.projectId && a.jobId === b.jobId;
}

/** Puts a job at the top of the list (or updates it there), keeping the last 20. */
export function rememberJob(job: RecentJob): void {
  const current = readRecentJobs();
  const existing = current[0];
  if (existing && sameJob(existing, job) && existing.status === job.status && existing.jobType === job.jobType) return;
  write([job, ...current.filter((other) => !sameJob(other, job))].slice(0, RECENT_LIMIT));
}

export function clearRecentJobs(): void {
  write([]);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useRecentJobs(): RecentJob[] {
  return useSyncExternalStore(subscribe, readRecentJobs, () => []);
}
