import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DEMO_PROJECT_ID, SCENARIO } from './simulator.ts';
import { testSimulator, type Answer } from './test-support.ts';

const REQUEST_ID = /^[0-9a-f]{32}$/;

function expectSfsError(answer: Answer, status: number, errCode: string, errMsg: string) {
  expect(answer.status).toBe(status);
  expect(answer.json).toEqual({ errCode, errMsg });
  expect(answer.headers.get('content-type')).toBe('application/json');
  expect(answer.headers.get('x-request-id')).toMatch(REQUEST_ID);
}

function expectGatewayError(answer: Answer, status: number, code: string, message: RegExp) {
  expect(answer.status).toBe(status);
  const body = answer.json as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(['error_code', 'error_msg', 'request_id']);
  expect(body.error_code).toBe(code);
  expect(body.error_msg).toMatch(message);
  // The gateway echoes the request ID it sends in the header.
  expect(body.request_id).toBe(answer.headers.get('x-request-id'));
}

describe('lookup failures a support engineer can meet', () => {
  it('malformed project or job IDs are a parameter error', async () => {
    const sim = await testSimulator();
    for (const [projectId, jobId] of [
      ['0D5E0C0F2A8B4C6E9F1A3B5C7D9E1F20', SCENARIO.success],
      ['0d5e0c0f', SCENARIO.success],
      [DEMO_PROJECT_ID, 'bad_id'],
      [DEMO_PROJECT_ID, 'a'.repeat(65)],
      [DEMO_PROJECT_ID, '-leading-dash'],
      [DEMO_PROJECT_ID, 'job%20id'],
    ]) {
      expectSfsError(
        await sim.job(jobId ?? '', { projectId: projectId ?? '' }),
        400,
        'SFS.TURBO.0001',
        'parameter error',
      );
    }
  });

  it('an unknown job, or a demo job in another project, is Invalid Job Id', async () => {
    const sim = await testSimulator();
    expectSfsError(await sim.job(SCENARIO.notFound), 404, 'SFS.TURBO.0019', 'Invalid Job Id');
    expectSfsError(
      await sim.job(SCENARIO.success, { projectId: 'e9993fc787d94b6c886cbaa340f9c0f4' }),
      404,
      'SFS.TURBO.0019',
      'Invalid Job Id',
    );
  });

  it('SFS Turbo errors: 400, 403, 404 in the documentation shape, 500', async () => {
    const sim = await testSimulator();
    expectSfsError(await sim.job(SCENARIO.badRequest), 400, 'SFS.TURBO.0001', 'parameter error');
    expectSfsError(
      await sim.job(SCENARIO.forbidden),
      403,
      'SFS.TURBO.9000',
      'no privileges to operate',
    );
    expectSfsError(
      await sim.job(SCENARIO.notFoundDocShape),
      404,
      'SFS.TURBO.0001',
      'parameter error',
    );
    expectSfsError(
      await sim.job(SCENARIO.serverError),
      500,
      'SFS.TURBO.0005',
      'Internal server error',
    );
  });

  it('gateway errors: expired token, token to update, throttled, IAM unavailable', async () => {
    const sim = await testSimulator();
    expectGatewayError(
      await sim.job(SCENARIO.unauthorized),
      401,
      'APIG.0301',
      /^Incorrect IAM authentication information: token expires, expires_at: 2026-11-29T09:00:00/,
    );
    expectGatewayError(
      await sim.job(SCENARIO.tokenOutdated),
      401,
      'APIG.0307',
      /^The token must be updated\.$/,
    );
    const throttled = await sim.job(SCENARIO.throttled);
    expectGatewayError(throttled, 429, 'APIG.0308', /throttled/);
    expect(throttled.headers.get('retry-after')).toBe('5');
    expectGatewayError(await sim.job(SCENARIO.unavailable), 503, 'APIG.0613', /unavailable/i);
  });

  it('a load balancer answers 502 with HTML', async () => {
    const sim = await testSimulator();
    const answer = await sim.job(SCENARIO.badGateway);
    expect(answer.status).toBe(502);
    expect(answer.headers.get('content-type')).toBe('text/html');
    expect(answer.headers.get('x-request-id')).toMatch(REQUEST_ID);
    expect(answer.json).toBeUndefined();
    expect(answer.text).toContain('<h1>502 Bad Gateway</h1>');
  });

  it('200 answers whose body is not a job', async () => {
    const sim = await testSimulator();
    expect((await sim.job(SCENARIO.notAnObject)).json).toEqual([]);
    expect((await sim.job(SCENARIO.stringBody)).json).toBe('ok');
    const wrong = await sim.job(SCENARIO.wrongTypes);
    expect(wrong.status).toBe(200);
    const body = wrong.json as Record<string, unknown>;
    expect(typeof body.status).toBe('number');
    expect(typeof body.begin_time).toBe('number');
    expect(Array.isArray(body.sub_jobs)).toBe(false);
  });
});

