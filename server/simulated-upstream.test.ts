/**
 * When the upstream is a simulator: on loopback with nothing configured (a personal start),
 * on any other address only when asked for (`SFS_TURBO_SIMULATOR=1`), and a standalone
 * simulator shared by several replicas (`SFS_TURBO_SIMULATOR=1` with `SFS_TURBO_ENDPOINT`),
 * which keeps everything a simulated server shows: the banner, the demo list, every region.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionsResponse } from '../common/contract.ts';
import { ConfigError } from './config/config.ts';
import type { Env } from './config/variables.ts';
import {
  SCENARIO,
  SECOND_PROJECT_ID,
  DEMO_PROJECT_ID,
  startSimulator,
  type RunningSimulator,
} from './simulator/simulator.ts';
import { fakeDist, startApp, type AppUnderTest } from './testing/app.ts';

let dist: ReturnType<typeof fakeDist>;
const running: AppUnderTest[] = [];

beforeAll(() => {
  dist = fakeDist();
});
afterAll(async () => {
  await Promise.all(running.map((app) => app.close()));
  dist?.remove();
});

async function start(env: Env): Promise<AppUnderTest> {
  const app = await startApp({ SFS_TURBO_DIST: dist.dir, ...env });
  running.push(app);
  return app;
}

async function refusal(env: Env): Promise<unknown> {
  return start(env).then(
    () => new Error('the server started'),
    (error: unknown) => error,
  );
}

const regions = async (app: AppUnderTest) =>
  (await (await fetch(`http://127.0.0.1:${app.port}/api/regions`)).json()) as RegionsResponse;

// `HOST` is what a deployment sets; the test server itself still listens on loopback.
const TEAM = { HOST: '0.0.0.0', AUTH_MODE: 'none' };

describe('the simulator on a server others can reach', () => {
  it('does not start with no credential and no SFS_TURBO_SIMULATOR, saying what to set', async () => {
    const error = await refusal(TEAM);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      'No cloud credential is configured and HOST=0.0.0.0 is not a loopback address: set one (docs/configuration.md#credentials), or SFS_TURBO_SIMULATOR=1 to serve simulated data on purpose',
    );
  });

  it('serves simulated data when asked for with SFS_TURBO_SIMULATOR=1', async () => {
    const app = await start({ ...TEAM, SFS_TURBO_SIMULATOR: '1' });
    expect((await regions(app)).simulated).toBe(true);
    expect((await fetch(`http://127.0.0.1:${app.port}/readyz`)).status).toBe(200);
  });

  it('still starts the simulator by itself on loopback', async () => {
    const app = await start({ HOST: '127.0.0.1' });
    expect((await regions(app)).simulated).toBe(true);
  });

  it('never with a credential, and not at all with SFS_TURBO_SIMULATOR=0', async () => {
    const both = await refusal({ SFS_TURBO_SIMULATOR: '1', OS_TOKEN: 'a-token-0123456789' });
    expect((both as Error).message).toMatch(
      /^SFS_TURBO_SIMULATOR=1 and a credential \(IAM token from OS_TOKEN\) are both set/,
    );
    expect((both as Error).message).not.toContain('a-token-0123456789');
    const off = await start({ HOST: '127.0.0.1', SFS_TURBO_SIMULATOR: '0' });
    expect((await regions(off)).simulated).toBe(false);
    expect((await fetch(`http://127.0.0.1:${off.port}/readyz`)).status).toBe(503);
    expect(((await refusal({ SFS_TURBO_SIMULATOR: 'yes' })) as Error).message).toBe(
      'SFS_TURBO_SIMULATOR must be 1 or 0, got "yes"',
    );
  });
});

describe('one standalone simulator shared by two replicas', () => {
  let simulator: RunningSimulator;
  let replicas: AppUnderTest[];

  beforeAll(async () => {
    simulator = await startSimulator({ host: '127.0.0.1', port: 0 });
    const env = {
      ...TEAM,
      SFS_TURBO_SIMULATOR: '1',
      SFS_TURBO_ENDPOINT: simulator.url,
      SFS_TURBO_CACHE_MS: '0',
    };
    replicas = [await start(env), await start(env)];
  });
  afterAll(async () => {
    await simulator?.close();
  });

  it('keeps the simulated-data banner and the demo list', async () => {
    for (const replica of replicas) {
      const body = await regions(replica);
      expect(body.simulated).toBe(true);
      expect(body.demoJobs.length).toBeGreaterThan(10);
      expect(body.regions.map((region) => region.id)).toEqual(
        expect.arrayContaining(['eu-de', 'eu-nl']),
      );
    }
    expect((await fetch(`http://127.0.0.1:${replicas[0]!.port}/readyz`)).status).toBe(200);
  });

  it("serves the demo incident's second region and shows one clock on every replica", async () => {
    const other = await fetch(
      `http://127.0.0.1:${replicas[1]!.port}/api/eu-nl/v1/${SECOND_PROJECT_ID}/sfs-turbo/jobs/${SCENARIO.incidentExtend}`,
    );
    expect(other.status).toBe(200);
    const live = `/api/eu-de/v1/${DEMO_PROJECT_ID}/sfs-turbo/jobs/${SCENARIO.incidentSecurityGroup}`;
    const begins = [];
    for (const replica of [...replicas, ...replicas]) {
      const body = (await (await fetch(`http://127.0.0.1:${replica.port}${live}`)).json()) as {
        begin_time: string;
      };
      begins.push(body.begin_time);
    }
    expect(new Set(begins).size).toBe(1);
    expect(simulator.simulator.stats().total).toBe(5);
  });
});
