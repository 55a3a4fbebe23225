import { JOB_ID_PATTERN, PROJECT_ID_PATTERN, REGION_PATTERN } from '../../common/contract.ts';

export type ApiRoute =
  | { kind: 'regions' }
  | { kind: 'job'; region: string; projectId: string; jobId: string }
  /** `/api/history/{region}/{project_id}/{job_id}`: what this server saw of a job. */
  | { kind: 'history'; region: string; projectId: string; jobId: string }
  /** `/api/notify-targets`: the destinations' names. */
  | { kind: 'notify-targets' }
  /** `/api/watches`: list (GET) or start one (POST). */
  | { kind: 'watches' }
  /** `/api/watches/{id}`: end one (DELETE). */
  | { kind: 'watch'; id: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'unknown' };

const JOB_ROUTE_SHAPE = ['api', '*', 'v1', '*', 'sfs-turbo', 'jobs', '*'] as const;
const JOB_ROUTE_FAST =
  /^\/api\/([a-z0-9-]{1,40})\/v1\/([0-9a-f]{32})\/sfs-turbo\/jobs\/([A-Za-z0-9-]{1,64})$/;

/**
 * Matches a raw request target against the proxy's routes. The raw target is used on purpose:
 * anything a normalising URL parser would quietly rewrite (encoded characters, dot segments,
 * empty segments, queries) is refused here instead of being forwarded in some other form.
 */
export function matchApiRoute(rawTarget: string): ApiRoute {
  // Fast path for the request every open page repeats every few seconds. It only accepts
  // targets the full check below accepts too: every character class here is a subset of it.
  const fast = JOB_ROUTE_FAST.exec(rawTarget);
  if (fast) {
    const [, region = '', projectId = '', jobId = ''] = fast;
    if (REGION_PATTERN.test(region) && JOB_ID_PATTERN.test(jobId)) {
      return { kind: 'job', region, projectId, jobId };
    }
  }
  if (!rawTarget.startsWith('/')) {
    return {
      kind: 'invalid',
      message: 'Only origin-form request targets ("/api/...") are accepted',
    };
  }
  if (!rawTarget.startsWith('/api/') && rawTarget !== '/api') {
    return /^\/api[?#]/.test(rawTarget)
      ? { kind: 'invalid', message: 'Query strings and fragments are not accepted' }
      : { kind: 'unknown' };
  }
  if (/[?#%\\]/.test(rawTarget)) {
    return {
      kind: 'invalid',
      message: 'Query strings, fragments and encoded characters are not accepted',
    };
  }
  const segments = rawTarget.slice(1).split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return { kind: 'invalid', message: 'Empty or dot path segments are not accepted' };
  }
  if (segments.length === 2 && segments[1] === 'regions') return { kind: 'regions' };
  if (segments.length === 2 && segments[1] === 'notify-targets') return { kind: 'notify-targets' };
  if (segments.length === 2 && segments[1] === 'watches') return { kind: 'watches' };
  if (segments.length === 3 && segments[1] === 'watches') {
    const id = segments[2] ?? '';
    return WATCH_ID_PATTERN.test(id)
      ? { kind: 'watch', id }
      : { kind: 'invalid', message: 'Watch ID is malformed' };
  }
  if (segments.length === 5 && segments[1] === 'history') {
    const [, , region = '', projectId = '', jobId = ''] = segments;
    const invalid = jobIdsInvalid(region, projectId, jobId);
    return invalid
      ? { kind: 'invalid', message: invalid }
      : { kind: 'history', region, projectId, jobId };
  }

  const shaped =
    segments.length === JOB_ROUTE_SHAPE.length &&
    JOB_ROUTE_SHAPE.every((part, index) => part === '*' || part === segments[index]);
  if (!shaped) return { kind: 'unknown' };

  const [, region = '', , projectId = '', , , jobId = ''] = segments;
  const invalid = jobIdsInvalid(region, projectId, jobId);
  return invalid
    ? { kind: 'invalid', message: invalid }
    : { kind: 'job', region, projectId, jobId };
}

/** Watch IDs are UUIDs the server made. */
const WATCH_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What is wrong with a job's three IDs, in words, or undefined when nothing is. */
export function jobIdsInvalid(
  region: string,
  projectId: string,
  jobId: string,
): string | undefined {
  if (!REGION_PATTERN.test(region)) return 'Region ID is malformed';
  if (!PROJECT_ID_PATTERN.test(projectId))
    return 'Project ID must be 32 lower-case hexadecimal characters';
  if (!JOB_ID_PATTERN.test(jobId)) {
    return 'Job ID must be 1 to 64 letters, digits and dashes, starting and ending with a letter or digit';
  }
  return undefined;
}

// Absolute-form targets ("GET http://host/api/... HTTP/1.1") are legal HTTP; Node passes them
// through as req.url. They are claimed here, so that the proxy refuses them rather than the
// static file server interpreting them.
const API_TARGET = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/?#]*)?\/api(?:[/?#]|$)/i;

/** Whether a raw request target belongs to the proxy (then it answers it, whatever it is). */
export function isApiTarget(rawTarget: string): boolean {
  return rawTarget.startsWith('/api')
    ? /^\/api(?:[/?#]|$)/.test(rawTarget)
    : API_TARGET.test(rawTarget);
}
