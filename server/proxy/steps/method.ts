import { PROXY_ERROR } from '../../../common/contract.ts';
import { refuse, type ApiStep } from '../api-context.ts';
import type { ApiRoute } from '../route.ts';

/** The methods each route answers: the cloud's job only reads; watches are started and ended. */
const ALLOWED: Record<Exclude<ApiRoute['kind'], 'invalid'>, readonly string[]> = {
  regions: ['GET', 'HEAD'],
  job: ['GET', 'HEAD'],
  history: ['GET', 'HEAD'],
  'notify-targets': ['GET', 'HEAD'],
  watches: ['GET', 'HEAD', 'POST'],
  watch: ['DELETE'],
  unknown: ['GET', 'HEAD'],
};

export function method(): ApiStep {
  return async (req, res, api, next) => {
    // A known route with a malformed part is refused as such, whatever the method (400, with
    // what is wrong: `wellFormed`): a DELETE of a malformed watch ID is not "DELETE not allowed".
    if (api.route.kind === 'invalid') return next();
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
