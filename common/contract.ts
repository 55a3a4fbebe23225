/**
 * The proxy's public contract, imported by the browser app (`src/`) and the Node side
 * (`server/`) alike. Like everything in common/, free of runtime dependencies.
 */

/** Project IDs are 32 lower-case hex characters (IAM project IDs). */
export const PROJECT_ID_PATTERN = /^[0-9a-f]{32}$/;

/**
 * Job IDs come as UUID-like strings (the documentation's own example has non-hex letters)
 * or as 32 characters without dashes, so only the alphabet and the length are checked.
 */
export const JOB_ID_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?$/;
export const JOB_ID_MAX_LENGTH = 64;

/** Region IDs such as `eu-de`, `cn-north-4`, `ap-southeast-1`. */
export const REGION_PATTERN = /^[a-z]{2,4}(?:-[a-z0-9]{1,12}){1,3}$/;

/** Whether `value` holds a job's three IDs, each as the contract allows (stored data, an address). */
export function isJobIds(
  value: unknown,
): value is { region: string; projectId: string; jobId: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { region, projectId, jobId } = value as Record<string, unknown>;
  return (
    typeof region === 'string' &&
    REGION_PATTERN.test(region) &&
    typeof projectId === 'string' &&
    PROJECT_ID_PATTERN.test(projectId) &&
    typeof jobId === 'string' &&
    JOB_ID_PATTERN.test(jobId)
  );
}

export type CloudKind = 'otc' | 'huawei' | 'custom';

export interface RegionInfo {
  id: string;
  name: string;
  cloud: CloudKind;
}

export interface DemoJobInfo {
  projectId: string;
  jobId: string;
  title: string;
  description: string;
  group: string;
  /** The region the demo incident's board shows it in; others use the default region. */
  region?: string;
}

/** `GET /api/regions`. Never carries credentials, nor who or where they are from. */
export interface RegionsResponse {
  /** The regions this server may query: those its credential is allowed in (all, simulated). */
  regions: RegionInfo[];
  /**
   * Known regions this server may not query (its credential is not allowed there), so that
   * the page can say so when a pasted link names one. Empty when simulated.
   */
  otherRegions?: string[];
  defaultRegion: string;
  /** True when the upstream is the embedded simulator. */
  simulated: boolean;
  /**
   * The kind of credential the proxy authenticates with, and nothing else about it: never a
   * user name, domain, IAM address or file path.
   */
  credentials: {
    kind: 'none' | 'token' | 'aksk' | 'password' | 'cloud';
  };
  /** Base URL override in force (`SFS_TURBO_ENDPOINT`), if any. */
  endpointOverride: boolean;
  /** Demo jobs the simulator offers; empty unless simulated. */
  demoJobs: DemoJobInfo[];
}

/**
 * Error codes the proxy answers with itself (SFS Turbo error shape):
 * `BAD_REQUEST` 400 malformed ID, encoded character, dot or empty segment, query string;
 * `UNKNOWN_REGION` 400; `NOT_FOUND` 404 any other `/api/` route, or a job the history has no record of;
 * `METHOD_NOT_ALLOWED` 405;
 * `UPSTREAM_UNREACHABLE` 502 refused, reset, DNS; `UPSTREAM_TIMEOUT` 504;
 * `UPSTREAM_TOO_LARGE` 502 body over 1 MiB;
 * `UPSTREAM_LEAK` 502 the upstream's answer held a credential (in any encoding), so it was
 * not passed on;
 * `NO_CREDENTIALS` 401 a real endpoint is configured but no credential, so nothing was sent;
 * `AUTH_FAILED` 401 when IAM refused the login (retrying will not help), 502/504 when IAM
 * could not be reached or was too slow;
 * `REGION_NOT_ALLOWED` 403 the credential may not be used in that region (`SFS_TURBO_REGIONS`);
 * `CROSS_SITE` 403 the browser marked the request as made by another site (`Sec-Fetch-Site`);
 * `UNAUTHENTICATED` 401 sign-in is on and the request has no valid session (or trusted
 * identity header); `FORBIDDEN` 403 signed in but not on the allowed lists;
 * `RATE_LIMITED` 429 with `Retry-After`: an IAM login was needed but the login limits forbid
 * one now, or this user (or address) made too many upstream calls;
 * `STORE_UNAVAILABLE` 503 with `Retry-After`: a route of the server's memory (history) while
 * its store is not open yet, or could not be opened;
 * `INTERNAL` 500 a bug in the proxy.
 */
export const PROXY_ERROR = {
  badRequest: 'PROXY.BAD_REQUEST',
  unknownRegion: 'PROXY.UNKNOWN_REGION',
  notFound: 'PROXY.NOT_FOUND',
  methodNotAllowed: 'PROXY.METHOD_NOT_ALLOWED',
  unreachable: 'PROXY.UPSTREAM_UNREACHABLE',
  timeout: 'PROXY.UPSTREAM_TIMEOUT',
  tooLarge: 'PROXY.UPSTREAM_TOO_LARGE',
  upstreamLeak: 'PROXY.UPSTREAM_LEAK',
  noCredentials: 'PROXY.NO_CREDENTIALS',
  authFailed: 'PROXY.AUTH_FAILED',
  regionNotAllowed: 'PROXY.REGION_NOT_ALLOWED',
  crossSite: 'PROXY.CROSS_SITE',
  rateLimited: 'PROXY.RATE_LIMITED',
  internal: 'PROXY.INTERNAL',
  storeUnavailable: 'PROXY.STORE_UNAVAILABLE',
  unauthenticated: 'PROXY.UNAUTHENTICATED',
  forbidden: 'PROXY.FORBIDDEN',
} as const;

