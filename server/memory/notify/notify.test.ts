import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTargets } from '../../config/memory.ts';
import { createMetrics, notifyObserver } from '../../http/metrics.ts';
import { startSimulator, type ReceivedWebhook } from '../../simulator/simulator.ts';
import { openStore } from '../../store/open.ts';
import { BACKOFF_MS } from './deliveries.ts';
import { buildMessage, createNotifier, eventKey } from './index.ts';

const SECRET = 'a-webhook-secret-of-at-least-32-characters';
const T0 = Date.UTC(2026, 10, 29, 10, 0, 0);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('notifications through the simulator’s receivers', () => {
  it('a watch’s end reaches Slack, Teams and a signed webhook once each, after retries', async () => {
    const sim = await startSimulator();
    cleanups.push(() => sim.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'sfs-notify-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const store = await openStore({ engine: 'sqlite', dataDir });
    cleanups.push(() => store.close());
    const targets = parseTargets(
      [
        `inc-channel=slack:${sim.url}/__simulator/webhooks/slack/inc-channel`,
        `ops=teams:${sim.url}/__simulator/webhooks/teams/ops`,
        `pager=webhook:${sim.url}/__simulator/webhooks/json/pager`,
      ].join(','),
    );
    await fetch(`${sim.url}/__simulator/webhooks/json/pager/fail`, {
      method: 'POST',
      body: JSON.stringify({ times: 2, status: 502 }),
    });
    const metrics = createMetrics();
    let now = T0;
    const notifier = createNotifier({
      store,
      targets,
      webhookSecret: SECRET,
      owner: 'replica-a',
      observer: notifyObserver(metrics),
      now: () => now,
    });
    const message = buildMessage({
      event: 'ended',
      body: { job_type: 'extend_share', status: 'success' },
      region: 'eu-de',
      projectId: 'e9993fc787d94b6c886cbaa340f9c0f4',
      jobId: 'job-1',
      publicUrl: 'https://jobs.example.com',
      at: now,
      watchedBy: 'Ada',
    });
    for (const target of targets) {
      await notifier.enqueue({
        watchId: 'w1',
        eventKey: eventKey.ended,
        target: target.name,
        message,
      });
      // Seen again by another poll (or replica): still one message.
      await notifier.enqueue({
        watchId: 'w1',
        eventKey: eventKey.ended,
        target: target.name,
        message,
      });
    }
    expect(await notifier.runOnce()).toBe(3);
    now += BACKOFF_MS[0];
    expect(await notifier.runOnce()).toBe(1);
    now += BACKOFF_MS[1];
    expect(await notifier.runOnce()).toBe(1);
    now += 24 * 3600_000;
    expect(await notifier.runOnce()).toBe(0);

    const { received } = (await (await fetch(`${sim.url}/__simulator/webhooks`)).json()) as {
      received: ReceivedWebhook[];
    };
    // The first three went out at once, in any order.
    expect(received.map((item) => `${item.name}:${item.answered}`).sort()).toEqual([
      'inc-channel:200',
      'ops:202',
      'pager:204',
      'pager:502',
      'pager:502',
    ]);
    const pager = received.filter((item) => item.name === 'pager');
    // One delivery ID on every attempt: the receiver drops copies by it.
    expect(new Set(pager.map((item) => item.delivery)).size).toBe(1);
    const last = pager.at(-1)!;
    expect(last.signature).toBe(
      `sha256=${createHmac('sha256', SECRET).update(`${last.timestamp}.${last.raw}`).digest('hex')}`,
    );
    expect(Number(last.timestamp)).toBe(Math.floor(now / 1000) - 24 * 3600);

    const deliveries = (await notifier.deliveriesOf(['w1'])).get('w1');
    expect(
      deliveries?.map((delivery) => [delivery.target, delivery.state, delivery.attempts]),
    ).toEqual(
      expect.arrayContaining([
        ['inc-channel', 'sent', 1],
        ['ops', 'sent', 1],
        ['pager', 'sent', 3],
      ]),
    );
    const exposition = await metrics.registry.metrics();
    expect(exposition).toContain('sfs_turbo_notifications_total{target="pager",outcome="retry"} 2');
    expect(exposition).toContain('sfs_turbo_notifications_total{target="pager",outcome="sent"} 1');
    expect(exposition).toContain('sfs_turbo_notifications_total{target="ops",outcome="sent"} 1');
    // Names only: no address of a destination in the metrics or the API's view.
    expect(exposition).not.toContain('__simulator');
    expect(JSON.stringify(deliveries)).not.toContain('__simulator');
  });
});
