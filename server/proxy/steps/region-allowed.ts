import { PROXY_ERROR } from '../../../common/contract.ts';
import { jobOf, refuse, type ApiStep } from '../api-context.ts';

/** A region the credential may not be sent to (`SFS_TURBO_REGIONS`): nothing leaves the server. */
export function regionAllowed(allowed: ReadonlySet<string>): ApiStep {
  const allowedList = [...allowed].join(', ');
  return async (_req, res, api, next) => {
    const { region } = jobOf(api);
    if (allowed.has(region)) return next();
    refuse(
      res,
      api,
      403,
      PROXY_ERROR.regionNotAllowed,
      `This dashboard may not use its credential in region ${region}, so nothing was sent. ` +
        `It serves ${allowedList} (SFS_TURBO_REGIONS).`,
    );
  };
}