export type ProxyErrorCode = (typeof PROXY_ERROR)[keyof typeof PROXY_ERROR];

export function jobApiPath(region: string, projectId: string, jobId: string): string {
  return `/api/${encodeURIComponent(region)}/v1/${encodeURIComponent(projectId)}/sfs-turbo/jobs/${encodeURIComponent(jobId)}`;
}

export type AuthMode = 'none' | 'header' | 'oidc';

/** `GET /api/session`: who is signed in, for the page header. Never a token. */
export interface SessionResponse {
  mode: AuthMode;
  /** The signed-in user's name; null in mode `none`. */
  user: string | null;
  groups: string[];
  /** Where "Sign in" starts (a path with the base path; add `?return=`); null without built-in sign-in. */
  loginUrl: string | null;
  /** Where "Sign out" goes (a path with the base path, or absolute); null when there is none. */
  logoutUrl: string | null;
}

// ---- Memory (DESIGN.md "Memory (history and watches)") ----

/**
 * What the server compares, answer to answer, to tell that a job changed. Each field is
 * what the cloud sent (raw words), absent when it sent nothing.
 */
export interface JobFacts {
  /** The job's `status` as sent (`success`, `FAIL`, an unknown word…). */
  status?: string;
  /** `error_code` and `fail_reason` of the job itself. */
  errorCode?: string;
  failReason?: string;
  /** Sub-jobs per raw status word, e.g. `{ "success": 3, "running": 1 }`; absent without sub-jobs. */
  subJobs?: Record<string, number>;
  /** IDs of the sub-jobs that have failed, in the cloud's order (at most 50 kept). */
  failedSubJobs?: string[];
}

/** The fact names `HistoryChange.changed` lists. */
export type JobFactName = 'status' | 'errorCode' | 'failReason' | 'subJobs' | 'failedSubJobs';

export interface HistoryChange {
  /** When the cloud answered (ISO 8601, UTC). */
  at: string;
  requestId: string | null;
  /** Who was looking (team mode): the user's name, `watch` for a watch's poll; null otherwise. */
  viewer: string | null;
  facts: JobFacts;
  /** What differs from the change before; empty for the first answer seen. */
  changed: JobFactName[];
}

/** `GET {base}/api/history/{region}/{project_id}/{job_id}`. */
export interface HistoryResponse {
  region: string;
  projectId: string;
  jobId: string;
  /** Oldest first. */
  changes: HistoryChange[];
  /** Older changes were dropped by the cap per job (the first answer is always kept). */
  truncated: boolean;
  /** The first and the latest answer this server got, whole (the cloud's JSON body). */
  first: { at: string; requestId: string | null; body: unknown };
  latest: { at: string; requestId: string | null; body: unknown };
  /** The first 404 after the job had been seen (ISO), or null while the cloud answers for it. */
  goneSince: string | null;
}

/** `GET {base}/api/notify-targets`: the operator's destinations, by name only. */
export interface NotifyTargetsResponse {
  targets: { name: string; kind: 'slack' | 'teams' | 'webhook' }[];
}

/**
 * `active` while polled; `ended` the job finished (success or failed); `gone` the cloud
 * answered 404 for an hour; `expired` watched for 7 days without an end; `removed` by a user.
 */
export type WatchState = 'active' | 'ended' | 'gone' | 'expired' | 'removed';

export interface WatchDelivery {
  /** `ended` or `sub-job-failed:<sub_job_id>`. */
  event: string;
  target: string;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  /** When it was posted (ISO), or null. */
  sentAt: string | null;
  /** Why the last attempt failed (no address), or null. */
  lastError: string | null;
}

export interface Watch {
  id: string;
  region: string;
  projectId: string;
  jobId: string;
  target: string;
  subJobFailures: boolean;
  /** Who started it (their name in team mode), or null without sign-in. */
  createdBy: string | null;
  createdAt: string;
  state: WatchState;
  endedAt: string | null;
  /** The job's status word when the watch last polled it, or null before its first poll. */
  lastStatus: string | null;
  deliveries: WatchDelivery[];
}

/** `POST {base}/api/watches` body. */
export interface WatchRequest {
  region: string;
  projectId: string;
  jobId: string;
  target: string;
  subJobFailures?: boolean;
}

/** `GET {base}/api/watches`: active watches and those ended in the last 7 days, newest first. */
export interface WatchesResponse {
  watches: Watch[];
}

export const historyApiPath = (region: string, projectId: string, jobId: string): string =>
  `/api/history/${encodeURIComponent(region)}/${encodeURIComponent(projectId)}/${encodeURIComponent(jobId)}`;
