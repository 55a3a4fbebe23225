import type { RegionsResponse } from '../../../common/contract.ts';
import { sendJson } from '../../http/responses.ts';
import type { ApiStep } from '../api-context.ts';

/** `/api/regions`: what the page needs to know about this proxy, fixed at start. */
export function regions(body: RegionsResponse): ApiStep {
  return async (_req, res, api, next) => {
    if (api.route.kind !== 'regions') return next();
    sendJson(res, 200, body);
  };
}
