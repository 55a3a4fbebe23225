/**
 * Fixed IDs of the simulator's scenarios. Tests import these rather than copying strings.
 *
 * Job IDs follow the two shapes real ones take: UUID-like with letters outside hex (the group
 * is spelled in the second block, so an ID says what it is) and 32 characters without dashes.
 */

/** The project every catalogue scenario lives in (32 lower-case hex, like an IAM project ID). */
export const DEMO_PROJECT_ID = '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20';

/**
 * A second demo project: the demo incident spans two projects (and, on its board, two
 * regions), as real incidents do.
 */
export const SECOND_PROJECT_ID = '5e1f0a2b3c4d4e5f8a9b0c1d2e3f4a5b';

const id = (group: string, n: number) =>
  `7c0e2a8e-${group}-4f00-9a00-${String(n).padStart(12, '0')}`;

export const SCENARIO = {
  // Live: the timeline starts when the job is first asked for.
  /** waiting 1 s, then five sub-jobs (overlapping and in sequence), `success` at 24 s. */
  running: id('live', 1),
  /** waiting 3 s, running, a sub-job fails at 15 s (SFS.TURBO.0030), the job `failed` at 16 s. */
  liveFailure: id('live', 2),
  /** `waiting` for ever, no `begin_time`. */
  waiting: id('live', 3),
  /** `running` for ever, for polling back-off. */
  runningForever: id('live', 4),
  /**
   * waiting 1 s, a sub-job fails at 8 s (SFS.TURBO.0029), the job `failed` at 10 s; from 30 s
   * (20 s after it ended) the cloud has forgotten it: 404 SFS.TURBO.0019.
   */
  forgotten: id('live', 5),

  // Finished before the first request.
  /** `success` two hours ago, three sub-jobs. 32 characters, no dashes. */
  success: '7c0e2a8edone4f009a00000000000001',
  /** `failed` 90 minutes ago; a sub-job carries SFS.TURBO.0029 "Subnet has not enough ips". */
  failed: id('done', 2),

  // Failures.
  /** failed at job level only, no `sub_jobs`. */
  jobFailure: id('fail', 1),
  /** three sub-jobs failed with different codes. */
  multipleFailures: id('fail', 2),
  /** a `fail_reason` of several hundred characters. */
  longFailReason: id('fail', 3),
  /** `failed` without `error_code` or `fail_reason`. */
  failedWithoutReason: id('fail', 4),
  /** five sub-jobs failed with one code (SFS.TURBO.0032), one succeeded. */
  sameCodeFailures: id('fail', 5),

  // One finished job per job type.
  typeCreateShare: id('type', 1),
  typeHpcCreateShare: id('type', 2),
  typeDeleteShare: id('type', 3),
  typeExtendShare: id('type', 4),
  typeChangeSecurityGroup: id('type', 5),
  typeCreateObsTarget: id('type', 6),
  typeDeleteObsTarget: id('type', 7),
  typeAddAdDomain: id('type', 8),
  typeChangeAdDomain: id('type', 9),
  typeQuitAdDomain: id('type', 10),
  typeBindLdap: id('type', 11),
  typeUnbindLdap: id('type', 12),
  typeUpdateLdap: id('type', 13),
  /** `job_type` not in any documentation (`create_backup`). */
  typeUndocumented: id('type', 14),

  // Sub-job layouts.
  /** no `sub_jobs` field. */
  noSubJobs: id('subs', 1),
  /** `sub_jobs: []`. */
  emptySubJobs: id('subs', 2),
  oneSubJob: id('subs', 3),
  /** live: four sub-jobs one after another, 20 s. */
  sequentialSubJobs: id('subs', 4),
  /** live: four sub-jobs running at once, 14 s. */
  overlappingSubJobs: id('subs', 5),
  /** live: 500 sub-jobs in waves over about a minute, two fail. */
  manySubJobs: id('subs', 6),
  /** 1000 sub-jobs frozen mid-flight (success, failed, running, waiting), for benchmarks. */
  benchmarkSubJobs: id('subs', 7),

  // Edge data.
  /** the documentation's own example: `bind_ldap`, `begin_time == end_time`. */
  docExample: '26f6b565-demo-DOCS-exam-03f0bd975433',
  /** `success` without `end_time`. */
  missingEndTime: id('edge', 1),
  /** ISO 8601 times (`2026-11-29T10:00:00Z`). */
  isoTimes: id('edge', 2),
  /** times no parser understands. */
  garbageTime: id('edge', 3),
  /** every field an empty string. */
  emptyStrings: id('edge', 4),
  /** `end_time` before `begin_time`. */
  endBeforeBegin: id('edge', 5),
  /** `status: "suspended"`, on the job and a sub-job. */
  unknownStatus: id('edge', 6),
  /** `SUCCESS`. */
  upperSuccess: id('edge', 7),
  /** `FAIL` with an error. */
  upperFail: id('edge', 8),
  /** `DOING` for ever. */
  upperDoing: id('edge', 9),
  /** `INIT` for ever. */
  upperInit: id('edge', 10),
  /** live: `INIT` → `DOING` → `SUCCESS` in 20 s. */
  upperLive: id('edge', 11),
  /** fields the documentation does not list, beside the usual ones. */
  extraFields: id('edge', 12),

  // The demo incident (home page: "Open the demo incident as a board").
  /** demo project, eu-de: a file system created 40 minutes ago, `success`. */
  incidentCreate: id('inci', 1),
  /** second project, eu-nl: capacity expansion `failed` 25 minutes ago, two sub-jobs failed. */
  incidentExtend: id('inci', 2),
  /** demo project, eu-de: a security-group change started 3 minutes before it was first asked for, runs 10 minutes. */
  incidentSecurityGroup: id('inci', 3),
  /** second project, eu-nl: an LDAP binding `waiting` for ever. */
  incidentWaiting: id('inci', 4),
  /** second project, eu-nl: a job the cloud does not know, 404 SFS.TURBO.0019. */
  incidentNotFound: id('inci', 404),

  // Lookup failures and odd answers.
  /** never exists: 404 SFS.TURBO.0019 "Invalid Job Id". */
  notFound: '7c0e2a8e-none-4f00-9a00-000000000404',
  /** 400 SFS.TURBO.0001 "parameter error" for a well-formed ID (the proxy never sends a malformed one). */
  badRequest: id('errs', 400),
  /** 401 APIG.0301, token expired (gateway shape). */
  unauthorized: id('errs', 401),
  /** 401 APIG.0307 "The token must be updated." */
  tokenOutdated: id('errs', 1401),
  /** 403 SFS.TURBO.9000 "no privileges to operate". */
  forbidden: id('errs', 403),
  /** 404 with SFS.TURBO.0001 "parameter error", as the documentation's 404 example reads. */
  notFoundDocShape: id('errs', 1404),
  /** 429 APIG.0308, throttled. */
  throttled: id('errs', 429),
  /** 500 SFS.TURBO.0005 "Internal server error". */
  serverError: id('errs', 500),
  /** 502 with an HTML page from a load balancer. */
  badGateway: id('errs', 502),
  /** 503 APIG.0613, IAM unavailable. */
  unavailable: id('errs', 503),
  /** answers after about 6 s (× latencyScale) with a running job that succeeds at 45 s. */
  slow: id('errs', 6000),
  /** every third request 500 SFS.TURBO.0005, the others a job running for 40 s, then `success`. */
  intermittent: id('errs', 3),
  /** 200 with `[]`. */
  notAnObject: id('errs', 200),
  /** 200 with `"ok"`. */
  stringBody: id('errs', 1200),
  /** 200 with numbers, `null` and an object where strings and a list belong. */
  wrongTypes: id('errs', 2200),
} as const;

export type ScenarioName = keyof typeof SCENARIO;
