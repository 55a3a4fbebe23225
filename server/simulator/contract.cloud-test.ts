/**
 * The ShowJobDetail contract (contract-suite.ts) against a real SFS Turbo endpoint:
 * `npm run test:contract` (vitest.cloud.config.ts), never part of `npm test`, which has no
 * credentials and no route to a cloud. Every variable is required: a run that cannot check
 * the contract fails and says why, rather than passing with nothing checked.
 *
 *   SFS_TURBO_CONTRACT_ENDPOINT=https://sfs-turbo.eu-de.otc.t-systems.com \
 *   SFS_TURBO_CONTRACT_TOKEN=$OS_TOKEN SFS_TURBO_CONTRACT_PROJECT_ID=<32-hex project> \
 *   SFS_TURBO_CONTRACT_JOB_ID=<an existing job> npm run test:contract
 */
import { describe } from 'vitest';
import { contractSuite } from './contract-suite.ts';

const VARIABLES = [
  'SFS_TURBO_CONTRACT_ENDPOINT',
  'SFS_TURBO_CONTRACT_TOKEN',
  'SFS_TURBO_CONTRACT_PROJECT_ID',
  'SFS_TURBO_CONTRACT_JOB_ID',
] as const;
const value = (name: (typeof VARIABLES)[number]) => process.env[name]?.trim() ?? '';
const missing = VARIABLES.filter((name) => value(name) === '');
if (missing.length > 0) {
  throw new Error(`npm run test:contract needs ${missing.join(', ')} (see docs/simulator.md)`);
}

describe(`ShowJobDetail contract: real endpoint ${value('SFS_TURBO_CONTRACT_ENDPOINT')}`, () => {
  contractSuite(() => ({
    baseUrl: value('SFS_TURBO_CONTRACT_ENDPOINT').replace(/\/+$/, ''),
    projectId: value('SFS_TURBO_CONTRACT_PROJECT_ID'),
    token: value('SFS_TURBO_CONTRACT_TOKEN'),
    jobIds: [value('SFS_TURBO_CONTRACT_JOB_ID')],
  }));
});
