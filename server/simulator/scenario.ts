import type { CannedAnswer } from './errors.ts';
import type { JobSpec } from './job-spec.ts';

export type ScenarioGroup =
  'Live' | 'Finished' | 'Failures' | 'Job types' | 'Layouts' | 'Edge data' | 'Errors' | 'Incident';

export interface AnswerContext {
  /** How many times this job has been asked for since the last reset, this request included. */
  count: number;
  /** The `X-request-id` of this answer; the gateway echoes it in its error bodies. */
  requestId: string;
  /** The simulator's clock. */
  nowMs: number;
}

/** One entry of the catalogue: a fixed job ID in the demo project and what it answers. */
export interface Scenario {
  jobId: string;
  /** Default: the demo project. */
  projectId?: string;
  /** The region a board shows it in (the simulator answers in every region). */
  region?: string;
  group: ScenarioGroup;
  title: string;
  description: string;
  /** The job it shows, when it shows one (IDs come from the scenario). */
  job?: Omit<JobSpec, 'jobId' | 'projectId'>;
  /** An answer instead of the job; `undefined` falls through to the job. */
  answer?: (context: AnswerContext) => CannedAnswer | undefined;
  /**
   * The cloud forgets the job this long after it was first asked for (the simulator's clock):
   * from then on it answers 404 SFS.TURBO.0019, as the cloud does once it has dropped a
   * finished job.
   */
  forgetAfterMs?: number;
  /** Wall-clock delay before answering, multiplied by the simulator's `latencyScale`. */
  delayMs?: number;
}
