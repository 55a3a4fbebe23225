import { PROXY_ERROR } from '../../../common/contract.ts';
import { refuse, type ApiStep } from '../api-context.ts';
import { matchApiRoute } from '../route.ts';

/**
 * Which of the two routes this is (`/api/regions`, or a job lookup) from the raw target;
 * anything else under `/api/` is a 404.
 */
export function route(): ApiStep {
  return async (req, res, api, next) => {
    const matched = matchApiRoute(req.url ?? '');
    api.route = matched;
    api.log.route = `api:${matched.kind}`;
    if (matched.kind === 'job' || matched.kind === 'history') {
      Object.assign(api.log, {
        region: matched.region,
        project: matched.projectId,
        job: matched.jobId,
      });
    }
    if (matched.kind !== 'unknown') return next();
    refuse(res, api, 404, PROXY_ERROR.notFound, 'No such API route on this proxy');
  };
}
