import { describe, expect, it } from 'vitest';
import { closedPort, listen } from '../testing/servers.ts';
import { createReadiness } from './readiness.ts';

describe('readiness', () => {
  it('is ready with a credential, whatever IAM or the cloud do, until it drains', async () => {
    const readiness = createReadiness({
      credentials: { kind: 'password' },
      simulatorUrl: undefined,
    });
    expect(await readiness.check()).toEqual({ ready: true });
    // Nothing a lookup ends in can reach it: it has no way to learn from lookups.
    expect(Object.keys(readiness).sort()).toEqual(['check', 'drain']);
    readiness.drain();
    expect(await readiness.check()).toEqual({
      ready: false,
      reason: 'Shutting down: finishing requests in flight',
    });
  });

  it('follows the embedded simulator when simulated', async () => {
    const simulator = await listen((_req, res) => res.end('{}'));
    const up = createReadiness({ credentials: { kind: 'none' }, simulatorUrl: simulator.url });
    expect(await up.check()).toEqual({ ready: true });
    await simulator.close();
    const down = createReadiness({
      credentials: { kind: 'none' },
      simulatorUrl: `http://127.0.0.1:${await closedPort()}`,
    });
    expect(await down.check()).toEqual({
      ready: false,
      reason: 'The embedded simulator does not answer',
    });
  });

  it('names the variables to set when a real endpoint has no credential', async () => {
    const state = await createReadiness({
      credentials: { kind: 'none' },
      simulatorUrl: undefined,
    }).check();
    expect(state).toMatchObject({
      ready: false,
      reason: expect.stringMatching(/^No cloud credentials.*OS_TOKEN/),
    });
  });
});
