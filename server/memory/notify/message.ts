/**
 * What a notification says, built from the job's body as the cloud sent it. Nothing in that
 * body is trusted: every field may be missing, of another type, very long or written to look
 * like markup. The message holds plain text, cut to size; each sender escapes it for its
 * channel. It is stored as JSON with the delivery, so it holds data only.
 */
import { failedInOrder, saysWhy } from '../../../common/failure-order.ts';
import { statusKind } from '../../../common/job-status.ts';

/** The job ended; a sub-job failed; the watch ended before the job: 404s for an hour, or time up. */
export type NotifyEvent = 'ended' | 'sub-job-failed' | 'gone' | 'expired';

export interface FirstFailure {
  /** The failed sub-job's ID; null when the failure is the job's own. */
  subJobId: string | null;
  errorCode: string | null;
  /** At most {@link MAX_REASON} characters. */
  reason: string | null;
}

export interface NotifyMessage {
  event: NotifyEvent;
  /** The job's status word as sent (`success`, `FAIL`, `suspended`…), or null when it sent none. */
  status: string | null;
  jobType: string | null;
  jobId: string;
  projectId: string;
  region: string;
  /** The sub-job that failed first, else the job's own error; null when nothing failed. */
  firstFailure: FirstFailure | null;
  /** The job's page on this dashboard; null without `PUBLIC_URL`. */
  link: string | null;
  /** When the event was seen, ISO 8601 UTC, and as people read it (`2026-11-29 10:00:00 UTC`). */
  at: string;
  time: string;
  /** Who watched the job (their name in team mode), or null. */
  watchedBy: string | null;
}

export const MAX_REASON = 500;
const MAX_WORD = 100;
const MAX_ID = 128;

export interface MessageInput {
  event: NotifyEvent;
  /** The job's body as the cloud sent it (parsed JSON, any shape). */
  body: unknown;
  /** The watch's IDs: checked when the watch was made, unlike the body's `job_id`. */
  region: string;
  projectId: string;
  jobId: string;
  /** For `sub-job-failed`: the sub-job whose failure this message announces. */
  subJobId?: string;
  /** `PUBLIC_URL` without a trailing slash (it includes the base path), or undefined. */
  publicUrl: string | undefined;
  /** When the event was seen (ms since the epoch). */
  at: number;
  watchedBy: string | null;
}

/** Cuts a text to `max` characters (whole code points), marking the cut with an ellipsis. */
export function cut(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/**
 * A field as display text: strings trimmed, control characters (line breaks included, which
 * could fake lines in a channel) made spaces; numbers as written; anything else absent.
 */
function text(value: unknown, max: number): string | null {
  let raw: string;
  if (typeof value === 'string') raw = value;
  else if (typeof value === 'number' && Number.isFinite(value)) raw = String(value);
  else return null;
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const clean = raw.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return clean === '' ? null : cut(clean, max);
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * The failed sub-job this message leads with, as the page leads: the one that failed first
 * among those that say why (common/failure-order.ts); else, when the job says nothing of its
 * own, the first that failed. With `only`, that sub-job.
 */
function leadingSubJob(
  job: Record<string, unknown>,
  only: string | undefined,
): Record<string, unknown> | undefined {
  if (!Array.isArray(job.sub_jobs)) return undefined;
  const failed = failedInOrder(
    job.sub_jobs.map(record).filter((sub): sub is Record<string, unknown> => sub !== undefined),
  ).map(({ sub }) => sub);
  if (only !== undefined) return failed.find((sub) => sub.job_id === only);
  return failed.find(saysWhy) ?? (saysWhy(job) ? undefined : failed[0]);
}

function failureOf(
  job: Record<string, unknown>,
  subJobId: string | undefined,
): FirstFailure | null {
  const sub = leadingSubJob(job, subJobId);
  if (sub) {
    return {
      subJobId: text(sub.job_id, MAX_ID) ?? (subJobId === undefined ? null : cut(subJobId, MAX_ID)),
      errorCode: text(sub.error_code, MAX_WORD),
      reason: text(sub.fail_reason, MAX_REASON),
    };
  }
  if (subJobId !== undefined) {
    return { subJobId: cut(subJobId, MAX_ID), errorCode: null, reason: null };
  }
  const errorCode = text(job.error_code, MAX_WORD);
  const reason = text(job.fail_reason, MAX_REASON);
  if (errorCode === null && reason === null && statusKind(job.status) !== 'failed') return null;
  return { subJobId: null, errorCode, reason };
}

/** `2026-11-29 10:00:00 UTC`. */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function jobLink(
  publicUrl: string | undefined,
  region: string,
  projectId: string,
  jobId: string,
): string | null {
  if (!publicUrl) return null;
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}/${encodeURIComponent(region)}/projects/${encodeURIComponent(projectId)}/jobs/${encodeURIComponent(jobId)}`;
}

export function buildMessage(input: MessageInput): NotifyMessage {
  const job = record(input.body) ?? {};
  return {
    event: input.event,
    status: text(job.status, MAX_WORD),
    jobType: text(job.job_type, MAX_WORD),
    jobId: input.jobId,
    projectId: input.projectId,
    region: input.region,
    firstFailure: failureOf(job, input.event === 'sub-job-failed' ? input.subJobId : undefined),
    link: jobLink(input.publicUrl, input.region, input.projectId, input.jobId),
    at: new Date(input.at).toISOString(),
    time: formatUtc(input.at),
    watchedBy: input.watchedBy === null ? null : text(input.watchedBy, MAX_WORD),
  };
}

/** The first line of every channel's message, in plain words. */
export function headline(message: NotifyMessage): string {
  const type = message.jobType ?? 'job';
  if (message.event === 'sub-job-failed') {
    return `SFS Turbo ${type}: a sub-job failed (job ${message.status ?? 'status unknown'})`;
  }
  const last = `last seen ${message.status ?? 'with no status'}`;
  if (message.event === 'gone') {
    return `SFS Turbo ${type}: no longer watched, the cloud has not known it for an hour (${last})`;
  }
  if (message.event === 'expired') {
    return `SFS Turbo ${type}: no longer watched, it had not ended after 7 days (${last})`;
  }
  return `SFS Turbo ${type} ended: ${message.status ?? 'status unknown'}`;
}

/** The facts every channel shows, label and plain value, in one order. */
export function facts(message: NotifyMessage): { label: string; value: string }[] {
  const rows = [
    {
      label:
        message.event === 'gone' || message.event === 'expired' ? 'Last status seen' : 'Status',
      value: message.status ?? 'unknown (the cloud sent none)',
    },
    { label: 'Job type', value: message.jobType ?? 'unknown (the cloud sent none)' },
    { label: 'Job ID', value: message.jobId },
    { label: 'Project ID', value: message.projectId },
    { label: 'Region', value: message.region },
  ];
  const failure = message.firstFailure;
  if (failure) {
    const where = failure.subJobId ? `sub-job ${failure.subJobId}` : 'the job itself';
    rows.push({
      label: message.event === 'sub-job-failed' ? 'Failure' : 'First failure',
      value: `${where}: ${failure.errorCode ?? 'no error code'}, ${failure.reason ?? 'no reason given'}`,
    });
  }
  rows.push({ label: 'Seen at', value: message.time });
  if (message.watchedBy) rows.push({ label: 'Watched by', value: message.watchedBy });
  rows.push({
    label: 'Link',
    value: message.link ?? 'none: PUBLIC_URL is not set on the dashboard server',
  });
  return rows;
}
