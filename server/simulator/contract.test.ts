/**
 * The ShowJobDetail contract (contract-suite.ts) against the simulator, in every `npm test`.
 * The same suite runs against a real endpoint with `npm run test:contract`.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { contractSuite, type ContractTarget } from './contract-suite.ts';
import {
  DEMO_PROJECT_ID,
  DEMO_USER,
  SCENARIO,
  startSimulator,
  type RunningSimulator,
} from './simulator.ts';

describe('ShowJobDetail contract: embedded simulator', () => {
  let running: RunningSimulator;
  let target: ContractTarget;
  beforeAll(async () => {
    running = await startSimulator({ auth: {} });
    const login = await fetch(`${running.url}/v3/auth/tokens?nocatalog=true`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: {
              user: {
                name: DEMO_USER.name,
                password: DEMO_USER.password,
                domain: { name: DEMO_USER.domain },
              },
            },
          },
          scope: { project: { id: DEMO_PROJECT_ID } },
        },
      }),
    });
    target = {
      baseUrl: running.url,
      projectId: DEMO_PROJECT_ID,
      token: login.headers.get('x-subject-token') ?? '',
      jobIds: [
        SCENARIO.running,
        SCENARIO.liveFailure,
        SCENARIO.waiting,
        SCENARIO.runningForever,
        SCENARIO.success,
        SCENARIO.failed,
        SCENARIO.jobFailure,
        SCENARIO.longFailReason,
        SCENARIO.docExample,
        SCENARIO.noSubJobs,
        SCENARIO.emptySubJobs,
        SCENARIO.manySubJobs,
        SCENARIO.benchmarkSubJobs,
        SCENARIO.typeCreateShare,
        SCENARIO.typeUndocumented,
      ],
    };
  });
  afterAll(async () => {
    await running.close();
  });
  contractSuite(() => target);
});
