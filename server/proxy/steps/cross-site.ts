import { PROXY_ERROR } from '../../../common/contract.ts';
import { refuse, type ApiStep } from '../api-context.ts';
import { fromAnotherSite } from '../cross-site.ts';

/** Before anything else: a request another site made the browser send gets nothing. */
export function crossSite(): ApiStep {
  return async (req, res, api, next) => {
    if (!fromAnotherSite(req)) return next();
    refuse(
      res,
      api,
      403,
      PROXY_ERROR.crossSite,
      'The dashboard API only answers the dashboard’s own pages',
    );
  };
}
