import { isFinal, statusKind } from '../../../common/job-status';
import type { Job } from '../../job/job-schema';
import { isRetryable } from '../../job/polling';
import type { TabState } from '../../job/tab-status';
import type { ApiError } from '../../lib/api-error';

/** What one row of the board shows, and whether it can still change. */
export interface RowSnapshot {
  state: TabState;
  /** Finished, or a lookup that cannot succeed by waiting (404, 401…): nothing will change. */
  settled: boolean;
}

export function rowSnapshot(data: { job: Job } | undefined, error: ApiError | null): RowSnapshot {
  if (data) {
    const kind = statusKind(data.job.status);
    return { state: kind, settled: isFinal(kind) };
  }
  if (error) return { state: 'lookup-failed', settled: !isRetryable(error) };
  return { state: 'loading', settled: false };
}

/** Worst first: the tab title and icon show the first of these that any row is in. */
export const WORST_FIRST: readonly TabState[] = [
  'failed',
  'lookup-failed',
  'running',
  'waiting',
  'unknown',
  'loading',
  'success',
];

export const COUNT_WORDS: Record<TabState, string> = {
  failed: 'failed',
  'lookup-failed': 'lookup failed',
  running: 'running',
  waiting: 'waiting',
  unknown: 'unknown status',
  loading: 'loading',
  success: 'succeeded',
};

export interface BoardCounts {
  counts: Record<TabState, number>;
  total: number;
  /** Every row settled: nothing on the board can change any more. */
  allFinished: boolean;
  worst: TabState | undefined;
}

export function boardCounts(rows: readonly RowSnapshot[]): BoardCounts {
  const counts = Object.fromEntries(WORST_FIRST.map((state) => [state, 0])) as Record<
    TabState,
    number
  >;
  for (const row of rows) counts[row.state] += 1;
  return {
    counts,
    total: rows.length,
    allFinished: rows.length > 0 && rows.every((row) => row.settled),
    worst: WORST_FIRST.find((state) => counts[state] > 0),
  };
}

/** "1 failed · 2 running · 1 succeeded", worst first, zeros left out. */
export function countsText({ counts }: BoardCounts): string {
  return WORST_FIRST.filter((state) => counts[state] > 0)
    .map((state) => `${counts[state]} ${COUNT_WORDS[state]}`)
    .join(' · ');
}

/** Sub-jobs per status, in the order the row lists them: "2 failed · 3 succeeded". */
export function subJobCounts(
  subJobs: readonly { status?: string | undefined }[] | undefined,
): { state: TabState; count: number }[] {
  const counts = new Map<TabState, number>();
  for (const sub of subJobs ?? []) {
    const kind = statusKind(sub.status);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return WORST_FIRST.filter((state) => counts.has(state)).map((state) => ({
    state,
    count: counts.get(state) ?? 0,
  }));
}
