import { SCENARIO, SECOND_PROJECT_ID } from './scenario-ids.ts';
import type { Scenario } from './scenario.ts';

const S = 1000;
const M = 60 * S;

/**
 * One incident across two projects and two regions: a customer's file system was created,
 * then its capacity expansion failed while a security-group change ran; an LDAP binding waits,
 * and one job ID in the ticket was mistyped. The home page opens them as one board.
 */
export const INCIDENT_SCENARIOS: Scenario[] = [
  {
    jobId: SCENARIO.incidentCreate,
    region: 'eu-de',
    group: 'Incident',
    title: 'Incident: file system created',
    description: 'Demo project, eu-de: created 40 minutes ago, three sub-jobs, success.',
    job: {
      jobType: 'create_share',
      subJobs: [
        { start: -40 * M, duration: 90 * S },
        { jobType: 'change_security_group', start: -40 * M + 60 * S, duration: 60 * S },
        { start: -40 * M + 120 * S, duration: 45 * S },
      ],
    },
  },
  {
    jobId: SCENARIO.incidentExtend,
    projectId: SECOND_PROJECT_ID,
    region: 'eu-nl',
    group: 'Incident',
    title: 'Incident: capacity expansion failed',
    description:
      'Second project, eu-nl: failed 25 minutes ago; two of three sub-jobs failed (SFS.TURBO.0030, SFS.TURBO.0011).',
    job: {
      jobType: 'extend_share',
      status: 'failed',
      subJobs: [
        { start: -30 * M, duration: 2 * M },
        {
          start: -28 * M,
          duration: 3 * M,
          status: 'failed',
          errorCode: 'SFS.TURBO.0030',
          failReason: 'Ecs resource not enough',
        },
        {
          start: -27 * M,
          duration: 2 * M,
          status: 'failed',
          errorCode: 'SFS.TURBO.0011',
          failReason: 'share is busy, retry later',
        },
      ],
    },
  },
  {
    jobId: SCENARIO.incidentSecurityGroup,
    region: 'eu-de',
    group: 'Incident',
    title: 'Incident: security group change running',
    description:
      'Demo project, eu-de: started 3 minutes before it was first asked for; succeeds 7 minutes later.',
    job: {
      jobType: 'change_security_group',
      subJobs: [
        { start: -3 * M, duration: 4 * M },
        { start: -1 * M, duration: 8 * M },
      ],
    },
  },
  {
    jobId: SCENARIO.incidentWaiting,
    projectId: SECOND_PROJECT_ID,
    region: 'eu-nl',
    group: 'Incident',
    title: 'Incident: LDAP binding waiting',
    description: 'Second project, eu-nl: waiting for ever, no begin_time.',
    job: { jobType: 'bind_ldap', status: 'waiting' },
  },
  {
    jobId: SCENARIO.incidentNotFound,
    projectId: SECOND_PROJECT_ID,
    region: 'eu-nl',
    group: 'Incident',
    title: 'Incident: mistyped job ID',
    description: 'Second project, eu-nl: no such job, 404 SFS.TURBO.0019.',
  },
];
