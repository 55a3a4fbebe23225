import type { JobFactName, JobFacts } from '../../common/contract.ts';

/** At most this many failed sub-job IDs are kept: a job of 500 failures is not 500 facts. */
export const MAX_FAILED_SUB_JOBS = 50;
/** A raw word longer than this is cut: a hostile body must not grow the store without bound. */
const MAX_WORD = 200;
const MAX_REASON = 2000;
/** Distinct sub-job status words counted; more are folded into one bucket. */
const MAX_STATUS_WORDS = 20;
const OTHER_STATUS = '(other)';

const FACT_NAMES: readonly JobFactName[] = [
  'status',
  'errorCode',
  'failReason',
  'subJobs',
  'failedSubJobs',
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' ? value.slice(0, max) : undefined;

/** How the browser tells a failed job (`failed`, `FAIL`, any case): the same words here. */
const FAILED = new Set(['failed', 'fail']);

/**
 * The facts compared answer to answer, from the cloud's job JSON. The cloud's body is
 * untrusted: any field may be missing or of another type, the body may be no object at all;
 * what is not a string (or a list of objects) is taken as absent, never thrown on.
 */
export function factsOf(body: unknown): JobFacts {
  if (!isRecord(body)) return {};
  const facts: JobFacts = {};
  const status = text(body.status, MAX_WORD);
  const errorCode = text(body.error_code, MAX_WORD);
  const failReason = text(body.fail_reason, MAX_REASON);
  if (status !== undefined) facts.status = status;
  if (errorCode !== undefined) facts.errorCode = errorCode;
  if (failReason !== undefined) facts.failReason = failReason;
  if (Array.isArray(body.sub_jobs) && body.sub_jobs.length > 0) {
    const counts = new Map<string, number>();
    const failed: string[] = [];
    for (const sub of body.sub_jobs) {
      const word = isRecord(sub) ? (text(sub.status, MAX_WORD) ?? '') : '';
      const bucket = counts.has(word) || counts.size < MAX_STATUS_WORDS ? word : OTHER_STATUS;
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
      if (isRecord(sub) && FAILED.has(word.toLowerCase()) && failed.length < MAX_FAILED_SUB_JOBS) {
        failed.push(text(sub.job_id, MAX_WORD) ?? '');
      }
    }
    // Sorted: the cloud's order of sub-jobs is not a fact, their counts are.
    facts.subJobs = Object.fromEntries(
      [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    if (failed.length > 0) facts.failedSubJobs = failed;
  }
  return facts;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The facts that differ between two answers, in a fixed order. */
export function changedFacts(before: JobFacts, after: JobFacts): JobFactName[] {
  return FACT_NAMES.filter((name) => !same(before[name], after[name]));
}
