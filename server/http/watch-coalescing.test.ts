import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Watch, WatchesResponse } from '../../common/contract.ts';
import { startApp, type AppUnderTest } from '../testing/app.ts';
import {
  fakeUpstream,
  getJson,
  JOB,
  jobPath,
  PROJECT,
  type Running,
  type SeenRequest,
} from '../testing/servers.ts';

/* The production server: a watched job that a browser views at the same time. */
let upstream: Running & { seen: SeenRequest[] };
let app: AppUnderTest;

beforeAll(async () => {
  upstream = await fakeUpstream();
  app = await startApp(
    {
      SFS_TURBO_CACHE_MS: '60000',
      NOTIFY_TARGETS: 'inc=webhook:http://127.0.0.1:9/hook',
      NOTIFY_WEBHOOK_SECRET: 'k'.repeat(32),
    },
    { fakeDist: true, simulatorUrl: upstream.url },
  );
});
afterAll(async () => {
  await app?.close();
  await upstream?.close();
});

const watched = async (id: string) =>
  ((await getJson(`${app.url}/api/watches`)).body as WatchesResponse).watches.find(
    (watch) => watch.id === id,
  );

describe('a watch and a viewer of one job', () => {
  it('cost the cloud one request per coalescing window, whoever asks first', async () => {
    expect((await getJson(`${app.url}${jobPath()}`)).status).toBe(200);
    expect(upstream.seen).toHaveLength(1);
    const started = await getJson(`${app.url}/api/watches`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ region: 'eu-de', projectId: PROJECT, jobId: JOB, target: 'inc' }),
    });
    expect(started.status).toBe(201);
    const { id } = started.body as Watch;
    // The server's own poll (within its first second) is served by the viewer's exchange.
    await expect
      .poll(async () => (await watched(id))?.lastStatus, { timeout: 5_000 })
      .toBe('running');
    expect((await getJson(`${app.url}${jobPath()}`)).status).toBe(200);
    expect(upstream.seen).toHaveLength(1);
  });
});
