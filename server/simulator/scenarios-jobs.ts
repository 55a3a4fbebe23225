import { frozenMix, waves } from './layouts.ts';
import { SCENARIO } from './scenario-ids.ts';
import type { Scenario } from './scenario.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

// Sub-jobs of the live demos use documented job types as the steps of a larger job; the
// documentation does not say which types sub-jobs really carry.
const live: Scenario[] = [
  {
    jobId: SCENARIO.running,
    group: 'Live',
    title: 'Running job, succeeds',
    description:
      'Waits 1 s, runs five sub-jobs (some overlapping, some in sequence) and succeeds at 24 s.',
    job: {
      jobType: 'hpc_create_share',
      subJobs: [
        { jobType: 'create_share', start: 1 * S, duration: 7 * S },
        { jobType: 'change_security_group', start: 3 * S, duration: 6 * S },
        { jobType: 'create_obs_target', start: 9 * S, duration: 6 * S },
        { jobType: 'create_obs_target', start: 11 * S, duration: 7 * S },
        { jobType: 'bind_ldap', start: 19 * S, duration: 5 * S },
      ],
    },
  },
  {
    jobId: SCENARIO.liveFailure,
    group: 'Live',
    title: 'Running job, fails',
    description:
      'Waits 3 s, runs; a sub-job fails at 15 s with SFS.TURBO.0030 and the job fails at 16 s. One sub-job never starts.',
    job: {
      jobType: 'create_share',
      start: 3 * S,
      duration: 13 * S,
      status: 'failed',
      errorCode: 'SFS.TURBO.0030',
      failReason: 'Ecs resource not enough',
      subJobs: [
        { start: 3 * S, duration: 5 * S },
        { jobType: 'change_security_group', start: 5 * S, duration: 4 * S },
        {
          start: 8 * S,
          duration: 7 * S,
          status: 'failed',
          errorCode: 'SFS.TURBO.0030',
          failReason: 'Ecs resource not enough',
        },
        { jobType: 'create_obs_target', status: 'waiting' },
      ],
    },
  },
  {
    jobId: SCENARIO.waiting,
    group: 'Live',
    title: 'Waiting job',
    description: 'Stays waiting for ever: no begin_time, no end_time.',
    job: { jobType: 'extend_share', status: 'waiting' },
  },
  {
    jobId: SCENARIO.runningForever,
    group: 'Live',
    title: 'Running job that never ends',
    description:
      'Started 5 minutes before it was first asked for and keeps running: polling slows down but never stops.',
    job: {
      jobType: 'create_obs_target',
      start: -5 * M,
      status: 'running',
      subJobs: [
        { start: -5 * M, duration: 40 * S },
        { start: -5 * M + 40 * S, status: 'running' },
      ],
    },
  },
  {
    jobId: SCENARIO.forgotten,
    group: 'Live',
    title: 'Failed job the cloud forgets',
    description:
      'Waits 1 s, a sub-job fails at 8 s with SFS.TURBO.0029 and the job fails at 10 s; from 30 s on the cloud answers 404, as it does once it drops a finished job. The dashboard still shows what it saw.',
    forgetAfterMs: 30 * S,
    job: {
      jobType: 'extend_share',
      start: 1 * S,
      duration: 9 * S,
      status: 'failed',
      errorCode: 'SFS.TURBO.0029',
      failReason: 'Subnet has not enough ips',
      subJobs: [
        { start: 1 * S, duration: 4 * S },
        {
          start: 2 * S,
          duration: 6 * S,
          status: 'failed',
          errorCode: 'SFS.TURBO.0029',
          failReason: 'Subnet has not enough ips',
        },
      ],
    },
  },
];

const finished: Scenario[] = [
  {
    jobId: SCENARIO.success,
    group: 'Finished',
    title: 'Finished job, success',
    description:
      'A file system created two hours ago: three sub-jobs, two of them overlapping. 32-character job ID.',
    job: {
      jobType: 'create_share',
      subJobs: [
        { start: -2 * H, duration: 40 * S },
        { jobType: 'change_security_group', start: -2 * H + 30 * S, duration: 50 * S },
        { start: -2 * H + 80 * S, duration: 20 * S },
      ],
    },
  },
  {
    jobId: SCENARIO.failed,
    group: 'Finished',
    title: 'Finished job, failed',
    description:
      'Failed 90 minutes ago: the second sub-job carries SFS.TURBO.0029 "Subnet has not enough ips".',
    job: {
      jobType: 'hpc_create_share',
      errorCode: 'SFS.TURBO.0029',
      failReason: 'Subnet has not enough ips',
      subJobs: [
        { jobType: 'create_share', start: -90 * M, duration: 20 * S },
        {
          jobType: 'create_share',
          start: -90 * M + 20 * S,
          duration: 15 * S,
          status: 'failed',
          errorCode: 'SFS.TURBO.0029',
          failReason: 'Subnet has not enough ips',
        },
      ],
    },
  },
];

