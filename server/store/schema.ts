import type { Generated } from 'kysely';

/**
 * The store's tables as the query layer (Kysely) sees them, the same on SQLite and
 * PostgreSQL. Times are milliseconds since the epoch (`bigint`, read back as numbers), flags
 * are 0/1 integers and structured values JSON text: the one form both engines keep alike.
 */

/** One row per job this server has had an answer for: the first and the latest kept whole. */
export interface JobsSeenTable {
  /** `region/project_id/job_id`. */
  job_key: string;
  region: string;
  project_id: string;
  job_id: string;
  /** When the cloud answered, and the answer's body (JSON text, checked free of credentials). */
  first_at: number;
  first_answer: string;
  first_request_id: string | null;
  latest_at: number;
  latest_answer: string;
  latest_request_id: string | null;
  /** The facts compared answer to answer (JSON of `JobFacts`, server/memory/facts.ts). */
  facts: string;
  /** The first 404 after the job had been seen; null while the cloud still answers for it. */
  gone_at: number | null;
  /** How many observations are kept for it (the cap per job). */
  observations: number;
  /** 1 once older observations were dropped (the cap per job, or retention). */
  truncated: number;
}

/** One observed change of a job (its first answer included). */
export interface ObservationsTable {
  id: string;
  job_key: string;
  /** When the cloud answered. */
  observed_at: number;
  request_id: string | null;
  /** Who was looking: the signed-in user, `watch` for a watch's poll, null without sign-in. */
  viewer: string | null;
  /** The facts after the change (JSON of `JobFacts`). */
  facts: string;
  /** What changed (JSON array of fact names; empty for the first answer). */
  changed: string;
}

/** A job the server polls until it ends, on behalf of a user, posting to one destination. */
export interface WatchesTable {
  id: string;
  region: string;
  project_id: string;
  job_id: string;
  /** The destination's name (NOTIFY_TARGETS); never its address. */
  target: string;
  /** 1: also post when a sub-job fails. */
  sub_job_failures: number;
  /** The watcher's limit key (issuer + sub, or the client address). */
  created_by: string;
  /** The watcher as the page shows them (the sign-in claim), or null without sign-in. */
  created_by_name: string | null;
  created_at: number;
  /**
   * `active` until it ends: `ended` (the job ended), `gone` (404 for an hour), `expired`
   * (watched for 7 days), `removed`.
   */
  state: string;
  ended_at: number | null;
  /** The next poll is due at this time. */
  next_poll_at: number;
  /** The replica polling it, until `lease_until`; another takes over after that. */
  lease_owner: string | null;
  lease_until: number | null;
  /** The job's last status word seen by the watch, and its first 404 (for `gone`). */
  last_status: string | null;
  gone_since: number | null;
  /** Sub-job IDs whose failure was already announced (JSON array). */
  failures_announced: string;
  /** Consecutive polls that got no answer worth acting on (the back-off's count). */
  poll_failures: Generated<number>;
}

/** One message for one event of one watch: its key is claimed before it is sent. */
export interface DeliveriesTable {
  id: string;
  watch_id: string;
  /** `ended`, or `sub-job-failed:<sub_job_id>`: unique per watch, so an event posts once. */
  event_key: string;
  target: string;
  /** The message's facts (JSON), written when the event was seen. */
  message: string;
  /** `pending` → `sent`, or `failed` after the last attempt. */
  state: string;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
  sent_at: number | null;
  /** The last attempt's failure, in words that quote no address. */
  last_error: string | null;
  lease_owner: string | null;
  lease_until: number | null;
}

export interface StoreTables {
  jobs_seen: JobsSeenTable;
  observations: ObservationsTable;
  watches: WatchesTable;
  deliveries: DeliveriesTable;
}
