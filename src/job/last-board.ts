import { isJobIds } from '../../common/contract';
import { createLocalStore } from '../lib/local-store';
import type { BoardSpec } from './board-link';

const EMPTY: BoardSpec = { title: '', jobs: [] };

/** Whatever is stored is checked, never trusted. */
function decode(raw: string | null): BoardSpec {
  try {
    const parsed = raw ? (JSON.parse(raw) as { title?: unknown; jobs?: unknown }) : undefined;
    if (!parsed || !Array.isArray(parsed.jobs)) return EMPTY;
    const jobs = parsed.jobs
      .filter(isJobIds)
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
