import { PROXY_ERROR } from '../../../common/contract.ts';
import { refuse, type ApiStep } from '../api-context.ts';

/** The API only reads. */
export function method(): ApiStep {
  return async (req, res, api, next) => {
    const verb = req.method ?? 'GET';
    if (verb === 'GET' || verb === 'HEAD') return next();
    refuse(res, api, 405, PROXY_ERROR.methodNotAllowed, 'Only GET and HEAD are allowed', {
      Allow: 'GET, HEAD',
    });
  };
}
