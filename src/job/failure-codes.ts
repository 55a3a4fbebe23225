import { failedInOrder } from '../../common/failure-order';
import type { Job } from './job-schema';

// Apart from `firstFailure`, which the job page's first paint needs: the counts are drawn later.

export interface CodeCount {
  /** Undefined: sub-jobs that failed without a code. */
  code: string | undefined;
  count: number;
  /** The sub-job of this code that failed first. */
  first: { index: number; id: string | undefined };
}

/** Every distinct code of the failed sub-jobs with how many carry it, in the order they first failed. */
export function failureCodes(job: Job): CodeCount[] {
  const counts = new Map<string | undefined, CodeCount>();
  for (const { sub, index } of failedInOrder(job.sub_jobs ?? [])) {
    const code = sub.error_code?.trim() || undefined;
    const known = counts.get(code);
    if (known) known.count += 1;
    else counts.set(code, { code, count: 1, first: { index, id: sub.job_id } });
  }
  return [...counts.values()];
}

/** "SFS.TURBO.0032 ×5": one code and its count, as the digest, the board and the summaries write it. */
export function codeCountText({ code, count }: Pick<CodeCount, 'code' | 'count'>): string {
  return `${code ?? 'no code'} ×${count}`;
}

/** The failed sub-jobs counted: "5 sub-jobs failed: SFS.TURBO.0032 ×5". Empty when fewer than two failed. */
export function failureCodesText(job: Job): string {
  const codes = failureCodes(job);
  const failed = codes.reduce((sum, item) => sum + item.count, 0);
  if (failed < 2) return '';
  return `${failed} sub-jobs failed: ${codes.map(codeCountText).join(', ')}`;
}