const LONG_REASON =
  'Failed to add the storage backend: the OBS bucket "sfs-turbo-backend-eu-de-analytics-prod-01" could not be ' +
  'reached from the file system subnet after 5 attempts (last error: connection timed out after 30000 ms while ' +
  'resolving obs.eu-de.otc.t-systems.com through the VPC endpoint vpcep-2f8c4a1e-0d3b-4c6e-9b1a-7f5e3d2c1b0a). ' +
  'Check that the VPC endpoint for OBS exists in the same VPC, that its policy allows the bucket, that the ' +
  'security group of the file system allows outbound HTTPS (TCP 443), and that the bucket policy grants the ' +
  'SFS Turbo service account read and write access. The file system itself is unaffected; remove the storage ' +
  'backend and add it again once the network path works. Internal reference: obs-target-sync-worker-7 / ' +
  'task 9f1e2d3c-4b5a-6978-8f7e-6d5c4b3a2910.';

const failures: Scenario[] = [
  {
    jobId: SCENARIO.jobFailure,
    group: 'Failures',
    title: 'Failed at job level',
    description: 'No sub_jobs; the job itself failed with SFS.TURBO.0010 "Quota exceeds".',
    job: {
      jobType: 'extend_share',
      start: -40 * M,
      duration: 3 * S,
      status: 'failed',
      errorCode: 'SFS.TURBO.0010',
      failReason: 'Quota exceeds',
    },
  },
  {
    jobId: SCENARIO.multipleFailures,
    group: 'Failures',
    title: 'Several sub-jobs failed',
    description: 'Three sub-jobs failed with different codes (0029, 0030, 0032); one succeeded.',
    job: {
      jobType: 'hpc_create_share',
      errorCode: 'SFS.TURBO.0030',
      failReason: 'Ecs resource not enough',
      subJobs: [
        { jobType: 'create_share', start: -30 * M, duration: 25 * S },
        {
          jobType: 'create_share',
          start: -30 * M + 5 * S,
          duration: 30 * S,
          status: 'failed',
          errorCode: 'SFS.TURBO.0029',
          failReason: 'Subnet has not enough ips',
        },
        {
          jobType: 'create_share',
          start: -30 * M + 10 * S,
          duration: 45 * S,
          status: 'failed',
          errorCode: 'SFS.TURBO.0030',
          failReason: 'Ecs resource not enough',
        },
        {
          jobType: 'create_share',
          start: -30 * M + 12 * S,
          duration: 50 * S,
          status: 'failed',
          errorCode: 'SFS.TURBO.0032',
          failReason: 'EVS Resource Not Enough',
        },
      ],
    },
  },
  {
    jobId: SCENARIO.sameCodeFailures,
    group: 'Failures',
    title: 'Five sub-jobs failed with one code',
    description: 'Five sub-jobs failed, each with SFS.TURBO.0032; one succeeded.',
    job: {
      jobType: 'hpc_create_share',
      errorCode: 'SFS.TURBO.0032',
      failReason: 'EVS Resource Not Enough',
      subJobs: [
        { jobType: 'create_share', start: -20 * M, duration: 20 * S },
        ...[0, 1, 2, 3, 4].map((n) => ({
          jobType: 'create_share',
          start: -20 * M + (n + 1) * 5 * S,
          duration: 30 * S,
          status: 'failed' as const,
          errorCode: 'SFS.TURBO.0032',
          failReason: 'EVS Resource Not Enough',
        })),
      ],
    },
  },
  {
    jobId: SCENARIO.longFailReason,
    group: 'Failures',
    title: 'Long failure reason',
    description: `A fail_reason of ${LONG_REASON.length} characters, on the job and its sub-job.`,
    job: {
      jobType: 'create_obs_target',
      errorCode: 'SFS.TURBO.0005',
      failReason: LONG_REASON,
      subJobs: [
        {
          start: -15 * M,
          duration: 2 * M,
          status: 'failed',
          errorCode: 'SFS.TURBO.0005',
          failReason: LONG_REASON,
        },
      ],
    },
  },
  {
    jobId: SCENARIO.failedWithoutReason,
    group: 'Failures',
    title: 'Failed without a reason',
    description: 'Status failed, but neither error_code nor fail_reason.',
    job: { jobType: 'delete_share', start: -25 * M, duration: 12 * S, status: 'failed' },
  },
];

