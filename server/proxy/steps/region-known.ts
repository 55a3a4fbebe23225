import { PROXY_ERROR } from '../../../common/contract.ts';
import type { ServerConfig } from '../../config/config.ts';
import { refuse, regionOf, type ApiStep } from '../api-context.ts';
import { hasUpstream } from '../forward.ts';

/** A region with no upstream to send to (not in the catalogue, no endpoint override). */
export function regionKnown(config: ServerConfig, simulated: boolean): ApiStep {
  return async (_req, res, api, next) => {
    const region = regionOf(api);
    // Routes that name no region (the watch list, the destinations) pass; a watch's region is checked with its body.
    if (region === undefined) return next();
    if (hasUpstream(config, simulated, region)) return next();
    refuse(res, api, 400, PROXY_ERROR.unknownRegion, unknownRegionMessage(region));
  };
}

export const unknownRegionMessage = (region: string): string =>
  `Region ${region} is not configured on this proxy`;
