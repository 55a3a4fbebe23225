import type { ApiError, LookupFailureKind } from '../../lib/api-error';

interface Advice {
  title: string;
  causes: string[];
  next: string;
}

const ADVICE: Record<LookupFailureKind, Advice> = {
  'invalid-input': {
    title: 'The lookup was refused: invalid input',
    causes: [
      'The project ID or job ID is malformed, or the region is not one this dashboard serves.',
    ],
    next: 'Check the IDs against the ticket or the console and look the job up again.',
  },
  'not-found': {
    title: 'Job not found',
    causes: [
      'The job belongs to another region: job IDs are only known in the region that ran them.',
      'The project ID is not the one the job ran in.',
      'Job records expire some time after the job ends.',
    ],
    next: 'Try the other regions of the customer, and confirm the project ID in the console.',
  },
  unauthorized: {
    title: 'Not authorised: the cloud rejected the dashboard’s credentials',
    causes: [
      'The token configured on the dashboard server has expired or was revoked.',
      'The AK/SK pair is wrong, or the server clock is off by more than 15 minutes.',
    ],
    next: 'The operator of this dashboard must renew OS_TOKEN or fix OS_ACCESS_KEY/OS_SECRET_KEY or the IAM password settings, then restart it.',
  },
  forbidden: {
    title: 'Access denied to this job',
    causes: [
      'The dashboard’s IAM user has no SFS Turbo read permission in this project.',
      'The project ID belongs to another account.',
    ],
    next: 'Check the project ID; if it is right, grant the dashboard’s IAM user SFS Turbo read-only access in that project.',
  },
  throttled: {
    title: 'Throttled by the API gateway',
    causes: [
      'Too many requests to this API right now (the gateway’s default limit is 200 per second).',
    ],
    next: 'The dashboard retries with backoff by itself; nothing to do unless this persists.',
  },
  upstream: {
    title: 'The SFS Turbo service answered with an error',
    causes: ['A fault inside the cloud service or its gateway.'],
    next: 'The dashboard retries with backoff. If it persists, check the cloud status page and quote the request ID to the service team.',
  },
  unreachable: {
    title: 'The SFS Turbo endpoint could not be reached',
    causes: ['The dashboard server has no network path to the endpoint, or the endpoint is down.'],
    next: 'The dashboard retries with backoff. If it persists, check the dashboard server’s network and SFS_TURBO_ENDPOINT.',
  },
  timeout: {
    title: 'The SFS Turbo endpoint did not answer in time',
    causes: ['The cloud service is slow or overloaded, or the network path is congested.'],
    next: 'The dashboard retries with backoff. If it persists, quote the time and IDs to the service team.',
  },
  unexpected: {
    title: 'Unexpected response',
    causes: [
      'Something other than SFS Turbo answered (a load balancer or captive proxy), or the API changed.',
    ],
    next: 'The dashboard retries. The first part of the answer is shown below for the ticket.',
  },
};

// Codes that say more than their HTTP status.
const BY_CODE: Record<string, Advice> = {
  'PROXY.NO_CREDENTIALS': {
    title: 'No cloud credentials are configured on the dashboard server',
    causes: [
      'The dashboard points at a real SFS Turbo endpoint but was started without a credential.',
    ],
    next: 'The operator of this dashboard must set OS_TOKEN, OS_ACCESS_KEY and OS_SECRET_KEY, OS_USERNAME and OS_PASSWORD (with OS_AUTH_URL), or OS_CLOUD, and restart it.',
  },
  'PROXY.AUTH_FAILED': {
    title: 'The dashboard server could not log in to IAM',
    causes: [
      'The IAM user name, password or domain configured on the server is wrong, or IAM is unreachable.',
    ],
    next: 'The operator must check OS_USERNAME, OS_PASSWORD, OS_USER_DOMAIN_NAME and OS_AUTH_URL (or the clouds.yaml entry).',
  },
  'PROXY.REGION_NOT_ALLOWED': {
    title: 'This dashboard may not query that region',
    causes: [
      'The dashboard server sends its credential only to the regions it is configured for (SFS_TURBO_REGIONS), so that it never reaches another cloud.',
    ],
    next: 'Open the job on the dashboard that serves this region (a desk serving both clouds runs one per cloud), or ask the operator to allow the region if it belongs to the same cloud.',
  },
  'PROXY.RATE_LIMITED': {
    title: 'The dashboard server is holding back its IAM logins, or you made too many lookups',
    causes: [
      'The dashboard limits the requests each user sends to the cloud (RATE_LIMIT_UPSTREAM_PER_MIN), so that one script or a very large board cannot use up the cloud’s limit for the whole support team.',
      'Many projects were looked up within a minute: the server makes only a few IAM logins a minute (OS_AUTH_MAX_LOGINS_PER_MIN).',
      'A login for this project failed less than a minute ago: the server waits a minute before trying its password again, so that its IAM user is not locked.',
    ],
    next: 'Wait the time shown under “Try again in”; the page asks again by itself. If it keeps happening, the operator should check the server’s limits.',
  },
  'PROXY.UPSTREAM_LEAK': {
    title: 'The answer was withheld: it contained the dashboard’s credential',
    causes: [
      'Something between the dashboard server and the cloud echoes requests back (a debug page, a misconfigured gateway or proxy).',
    ],
    next: 'Tell the operator of this dashboard, with the time and the IDs asked for.',
  },
  'PROXY.FORBIDDEN': {
    title: 'No access to this dashboard',
    causes: ['You are signed in, but not on the dashboard’s list of allowed users or groups.'],
    next: 'Ask the team that runs the dashboard to add you or one of your groups.',
  },
  'APIG.0307': {
    title: 'Not authorised: the token must be renewed',
    causes: ['The IAM token configured on the dashboard server is outdated.'],
    next: 'The operator must issue a fresh token (OS_TOKEN) or configure password login so that tokens renew by themselves.',
  },
};

export function adviceFor(error: ApiError): Advice {
  // Own keys only: an errCode of "constructor" must not find Object.prototype's.
  return (
    (error.code && Object.hasOwn(BY_CODE, error.code) && BY_CODE[error.code]) || ADVICE[error.kind]
  );
}