const JOB_TYPES: [keyof typeof SCENARIO, string, string][] = [
  ['typeCreateShare', 'create_share', 'creating a file system'],
  ['typeHpcCreateShare', 'hpc_create_share', 'creating an HPC file system'],
  ['typeDeleteShare', 'delete_share', 'deleting a file system'],
  ['typeExtendShare', 'extend_share', 'expanding the capacity of a file system'],
  [
    'typeChangeSecurityGroup',
    'change_security_group',
    'changing the security group of a file system',
  ],
  ['typeCreateObsTarget', 'create_obs_target', 'adding a storage backend'],
  ['typeDeleteObsTarget', 'delete_obs_target', 'removing a storage backend'],
  ['typeAddAdDomain', 'add_ad_domain', 'joining an AD domain'],
  ['typeChangeAdDomain', 'change_ad_domain', 'changing the AD domain settings'],
  ['typeQuitAdDomain', 'quit_ad_domain', 'leaving an AD domain'],
  ['typeBindLdap', 'bind_ldap', 'binding an LDAP server'],
  ['typeUnbindLdap', 'unbind_ldap', 'unbinding the LDAP server'],
  ['typeUpdateLdap', 'update_ldap', 'updating the LDAP settings'],
  ['typeUndocumented', 'create_backup', 'a job type no documentation lists'],
];

/** The job types ShowJobDetail and newer SFS Turbo pages document. */
export const DOCUMENTED_JOB_TYPES = JOB_TYPES.map(([, type]) => type).filter(
  (type) => type !== 'create_backup',
);

// Every other type gets one sub-job, so the type shows both on a job and on a sub-job.
const jobTypes: Scenario[] = JOB_TYPES.map(([name, jobType, meaning], index) => {
  const start = -(index + 1) * 10 * M;
  const duration = ((index % 4) + 1) * 17 * S;
  return {
    jobId: SCENARIO[name],
    group: 'Job types',
    title: jobType,
    description: `Finished ${jobType} job (${meaning}).`,
    job: {
      jobType,
      start,
      duration,
      ...(index % 2 === 0 ? { subJobs: [{ start, duration }] } : {}),
    },
  };
});

const layouts: Scenario[] = [
  {
    jobId: SCENARIO.noSubJobs,
    group: 'Layouts',
    title: 'No sub_jobs field',
    description: 'A finished job whose body has no sub_jobs at all.',
    job: { jobType: 'delete_share', start: -20 * M, duration: 9 * S },
  },
  {
    jobId: SCENARIO.emptySubJobs,
    group: 'Layouts',
    title: 'Empty sub_jobs list',
    description: 'A finished job with "sub_jobs": [].',
    job: { jobType: 'extend_share', start: -20 * M, duration: 21 * S, subJobs: [] },
  },
  {
    jobId: SCENARIO.oneSubJob,
    group: 'Layouts',
    title: 'One sub-job',
    description: 'A finished job with a single sub-job.',
    job: { jobType: 'change_security_group', subJobs: [{ start: -20 * M, duration: 14 * S }] },
  },
  {
    jobId: SCENARIO.sequentialSubJobs,
    group: 'Layouts',
    title: 'Sub-jobs in sequence',
    description: 'Live: four sub-jobs one after another, 5 s each, success at 21 s.',
    job: {
      jobType: 'create_share',
      subJobs: [0, 1, 2, 3].map((n) => ({ start: (1 + 5 * n) * S, duration: 5 * S })),
    },
  },
  {
    jobId: SCENARIO.overlappingSubJobs,
    group: 'Layouts',
    title: 'Overlapping sub-jobs',
    description: 'Live: four sub-jobs running at the same time, success at 13 s.',
    job: {
      jobType: 'hpc_create_share',
      subJobs: [
        { start: 1 * S, duration: 12 * S },
        { start: 1.5 * S, duration: 9 * S },
        { start: 2 * S, duration: 11 * S },
        { start: 3 * S, duration: 10 * S },
      ],
    },
  },
  {
    jobId: SCENARIO.manySubJobs,
    group: 'Layouts',
    title: '500 sub-jobs',
    description:
      'Live: 500 sub-jobs in waves of 25 over about a minute; two fail with SFS.TURBO.0037, so the job fails.',
    job: {
      jobType: 'hpc_create_share',
      errorCode: 'SFS.TURBO.0037',
      failReason: 'Operation conflict, client retry',
      subJobs: waves(500, [137, 388]),
    },
  },
  {
    jobId: SCENARIO.benchmarkSubJobs,
    group: 'Layouts',
    title: '1000 sub-jobs (benchmark)',
    description:
      'Frozen mid-flight: 600 done, 5 failed, 200 running, 195 waiting; the job runs for ever.',
    job: { jobType: 'hpc_create_share', start: -H, status: 'running', subJobs: frozenMix(1000) },
  },
];

export const JOB_SCENARIOS: Scenario[] = [
  ...live,
  ...finished,
  ...failures,
  ...jobTypes,
  ...layouts,
];