describe('unreliable upstreams', () => {
  it('every third request to the intermittent job fails, the others show it running and then succeeding', async () => {
    const sim = await testSimulator();
    const statuses: number[] = [];
    for (let n = 0; n < 9; n += 1) statuses.push((await sim.job(SCENARIO.intermittent)).status);
    expect(statuses).toEqual([200, 200, 500, 200, 200, 500, 200, 200, 500]);
    expect((await sim.body(SCENARIO.intermittent)).status).toBe('running');
    sim.clock.tick(40_000);
    expect((await sim.body(SCENARIO.intermittent)).status).toBe('success');
  });

  it('the slow job answers after about 6 s times latencyScale, with a running job', async () => {
    const sim = await testSimulator({ latencyScale: 0.05 }); // 300 ms
    const started = performance.now();
    const body = await sim.body(SCENARIO.slow);
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(280);
    // Below the unscaled 6 s is what shows the scale applied; a tighter bound timed the
    // machine, not the simulator.
    expect(took).toBeLessThan(6000);
    expect(body.status).toBe('running');
  });

  it('a client that gives up on the slow job does not break the simulator', async () => {
    const sim = await testSimulator({ latencyScale: 1 });
    const controller = new AbortController();
    const pending = sim.job(SCENARIO.slow, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toThrow();
    expect((await sim.job(SCENARIO.success)).status).toBe(200);
  });
});

describe('the rest of the HTTP surface', () => {
  it('answers other methods on the job route with 405 and other paths with 404, in the SFS shape', async () => {
    const sim = await testSimulator();
    const post = await sim.job(SCENARIO.success, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((post.json as Record<string, unknown>).errCode).toBe('SFS.TURBO.0001');
    for (const path of ['/', '/v1/x', `/v1/${DEMO_PROJECT_ID}/sfs-turbo/shares`, '/v2/jobs']) {
      const answer = await sim.request(path);
      expect(answer.status, path).toBe(404);
      expect(Object.keys(answer.json as object), path).toEqual(['errCode', 'errMsg']);
      expect(answer.headers.get('x-request-id'), path).toMatch(REQUEST_ID);
    }
  });

  it('answers HEAD like GET, without a body', async () => {
    const sim = await testSimulator();
    const answer = await sim.job(SCENARIO.success, { method: 'HEAD' });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    expect(Number(answer.headers.get('content-length'))).toBeGreaterThan(0);
  });

  it('gives every answer a fresh request ID', async () => {
    const sim = await testSimulator();
    const ids = new Set<string | null>();
    for (const id of [SCENARIO.success, SCENARIO.success, SCENARIO.notFound, SCENARIO.throttled])
      ids.add((await sim.job(id)).headers.get('x-request-id'));
    ids.add((await sim.request('/nowhere')).headers.get('x-request-id'));
    ids.add((await sim.request('/__simulator/stats')).headers.get('x-request-id'));
    expect(ids.size).toBe(6);
  });
});

describe('odd request targets', () => {
  it('treats a double slash as a path and an unparsable target as a parameter error', async () => {
    const sim = await testSimulator();
    const raw = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const outgoing = httpRequest(`${sim.url}/`, { path }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        outgoing.on('error', reject);
        outgoing.end();
      });
    expect(await raw(`//v1/${DEMO_PROJECT_ID}/sfs-turbo/jobs/${SCENARIO.success}`)).toBe(404);
    expect(await raw(`http://[broken/v1`)).toBe(400);
  });
});
