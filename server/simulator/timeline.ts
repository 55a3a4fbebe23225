import { formatIsoTime, formatSfsTime } from './format.ts';
import type { CanonicalStatus, ResolvedJob, ResolvedTask } from './job-spec.ts';

export type Phase = 'waiting' | 'running' | 'ended';

/** Where a task stands `elapsed` ms after its job was first asked for. */
export function phaseAt(
  task: Pick<ResolvedTask, 'start' | 'duration' | 'status'>,
  elapsed: number,
): Phase {
  if (task.status === 'waiting' || elapsed < task.start) return 'waiting';
  if (task.status === 'running' || elapsed < task.start + task.duration) return 'running';
  return 'ended';
}

/** `null` in an override removes the field: how a scenario drops what a real job would carry. */
function applyOverride(
  body: Record<string, unknown>,
  override: Record<string, unknown> | undefined,
): Record<string, unknown> {
  if (!override) return body;
  const result = { ...body };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete result[key];
    else result[key] = value;
  }
  return result;
}

function taskBody(
  task: ResolvedTask,
  job: ResolvedJob,
  anchorMs: number,
  elapsed: number,
): Record<string, unknown> {
  const phase = phaseAt(task, elapsed);
  const format = job.timeFormat === 'iso' ? formatIsoTime : formatSfsTime;
  const name = (status: string) => job.statusNames[status as CanonicalStatus] ?? status;
  // Field order follows the documentation's example; fields a real job would not have yet
  // are left out rather than sent empty.
  const body: Record<string, unknown> = {
    job_id: task.jobId,
    status: name(phase === 'ended' ? task.status : phase),
    job_type: task.jobType,
  };
  if (phase !== 'waiting') body.begin_time = format(anchorMs + task.start);
  if (phase === 'ended') {
    body.end_time = format(anchorMs + task.start + task.duration);
    if (task.errorCode !== undefined) body.error_code = task.errorCode;
    if (task.failReason !== undefined) body.fail_reason = task.failReason;
  }
  return body;
}

/**
 * The ShowJobDetail body of `job`, first asked for at `anchorMs`, as it reads `elapsed` ms
 * later. Pure: the same arguments always give the same body.
 */
export function jobDetailAt(
  job: ResolvedJob,
  anchorMs: number,
  elapsed: number,
): Record<string, unknown> {
  const body = taskBody(job, job, anchorMs, elapsed);
  if (job.subJobs) {
    body.sub_jobs = job.subJobs.map((sub) =>
      applyOverride(taskBody(sub, job, anchorMs, elapsed), sub.override),
    );
  }
  return applyOverride(body, job.override);
}

/** The offset after which nothing in the job changes any more (`Infinity` if it never settles). */
export function settlesAt(job: ResolvedJob): number {
  const tasks = [job, ...(job.subJobs ?? [])];
  let last = 0;
  for (const task of tasks) {
    if (task.status === 'running') return Number.POSITIVE_INFINITY;
    if (task.status !== 'waiting') last = Math.max(last, task.start + task.duration);
  }
  return last;
}
