import { PROXY_ERROR } from '../../../common/contract.ts';
import type { ServerConfig } from '../../config/config.ts';
import { jobOf, refuse, type ApiStep } from '../api-context.ts';
import { hasUpstream } from '../forward.ts';

/** A region with no upstream to send to (not in the catalogue, no endpoint override). */
export function regionKnown(config: ServerConfig, simulated: boolean): ApiStep {
  return async (_req, res, api, next) => {
    const { region } = jobOf(api);
    if (hasUpstream(config, simulated, region)) return next();
    refuse(
      res,
      api,
      400,
      PROXY_ERROR.unknownRegion,
      `Region ${region} is not configured on this proxy`,
    );
  };
}
