import { JOB_ID_PATTERN, PROJECT_ID_PATTERN, REGION_PATTERN } from '../../common/contract';
import type { LookupTarget } from '../lib/api-error';
import { createLocalStore } from '../lib/local-store';
import type { BoardSpec } from './board-link';

const EMPTY: BoardSpec = { title: '', jobs: [] };

function isTarget(value: unknown): value is LookupTarget {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.region === 'string' &&
    REGION_PATTERN.test(v.region) &&
    typeof v.projectId === 'string' &&
    PROJECT_ID_PATTERN.test(v.projectId) &&
    typeof v.jobId === 'string' &&
    JOB_ID_PATTERN.test(v.jobId)
  );
}

/** Whatever is stored is checked, never trusted. */
function decode(raw: string | null): BoardSpec {
  try {
    const parsed = raw ? (JSON.parse(raw) as { title?: unknown; jobs?: unknown }) : undefined;
    if (!parsed || !Array.isArray(parsed.jobs)) return EMPTY;
    const jobs = parsed.jobs
      .filter(isTarget)
      .map(({ region, projectId, jobId }) => ({ region, projectId, jobId }));
    return { title: typeof parsed.title === 'string' ? parsed.title.slice(0, 200) : '', jobs };
  } catch {
    return EMPTY;
  }
}

const store = createLocalStore('sfs-turbo-jobs:last-board', decode);

/** The board last open in this browser, so a job page can add its job to it ("Add to board"). */
export function rememberBoard(spec: BoardSpec): void {
  store.set(JSON.stringify({ title: spec.title, jobs: spec.jobs }));
}

export const readLastBoard = store.get;

export function useLastBoard(): BoardSpec {
  return store.useValue(EMPTY);
}
