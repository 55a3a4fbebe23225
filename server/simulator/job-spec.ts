import { z } from 'zod';
import { stableUuid } from './format.ts';

/** The four statuses ShowJobDetail documents; a spec can rename them (see {@link JobSpec.statusNames}). */
export type CanonicalStatus = 'waiting' | 'running' | 'success' | 'failed';

/**
 * When a job or a sub-job runs, as offsets in milliseconds from the moment the job was first
 * asked for (per project and job ID). Negative offsets put it in the past, so a job can be
 * already finished on the first request.
 */
export interface TaskSpec {
  /** Leaves `waiting` (gets its `begin_time`) at this offset. Default: 0 (see {@link JobSpec} for jobs). */
  start?: number;
  /** Runs this long, then ends (gets its `end_time`). Default: 0. */
  duration?: number;
  /**
   * What it ends as. `'waiting'` never starts, `'running'` never ends; `'success'`, `'failed'`
   * or any other string (an unknown status) is shown once it has ended. Default: `'success'`.
   */
  status?: string;
  /** `error_code` once ended, e.g. `SFS.TURBO.0029`. */
  errorCode?: string;
  /** `fail_reason` once ended. */
  failReason?: string;
  /** `job_type`. Sub-jobs default to their job's type. */
  jobType?: string;
  /**
   * Raw fields merged into this body at every instant, for edge data the timeline cannot
   * express (wrong types, odd time strings, a missing `end_time`). `null` removes a field.
   */
  override?: Record<string, unknown>;
}

export interface SubJobSpec extends TaskSpec {
  /** Default: a UUID derived from the job ID and the position, stable across requests. */
  jobId?: string;
}

/**
 * A job the simulator serves from `GET /v1/{projectId}/sfs-turbo/jobs/{jobId}`.
 *
 * Without `start`, `duration` or `status`, the job spans its sub-jobs: it starts with the
 * first, ends with the last one that ends, and ends `failed` if one failed, `running` (never
 * ends) if one never ends, `success` otherwise. Without sub-jobs it defaults to start 0,
 * duration 0, `success`.
 *
 * @example A job that waits 1 s, runs two overlapping sub-jobs and fails at 9 s.
 * ```ts
 * simulator.createJob({
 *   jobType: 'extend_share',
 *   start: 1_000,
 *   subJobs: [
 *     { start: 1_000, duration: 5_000 },
 *     { start: 3_000, duration: 6_000, status: 'failed', errorCode: 'SFS.TURBO.0008', failReason: 'Invalid size' },
 *   ],
 *   errorCode: 'SFS.TURBO.0008',
 *   failReason: 'Invalid size',
 * });
 * ```
 */
export interface JobSpec extends TaskSpec {
  jobType: string;
  /** Default: the demo project. */
  projectId?: string;
  /** Default: a random UUID. */
  jobId?: string;
  /** Absent: no `sub_jobs` field at all; `[]`: an empty list. */
  subJobs?: SubJobSpec[];
  /** Spell statuses differently, e.g. `{ waiting: 'INIT', running: 'DOING', success: 'SUCCESS', failed: 'FAIL' }`. */
  statusNames?: Partial<Record<CanonicalStatus, string>>;
  /** `'standard'` (`2026-11-29 10:00:00`, default) or `'iso'` (`2026-11-29T10:00:00Z`). */
  timeFormat?: 'standard' | 'iso';
}

export interface ResolvedTask {
  jobId: string;
  jobType: string;
  start: number;
  duration: number;
  status: string;
  errorCode: string | undefined;
  failReason: string | undefined;
  override: Record<string, unknown> | undefined;
}

export interface ResolvedJob extends ResolvedTask {
  projectId: string;
  subJobs: ResolvedTask[] | undefined;
  statusNames: Partial<Record<CanonicalStatus, string>>;
  timeFormat: 'standard' | 'iso';
}

/** A task that waits or runs forever has no end to span to. */
export function endsAtSomePoint(task: Pick<ResolvedTask, 'status'>): boolean {
  return task.status !== 'waiting' && task.status !== 'running';
}

function resolveTask(spec: TaskSpec, jobId: string, jobType: string): ResolvedTask {
  return {
    jobId,
    jobType: spec.jobType ?? jobType,
    start: spec.start ?? 0,
    duration: spec.duration ?? 0,
    status: spec.status ?? 'success',
    errorCode: spec.errorCode,
    failReason: spec.failReason,
    override: spec.override,
  };
}

export function resolveJob(spec: JobSpec, ids: { projectId: string; jobId: string }): ResolvedJob {
  const subJobs = spec.subJobs?.map((sub, index) =>
    resolveTask(sub, sub.jobId ?? stableUuid(`${ids.jobId}/sub/${index}`), spec.jobType),
  );
  const subs = subJobs ?? [];
  const starting = subs.filter((sub) => sub.status !== 'waiting');
  const start =
    spec.start ?? (starting.length > 0 ? Math.min(...starting.map((sub) => sub.start)) : 0);
  const ending = subs.filter(endsAtSomePoint);
  const duration =
    spec.duration ??
    (ending.length > 0
      ? Math.max(0, Math.max(...ending.map((sub) => sub.start + sub.duration)) - start)
      : 0);
  const failed = ending.some((sub) => sub.status !== 'success');
  const endless = subs.some((sub) => !endsAtSomePoint(sub));
  const status = spec.status ?? (failed ? 'failed' : endless ? 'running' : 'success');
  return {
    ...resolveTask({ ...spec, start, duration, status }, ids.jobId, spec.jobType),
    projectId: ids.projectId,
    subJobs,
    statusNames: spec.statusNames ?? {},
    timeFormat: spec.timeFormat ?? 'standard',
  };
}

const offset = z
  .number()
  .min(-10 * 365 * 24 * 3600_000)
  .max(10 * 365 * 24 * 3600_000);
const taskFields = {
  start: offset.optional(),
  duration: z
    .number()
    .min(0)
    .max(10 * 365 * 24 * 3600_000)
    .optional(),
  status: z.string().max(64).optional(),
  errorCode: z.string().max(256).optional(),
  failReason: z.string().max(8192).optional(),
  jobType: z.string().max(128).optional(),
  override: z.record(z.string(), z.unknown()).optional(),
};

/** Checks a spec that came over HTTP (`POST /__simulator/jobs`); IDs are checked by the caller. */
export const jobSpecSchema = z.strictObject({
  ...taskFields,
  jobType: z.string().max(128),
  projectId: z.string().optional(),
  jobId: z.string().optional(),
  subJobs: z
    .array(z.strictObject({ ...taskFields, jobId: z.string().max(128).optional() }))
    .max(5000)
    .optional(),
  statusNames: z
    .strictObject({
      waiting: z.string().optional(),
      running: z.string().optional(),
      success: z.string().optional(),
      failed: z.string().optional(),
    })
    .optional(),
  timeFormat: z.enum(['standard', 'iso']).optional(),
}) satisfies z.ZodType<JobSpec>;
