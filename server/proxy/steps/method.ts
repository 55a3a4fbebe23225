import { PROXY_ERROR } from '../../../common/contract.ts';
import { refuse, type ApiStep } from '../api-context.ts';
import type { ApiRoute } from '../route.ts';

/** The methods each route answers: the cloud's job only reads; watches are started and ended. */
const ALLOWED: Record<ApiRoute['kind'], readonly string[]> = {
  regions: ['GET', 'HEAD'],
  job: ['GET', 'HEAD'],
  history: ['GET', 'HEAD'],
  'notify-targets': ['GET', 'HEAD'],
  watches: ['GET', 'HEAD', 'POST'],
  watch: ['DELETE'],
  invalid: ['GET', 'HEAD'],
  unknown: ['GET', 'HEAD'],
};

export function method(): ApiStep {
  return async (req, res, api, next) => {
    const verb = req.method ?? 'GET';
    const allowed = ALLOWED[api.route.kind];
    if (allowed.includes(verb)) return next();
    const list = allowed.join(', ');
    refuse(
      res,
      api,
      405,
      PROXY_ERROR.methodNotAllowed,
      `Only ${list} ${allowed.length > 1 ? 'are' : 'is'} allowed`,
      {
        Allow: list,
      },
    );
  };
}
