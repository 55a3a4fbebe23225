import { describe, expect, it } from 'vitest';
import { testSimulator, type TestSimulator } from './test-support.ts';

const postJson = (sim: TestSimulator, path: string, body: unknown, headers = {}) =>
  sim.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

interface Listed {
  received: {
    kind: string;
    name: string;
    at: string;
    answered: number;
    body: unknown;
    raw: string;
    signature: string | null;
    timestamp: string | null;
    delivery: string | null;
    event: string | null;
  }[];
}

describe('the simulator’s webhook receiver', () => {
  it('answers as Slack, Teams and a JSON receiver do, and lists what arrived', async () => {
    const sim = await testSimulator();
    const slack = await postJson(sim, '/__simulator/webhooks/slack/inc-channel', { text: 'hi' });
    expect([slack.status, slack.text]).toEqual([200, 'ok']);
    const teams = await postJson(sim, '/__simulator/webhooks/teams/ops', { type: 'message' });
    expect([teams.status, teams.text]).toEqual([202, '']);
    sim.clock.tick(1500);
    const json = await postJson(
      sim,
      '/__simulator/webhooks/json/pager',
      { event: 'ended' },
      {
        'X-Sfs-Turbo-Signature': 'sha256=abc',
        'X-Sfs-Turbo-Timestamp': '1700000000',
        'X-Sfs-Turbo-Delivery': 'd-1',
        'X-Sfs-Turbo-Event': 'ended',
      },
    );
    expect(json.status).toBe(204);

    const listed = (await sim.request('/__simulator/webhooks')).json as Listed;
    expect(listed.received).toEqual([
      {
        kind: 'slack',
        name: 'inc-channel',
        at: '2026-11-29T10:00:00.000Z',
        answered: 200,
        body: { text: 'hi' },
        raw: '{"text":"hi"}',
        signature: null,
        timestamp: null,
        delivery: null,
        event: null,
      },
      expect.objectContaining({ kind: 'teams', name: 'ops', answered: 202 }),
      {
        kind: 'json',
        name: 'pager',
        at: '2026-11-29T10:00:01.500Z',
        answered: 204,
        body: { event: 'ended' },
        raw: '{"event":"ended"}',
        signature: 'sha256=abc',
        timestamp: '1700000000',
        delivery: 'd-1',
        event: 'ended',
      },
    ]);

    expect((await sim.request('/__simulator/webhooks', { method: 'DELETE' })).status).toBe(200);
    expect(((await sim.request('/__simulator/webhooks')).json as Listed).received).toEqual([]);
  });

  it('fails the next attempts when told to, then accepts', async () => {
    const sim = await testSimulator();
    const configured = await postJson(sim, '/__simulator/webhooks/json/pager/fail', {
      times: 2,
      status: 429,
      retryAfterSeconds: 7,
    });
    expect(configured.json).toEqual({ kind: 'json', name: 'pager', failNext: 2, status: 429 });
    const first = await postJson(sim, '/__simulator/webhooks/json/pager', { n: 1 });
    expect([first.status, first.headers.get('retry-after'), first.text]).toEqual([
      429,
      '7',
      'rate_limited',
    ]);
    expect((await postJson(sim, '/__simulator/webhooks/json/pager', { n: 2 })).status).toBe(429);
    // Another receiver is not affected.
    expect((await postJson(sim, '/__simulator/webhooks/json/other', { n: 0 })).status).toBe(204);
    expect((await postJson(sim, '/__simulator/webhooks/json/pager', { n: 3 })).status).toBe(204);
    const answered = ((await sim.request('/__simulator/webhooks')).json as Listed).received.map(
      (item) => `${item.name}:${item.answered}`,
    );
    expect(answered).toEqual(['pager:429', 'pager:429', 'other:204', 'pager:204']);
    // The default failure is a 503.
    await postJson(sim, '/__simulator/webhooks/slack/inc/fail', { times: 1 });
    expect((await postJson(sim, '/__simulator/webhooks/slack/inc', {})).status).toBe(503);
  });

  it('refuses what the real receivers refuse, and bad controls, in words', async () => {
    const sim = await testSimulator();
    const notJson = await postJson(sim, '/__simulator/webhooks/slack/inc', '{nope');
    expect([notJson.status, notJson.text]).toEqual([400, 'invalid_payload']);
    expect((await sim.request('/__simulator/webhooks/slack/inc')).status).toBe(405);
    expect((await sim.request('/__simulator/webhooks', { method: 'POST' })).status).toBe(405);
    const badFail = await postJson(sim, '/__simulator/webhooks/json/x/fail', { times: -1 });
    expect(badFail.status).toBe(400);
    expect((badFail.json as { errMsg: string }).errMsg).toMatch(/times/);
    // An unknown kind or a name of the wrong shape is not a receiver.
    expect((await postJson(sim, '/__simulator/webhooks/discord/x', {})).status).toBe(404);
    expect((await postJson(sim, '/__simulator/webhooks/json/Bad Name', {})).status).toBe(404);
    const big = await postJson(sim, '/__simulator/webhooks/json/x', { pad: 'x'.repeat(70_000) });
    expect(big.status).toBe(413);
  });

  it('forgets what arrived on reset', async () => {
    const sim = await testSimulator();
    await postJson(sim, '/__simulator/webhooks/json/pager/fail', { times: 5 });
    await postJson(sim, '/__simulator/webhooks/json/pager', {});
    await sim.request('/__simulator/reset', { method: 'POST' });
    expect(((await sim.request('/__simulator/webhooks')).json as Listed).received).toEqual([]);
    expect((await postJson(sim, '/__simulator/webhooks/json/pager', {})).status).toBe(204);
  });
});
