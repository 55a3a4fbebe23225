import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeDist, startApp, type AppUnderTest } from '../testing/app.ts';
import { fakeUpstream, jobPath, rawRequest, type Running } from '../testing/servers.ts';

const PROMTOOL = '/usr/bin/promtool';

let dist: ReturnType<typeof fakeDist>;
let upstream: Running;
beforeAll(async () => {
  dist = fakeDist();
  upstream = await fakeUpstream();
});
afterAll(async () => {
  await upstream?.close();
  dist?.remove();
});

const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

describe('health, readiness and metrics', () => {
  let simulated: AppUnderTest;
  beforeAll(async () => {
    simulated = await startApp({ SFS_TURBO_DIST: dist.dir });
  });
  afterAll(() => simulated?.close());

  it('is live and ready while the embedded simulator answers, and not ready, saying why, once it stops', async () => {
    expect(json((await rawRequest(simulated.port, '/healthz')).body)).toEqual({ status: 'ok' });
    const ready = await rawRequest(simulated.port, '/readyz');
    expect([ready.status, json(ready.body).status]).toEqual([200, 'ready']);
    await simulated.server.app.runtime.simulator?.close();
    const down = await rawRequest(simulated.port, '/readyz');
    expect(down.status).toBe(503);
    expect(json(down.body).reason).toBe('The embedded simulator does not answer');
    // Liveness is about this process, not its upstream.
    expect((await rawRequest(simulated.port, '/healthz')).status).toBe(200);
  });

  it('is not ready with a real endpoint and no credential, and says what to set', async () => {
    const bare = await startApp({
      SFS_TURBO_DIST: dist.dir,
      SFS_TURBO_ENDPOINT: upstream.url,
    });
    try {
      const answer = await rawRequest(bare.port, '/readyz');
      expect(answer.status).toBe(503);
      expect(String(json(answer.body).reason)).toMatch(/No cloud credentials.*OS_TOKEN/);
    } finally {
      await bare.close();
    }
  });

  it('exposes the contract metrics in Prometheus text format, accepted by promtool', async () => {
    const served = await startApp({
      SFS_TURBO_DIST: dist.dir,
      SFS_TURBO_ENDPOINT: upstream.url,
      OS_TOKEN: 'metrics-test-token-0123456789',
    });
    try {
      await rawRequest(served.port, jobPath());
      await rawRequest(served.port, '/');
      // Counted on each answer's 'close' event, just after the client has it.
      await expect
        .poll(async () => (await rawRequest(served.port, '/metrics')).body)
        .toMatch(/route="page",code="200"\} 1$/m);
      const answer = await rawRequest(served.port, '/metrics');
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = answer.body;
      expect(text).toMatch(/^sfs_turbo_http_requests_total\{route="api:job",code="200"\} 1$/m);
      expect(text).toMatch(/^sfs_turbo_http_requests_total\{route="page",code="200"\} 1$/m);
      expect(text).toMatch(/^sfs_turbo_upstream_requests_total\{region="eu-de",code="200"\} 1$/m);
      expect(text).toMatch(
        /^sfs_turbo_upstream_request_duration_seconds_count\{region="eu-de"\} 1$/m,
      );
      expect(text).toMatch(/^# TYPE sfs_turbo_upstream_coalesced_total counter$/m);
      // Every result of the history from the start, at 0 until it happens.
      expect(text).toMatch(/^sfs_turbo_observations_total\{result="dropped"\} 0$/m);
      // IAM trouble shows here, not in /readyz (server/http/iam-trouble.test.ts).
      expect(text).toMatch(/^sfs_turbo_iam_logins_total\{result="refused"\} 0$/m);
      expect(text).toMatch(/^# TYPE sfs_turbo_iam_last_successful_login_timestamp_seconds gauge$/m);
      expect(text).toMatch(/^process_cpu_seconds_total /m);
      expect(text).not.toContain('metrics-test-token');
      expect(existsSync(PROMTOOL), `${PROMTOOL} is missing: apt-get install prometheus`).toBe(true);
      const check = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
      const output = check.stdout + check.stderr;
      // It parses; its lint complaints may name only prom-client's own process metrics
      // (nodejs_active_handles_total is a gauge named like a counter), never ours.
      expect(check.error).toBeUndefined();
      expect(output).not.toMatch(/error|parsing/i);
      const problems = output.split('\n').filter(Boolean);
      expect(problems.filter((line) => !line.startsWith('nodejs_'))).toEqual([]);
    } finally {
      await served.close();
    }
  });
});
