import { DEMO_PROJECT_ID, SCENARIO } from './scenario-ids.ts';
import type { Scenario } from './scenario.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

const UPPER = { waiting: 'INIT', running: 'DOING', success: 'SUCCESS', failed: 'FAIL' } as const;

export const EDGE_SCENARIOS: Scenario[] = [
  {
    jobId: SCENARIO.docExample,
    group: 'Edge data',
    title: 'The documentation example',
    description:
      'bind_ldap, success, begin_time equal to end_time, no sub_jobs; the ID has upper-case letters.',
    job: { jobType: 'bind_ldap', start: -H, duration: 0 },
  },
  {
    jobId: SCENARIO.missingEndTime,
    group: 'Edge data',
    title: 'Finished without end_time',
    description: 'Status success, but no end_time on the job or its sub-job.',
    job: {
      jobType: 'create_share',
      override: { end_time: null },
      subJobs: [{ start: -30 * M, duration: 70 * S, override: { end_time: null } }],
    },
  },
  {
    jobId: SCENARIO.isoTimes,
    group: 'Edge data',
    title: 'ISO 8601 times',
    description: 'Times written as 2026-11-29T10:00:00Z instead of 2026-11-29 10:00:00.',
    job: {
      jobType: 'extend_share',
      timeFormat: 'iso',
      subJobs: [
        { start: -45 * M, duration: 30 * S },
        { start: -45 * M + 30 * S, duration: 45 * S },
      ],
    },
  },
  {
    jobId: SCENARIO.garbageTime,
    group: 'Edge data',
    title: 'Unreadable times',
    description: 'begin_time and end_time that no parser understands, on the job and a sub-job.',
    job: {
      jobType: 'delete_obs_target',
      override: { begin_time: 'yesterday around noon', end_time: '29.11.2026 11:00 CET' },
      subJobs: [
        {
          start: -H,
          duration: 10 * S,
          override: { begin_time: '2026-13-45 25:61:61', end_time: 'n/a' },
        },
      ],
    },
  },
  {
    jobId: SCENARIO.emptyStrings,
    group: 'Edge data',
    title: 'Empty strings',
    description: 'Every field but job_id is an empty string; the sub-job has an empty job_id too.',
    job: {
      jobType: 'create_share',
      override: {
        status: '',
        job_type: '',
        begin_time: '',
        end_time: '',
        error_code: '',
        fail_reason: '',
      },
      subJobs: [
        {
          start: -H,
          duration: S,
          override: {
            job_id: '',
            status: '',
            job_type: '',
            begin_time: '',
            end_time: '',
            error_code: '',
            fail_reason: '',
          },
        },
      ],
    },
  },
  {
    jobId: SCENARIO.endBeforeBegin,
    group: 'Edge data',
    title: 'Ends before it begins',
    description:
      'end_time 5 minutes before begin_time, on the job and a sub-job (clock trouble on the server).',
    // A negative duration is how a spec says "end before begin".
    job: {
      jobType: 'extend_share',
      start: -H,
      duration: -5 * M,
      subJobs: [{ start: -H, duration: -5 * M }],
    },
  },
  {
    jobId: SCENARIO.unknownStatus,
    group: 'Edge data',
    title: 'Unknown status',
    description: 'status "suspended" on the job and one sub-job; the other sub-job succeeded.',
    job: {
      jobType: 'change_ad_domain',
      status: 'suspended',
      start: -20 * M,
      duration: 2 * M,
      subJobs: [
        { start: -20 * M, duration: 30 * S },
        { start: -20 * M + 30 * S, duration: 90 * S, status: 'suspended' },
      ],
    },
  },
  {
    jobId: SCENARIO.upperSuccess,
    group: 'Edge data',
    title: 'Upper-case SUCCESS',
    description: 'status "SUCCESS", as sibling Huawei task APIs spell it.',
    job: {
      jobType: 'update_ldap',
      statusNames: UPPER,
      subJobs: [{ start: -10 * M, duration: 8 * S }],
    },
  },
  {
    jobId: SCENARIO.upperFail,
    group: 'Edge data',
    title: 'Upper-case FAIL',
    description: 'status "FAIL" with SFS.TURBO.0011 "Cluster is doing something".',
    job: {
      jobType: 'unbind_ldap',
      statusNames: UPPER,
      errorCode: 'SFS.TURBO.0011',
      failReason: 'Cluster is doing something',
      subJobs: [
        {
          start: -10 * M,
          duration: 4 * S,
          status: 'failed',
          errorCode: 'SFS.TURBO.0011',
          failReason: 'Cluster is doing something',
        },
      ],
    },
  },
  {
    jobId: SCENARIO.upperDoing,
    group: 'Edge data',
    title: 'Upper-case DOING',
    description: 'status "DOING" for ever.',
    job: { jobType: 'add_ad_domain', statusNames: UPPER, start: -2 * M, status: 'running' },
  },
  {
    jobId: SCENARIO.upperInit,
    group: 'Edge data',
    title: 'Upper-case INIT',
    description: 'status "INIT" for ever, no begin_time.',
    job: { jobType: 'quit_ad_domain', statusNames: UPPER, status: 'waiting' },
  },
  {
    jobId: SCENARIO.upperLive,
    group: 'Edge data',
    title: 'Upper-case, live',
    description: 'Live: INIT for 2 s, DOING, SUCCESS at 20 s.',
    job: {
      jobType: 'bind_ldap',
      statusNames: UPPER,
      subJobs: [
        { start: 2 * S, duration: 8 * S },
        { start: 8 * S, duration: 12 * S },
      ],
    },
  },
  {
    jobId: SCENARIO.extraFields,
    group: 'Edge data',
    title: 'Undocumented fields',
    description:
      'Fields the documentation does not list (progress, project_id, entities), on the job and its sub-job.',
    job: {
      jobType: 'create_share',
      override: {
        progress: '100%',
        project_id: DEMO_PROJECT_ID,
        entities: {
          share_id: '3c2f1e0d-9b8a-4c7d-8e6f-5a4b3c2d1e0f',
          share_name: 'sfs-turbo-demo',
        },
      },
      subJobs: [{ start: -12 * M, duration: 35 * S, override: { progress: '100%', retries: '0' } }],
    },
  },
];
