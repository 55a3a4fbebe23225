import { PROXY_ERROR } from '../../../common/contract.ts';
import { refuse, regionOf, type ApiStep } from '../api-context.ts';

/** A region the credential may not be sent to (`SFS_TURBO_REGIONS`): nothing leaves the server. */
export function regionAllowed(allowed: ReadonlySet<string>): ApiStep {
  return async (_req, res, api, next) => {
    const region = regionOf(api);
    // Routes that name no region (the watch list, the destinations) pass; a watch's region is checked with its body.
    if (region === undefined) return next();
    if (allowed.has(region)) return next();
    refuse(res, api, 403, PROXY_ERROR.regionNotAllowed, regionNotAllowedMessage(region, allowed));
  };
}

export const regionNotAllowedMessage = (region: string, allowed: ReadonlySet<string>): string =>
  `This dashboard may not use its credential in region ${region}, so nothing was sent. ` +
  `It serves ${[...allowed].join(', ')} (SFS_TURBO_REGIONS).`;
