import { PROXY_ERROR } from '../../../common/contract.ts';
import type { CredentialProvider } from '../../credentials/provider.ts';
import { refuse, type ApiStep } from '../api-context.ts';

/** A real upstream needs a credential; the simulator needs none. */
export function credential(credentials: CredentialProvider, simulated: boolean): ApiStep {
  return async (_req, res, api, next) => {
    if (simulated || credentials.kind !== 'none') return next();
    refuse(
      res,
      api,
      401,
      PROXY_ERROR.noCredentials,
      'No cloud credentials are configured on the dashboard server, so the request was not sent. ' +
        'Set OS_TOKEN, OS_ACCESS_KEY and OS_SECRET_KEY, OS_USERNAME and OS_PASSWORD, or OS_CLOUD (see docs/configuration.md).',
    );
  };
}
