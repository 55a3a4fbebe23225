import { PROXY_ERROR } from '../../../common/contract.ts';
import { refuse, type ApiStep } from '../api-context.ts';

/** A known route with a malformed part (a query, an encoded slash, an ID of the wrong shape). */
export function wellFormed(): ApiStep {
  return async (_req, res, api, next) => {
    if (api.route.kind !== 'invalid') return next();
    refuse(res, api, 400, PROXY_ERROR.badRequest, api.route.message);
  };
}
