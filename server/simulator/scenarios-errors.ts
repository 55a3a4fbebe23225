import { GATEWAY, SFS } from './errors.ts';
import { formatKeystoneTime } from './format.ts';
import { SCENARIO } from './scenario-ids.ts';
import type { Scenario } from './scenario.ts';

const S = 1000;
const H = 3600 * S;

const LOAD_BALANCER_PAGE = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

export const ERROR_SCENARIOS: Scenario[] = [
  {
    jobId: SCENARIO.notFound,
    group: 'Errors',
    title: 'Job not found',
    description: '404 SFS.TURBO.0019 "Invalid Job Id": no such job in the project.',
    // Not in the job index: answered by the ordinary unknown-job path.
  },
  {
    jobId: SCENARIO.badRequest,
    group: 'Errors',
    title: 'Bad request',
    description: '400 SFS.TURBO.0001 "parameter error" for a well-formed ID.',
    answer: () => SFS.parameterError(),
  },
  {
    jobId: SCENARIO.unauthorized,
    group: 'Errors',
    title: 'Token expired',
    description: '401 APIG.0301 from the API gateway: the token expired an hour ago.',
    answer: ({ requestId, nowMs }) =>
      GATEWAY.incorrectAuth(
        `token expires, expires_at: ${formatKeystoneTime(nowMs - H)}`,
        requestId,
      ),
  },
  {
    jobId: SCENARIO.tokenOutdated,
    group: 'Errors',
    title: 'Token must be updated',
    description: '401 APIG.0307 "The token must be updated." from the API gateway.',
    answer: ({ requestId }) => GATEWAY.tokenMustBeUpdated(requestId),
  },
  {
    jobId: SCENARIO.forbidden,
    group: 'Errors',
    title: 'No privileges',
    description: '403 SFS.TURBO.9000 "no privileges to operate".',
    answer: () => SFS.noPrivileges(),
  },
  {
    jobId: SCENARIO.notFoundDocShape,
    group: 'Errors',
    title: 'Not found, documentation shape',
    description:
      '404 with SFS.TURBO.0001 "parameter error", as the documentation\'s 404 example reads.',
    answer: () => ({ ...SFS.parameterError(), status: 404 }),
  },
  {
    jobId: SCENARIO.throttled,
    group: 'Errors',
    title: 'Throttled',
    description: '429 APIG.0308 from the API gateway, every time.',
    answer: ({ requestId }) => ({
      ...GATEWAY.throttled(requestId),
      headers: { 'Retry-After': '5' },
    }),
  },
  {
    jobId: SCENARIO.serverError,
    group: 'Errors',
    title: 'Internal server error',
    description: '500 SFS.TURBO.0005 "Internal server error", every time.',
    answer: () => SFS.internal(),
  },
  {
    jobId: SCENARIO.badGateway,
    group: 'Errors',
    title: 'HTML from a load balancer',
    description: '502 with an nginx HTML page instead of JSON.',
    answer: () => ({ status: 502, body: LOAD_BALANCER_PAGE, contentType: 'text/html' }),
  },
  {
    jobId: SCENARIO.unavailable,
    group: 'Errors',
    title: 'IAM unavailable',
    description: '503 APIG.0613 from the API gateway.',
    answer: ({ requestId }) => GATEWAY.iamUnavailable(requestId),
  },
  {
    jobId: SCENARIO.slow,
    group: 'Errors',
    title: 'Slow answers',
    description: 'Every answer takes about 6 s; the job runs and succeeds at 45 s.',
    delayMs: 6 * S,
    job: { jobType: 'extend_share', duration: 45 * S, subJobs: [{ start: 0, duration: 45 * S }] },
  },
  {
    jobId: SCENARIO.intermittent,
    group: 'Errors',
    title: 'Fails intermittently',
    description:
      'Every third request answers 500 SFS.TURBO.0005; the others show a job that succeeds at 40 s.',
    answer: ({ count }) => (count % 3 === 0 ? SFS.internal() : undefined),
    job: {
      jobType: 'create_share',
      subJobs: [
        { start: 0, duration: 25 * S },
        { jobType: 'change_security_group', start: 20 * S, duration: 20 * S },
      ],
    },
  },
  {
    jobId: SCENARIO.notAnObject,
    group: 'Errors',
    title: 'Body is a list',
    description: '200 with [] as the body.',
    answer: () => ({ status: 200, body: [] }),
  },
  {
    jobId: SCENARIO.stringBody,
    group: 'Errors',
    title: 'Body is a string',
    description: '200 with "ok" as the body.',
    answer: () => ({ status: 200, body: 'ok' }),
  },
  {
    jobId: SCENARIO.wrongTypes,
    group: 'Errors',
    title: 'Wrong types',
    description: '200 with numbers, null and an object where strings and a list belong.',
    answer: () => ({
      status: 200,
      body: {
        job_id: 12345,
        status: 1,
        job_type: null,
        begin_time: 1764410038,
        end_time: 1764410099,
        error_code: 0,
        fail_reason: false,
        sub_jobs: { job_id: 'not-a-list', status: 'success' },
      },
    }),
  },
];
