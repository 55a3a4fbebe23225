import { describe, expect, it } from 'vitest';
import {
  DEMO_PROJECT_ID,
  SCENARIO,
  Simulator,
  demoJobs,
  type SimulatorStats,
} from './simulator.ts';
import { testSimulator, type TestSimulator } from './test-support.ts';

const post = (sim: TestSimulator, path: string, body?: unknown) =>
  sim.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('control routes', () => {
  it('GET /__simulator/scenarios lists the catalogue', async () => {
    const sim = await testSimulator();
    const answer = await sim.request('/__simulator/scenarios');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ projectId: DEMO_PROJECT_ID, scenarios: demoJobs() });
  });

  it('POST /__simulator/jobs creates a job that runs on its own timeline', async () => {
    const sim = await testSimulator();
    const created = await post(sim, '/__simulator/jobs', {
      jobType: 'extend_share',
      jobId: 'my-test-job-1',
      start: 2000,
      duration: 3000,
      status: 'failed',
      errorCode: 'SFS.TURBO.0008',
      failReason: 'Invalid size',
    });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      projectId: DEMO_PROJECT_ID,
      jobId: 'my-test-job-1',
      path: `/v1/${DEMO_PROJECT_ID}/sfs-turbo/jobs/my-test-job-1`,
    });
    expect((await sim.body('my-test-job-1')).status).toBe('waiting');
    sim.clock.tick(5000);
    expect(await sim.body('my-test-job-1')).toMatchObject({
      status: 'failed',
      error_code: 'SFS.TURBO.0008',
    });
  });

  it('creates jobs in any project, with a generated ID when none is given', async () => {
    const sim = await testSimulator();
    const projectId = 'e9993fc787d94b6c886cbaa340f9c0f4';
    const created = (await post(sim, '/__simulator/jobs', { jobType: 'bind_ldap', projectId }))
      .json as { jobId: string };
    expect(created.jobId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await sim.body(created.jobId, { projectId })).job_type).toBe('bind_ldap');
    expect((await sim.job(created.jobId)).status).toBe(404);
  });

  it('refuses bad specs with 400, a catalogue ID with 409, bodies over 64 KiB with 413', async () => {
    const sim = await testSimulator();
    for (const spec of [
      {},
      { jobType: 1 },
      { jobType: 'x', unknown: true },
      { jobType: 'x', jobId: 'bad id' },
      { jobType: 'x', projectId: 'nope' },
      { jobType: 'x', subJobs: [{ start: 'soon' }] },
    ]) {
      const answer = await post(sim, '/__simulator/jobs', spec);
      expect(answer.status, JSON.stringify(spec)).toBe(400);
      expect((answer.json as Record<string, string>).errCode).toBe('SIMULATOR.BAD_REQUEST');
    }
    expect((await sim.request('/__simulator/jobs', { method: 'POST', body: '{nope' })).status).toBe(
      400,
    );
    expect(
      (await post(sim, '/__simulator/jobs', { jobType: 'x', jobId: SCENARIO.success })).status,
    ).toBe(409);
    const big = await post(sim, '/__simulator/jobs', {
      jobType: 'x',
      failReason: 'x'.repeat(70 * 1024),
    });
    expect(big.status).toBe(413);
    expect((big.json as Record<string, string>).errCode).toBe('SIMULATOR.TOO_LARGE');
  });

  it('POST /__simulator/advance moves the clock forward', async () => {
    const sim = await testSimulator();
    await sim.body(SCENARIO.running);
    const answer = await post(sim, '/__simulator/advance', { ms: 30_000 });
    expect(answer.json).toEqual({ offsetMs: 30_000, now: '2026-11-29T10:00:30.000Z' });
    expect((await sim.body(SCENARIO.running)).status).toBe('success');
    for (const bad of [{}, { ms: -1 }, { ms: 'soon' }])
      expect((await post(sim, '/__simulator/advance', bad)).status).toBe(400);
  });

  it('GET /__simulator/stats counts job requests, whatever they answered; reset forgets them', async () => {
    const sim = await testSimulator();
    await sim.job(SCENARIO.running);
    await sim.job(SCENARIO.running);
    await sim.job(SCENARIO.notFound);
    await sim.job('bad_id');
    await sim.request('/__simulator/scenarios');
    const stats = (await sim.request('/__simulator/stats')).json as SimulatorStats;
    expect(stats).toEqual({
      total: 4,
      jobs: {
        [`${DEMO_PROJECT_ID}/${SCENARIO.running}`]: 2,
        [`${DEMO_PROJECT_ID}/${SCENARIO.notFound}`]: 1,
        [`${DEMO_PROJECT_ID}/bad_id`]: 1,
      },
    });
    // The e2e fixture posts an empty object; curl posts nothing at all.
    expect((await post(sim, '/__simulator/reset', {})).json).toEqual({ reset: true });
    expect((await post(sim, '/__simulator/reset')).status).toBe(200);
    expect((await sim.request('/__simulator/stats')).json).toEqual({ total: 0, jobs: {} });
  });

  it('reset restarts timelines, forgets created jobs and the clock offset', async () => {
    const sim = await testSimulator();
    await post(sim, '/__simulator/jobs', { jobType: 'x', jobId: 'temp-job' });
    await sim.body(SCENARIO.running);
    await post(sim, '/__simulator/advance', { ms: 60_000 });
    expect((await sim.body(SCENARIO.running)).status).toBe('success');
    await post(sim, '/__simulator/reset');
    expect((await sim.body(SCENARIO.running)).status).toBe('waiting');
    expect((await sim.job('temp-job')).status).toBe(404);
    expect(sim.simulator.clock().offsetMs).toBe(0);
  });

  it('answers wrong methods with 405 and unknown control routes with 404', async () => {
    const sim = await testSimulator();
    const wrong = await sim.request('/__simulator/reset');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect((await post(sim, '/__simulator/stats')).status).toBe(405);
    const unknown = await sim.request('/__simulator/nope');
    expect(unknown.status).toBe(404);
    expect((unknown.json as Record<string, string>).errCode).toBe('SIMULATOR.NOT_FOUND');
  });
});

describe('the programmatic interface', () => {
  it('createJob replaces an earlier job under the same IDs and restarts its timeline', async () => {
    const sim = await testSimulator();
    sim.simulator.createJob({ jobType: 'x', jobId: 'again', duration: 1000 });
    await sim.body('again');
    sim.clock.tick(5000);
    expect((await sim.body('again')).status).toBe('success');
    sim.simulator.createJob({ jobType: 'x', jobId: 'again', duration: 1000 });
    expect((await sim.body('again')).status).toBe('running');
  });

  it('advance refuses to go backwards', () => {
    expect(() => new Simulator().advance(-1)).toThrow(RangeError);
  });

  it('is deterministic: two simulators on the same clock give the same bodies', async () => {
    const a = await testSimulator();
    const b = await testSimulator();
    for (const id of Object.values(SCENARIO)) {
      for (const sim of [a, b]) await sim.job(id);
    }
    a.clock.tick(12_345);
    b.clock.tick(12_345);
    for (const id of Object.values(SCENARIO).filter((id) => id !== SCENARIO.slow)) {
      const [first, second] = await Promise.all([a.job(id), b.job(id)]);
      expect(second.status, id).toBe(first.status);
      // The gateway's bodies echo the request ID, which is fresh every time.
      const strip = (text: string) => text.replace(/[0-9a-f]{32}/g, 'REQUEST-ID');
      expect(strip(second.text), id).toBe(strip(first.text));
    }
  });
});
