import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JOB_ID_PATTERN, PROJECT_ID_PATTERN } from '../../common/contract.ts';
import {
  DEMO_PROJECT_ID,
  DOCUMENTED_JOB_TYPES,
  SCENARIO,
  SECOND_PROJECT_ID,
  demoJobs,
} from './simulator.ts';
import { subStatuses, testSimulator } from './test-support.ts';

const S = 1000;

describe('the catalogue', () => {
  it('lists every scenario ID once, in the demo project, with the groups the home page shows', () => {
    const jobs = demoJobs();
    const ids = jobs.map((job) => job.jobId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(Object.values(SCENARIO)));
    expect(new Set(jobs.map((job) => job.group))).toEqual(
      new Set([
        'Live',
        'Finished',
        'Failures',
        'Job types',
        'Layouts',
        'Edge data',
        'Errors',
        'Incident',
      ]),
    );
    for (const job of jobs) {
      expect([DEMO_PROJECT_ID, SECOND_PROJECT_ID]).toContain(job.projectId);
      expect(job.title.length).toBeGreaterThan(0);
      expect(job.description.length).toBeGreaterThan(0);
    }
    expect(JSON.parse(JSON.stringify(jobs))).toEqual(jobs);
  });

  it('is documented in docs/simulator.md, every ID and constant', () => {
    const doc = readFileSync(new URL('../../docs/simulator.md', import.meta.url), 'utf8');
    // A table row names the constant, then its ID (Prettier pads the cells).
    const rows = new Map(
      [...doc.matchAll(/^\|\s*`SCENARIO\.(\w+)`\s*\|\s*`([^`]+)`\s*\|/gm)].map((m) => [m[1], m[2]]),
    );
    for (const [name, id] of Object.entries(SCENARIO)) {
      expect(rows.get(name), name).toBe(id);
    }
  });

  it('has a demo incident across two projects and two regions: failed, running, waiting, succeeded, not found', async () => {
    const incident = demoJobs().filter((job) => job.group === 'Incident');
    expect(new Set(incident.map((job) => job.projectId))).toEqual(
      new Set([DEMO_PROJECT_ID, SECOND_PROJECT_ID]),
    );
    expect(new Set(incident.map((job) => job.region))).toEqual(new Set(['eu-de', 'eu-nl']));
    const sim = await testSimulator();
    const status = async (jobId: string, projectId: string) =>
      (await sim.body(jobId, { projectId })).status;
    expect(await status(SCENARIO.incidentCreate, DEMO_PROJECT_ID)).toBe('success');
    expect(await status(SCENARIO.incidentExtend, SECOND_PROJECT_ID)).toBe('failed');
    expect(await status(SCENARIO.incidentSecurityGroup, DEMO_PROJECT_ID)).toBe('running');
    expect(await status(SCENARIO.incidentWaiting, SECOND_PROJECT_ID)).toBe('waiting');
    expect(
      (await sim.job(SCENARIO.incidentNotFound, { projectId: SECOND_PROJECT_ID })).status,
    ).toBe(404);
    // A second-project job is not found under the demo project, and the reverse.
    expect((await sim.job(SCENARIO.incidentExtend)).status).toBe(404);
    expect((await sim.job(SCENARIO.incidentCreate, { projectId: SECOND_PROJECT_ID })).status).toBe(
      404,
    );
  });

  it('uses IDs the proxy accepts, in both real shapes', () => {
    expect(DEMO_PROJECT_ID).toMatch(PROJECT_ID_PATTERN);
    for (const id of Object.values(SCENARIO)) expect(id, id).toMatch(JOB_ID_PATTERN);
    expect(Object.values(SCENARIO).some((id) => /^[A-Za-z0-9]{32}$/.test(id))).toBe(true);
    expect(
      Object.values(SCENARIO).filter((id) => /^\w{8}-\w{4}-\w{4}-\w{4}-\w{12}$/.test(id)).length,
    ).toBeGreaterThan(10);
  });
});

describe('live jobs, at chosen instants of a fake clock', () => {
  it('the running demo waits, runs overlapping and sequential sub-jobs and succeeds within 25 s', async () => {
    const sim = await testSimulator();
    const first = await sim.body(SCENARIO.running);
    expect(first).toMatchObject({
      status: 'waiting',
      job_id: SCENARIO.running,
      job_type: 'hpc_create_share',
    });
    expect(first).not.toHaveProperty('begin_time');
    expect(subStatuses(first)).toEqual(['waiting', 'waiting', 'waiting', 'waiting', 'waiting']);

    sim.clock.tick(4 * S);
    const running = await sim.body(SCENARIO.running);
    expect(running).toMatchObject({ status: 'running', begin_time: '2026-11-29 10:00:01' });
    expect(running).not.toHaveProperty('end_time');
    expect(subStatuses(running)).toEqual(['running', 'running', 'waiting', 'waiting', 'waiting']);

    sim.clock.tick(8 * S); // 12 s
    expect(subStatuses(await sim.body(SCENARIO.running))).toEqual([
      'success',
      'success',
      'running',
      'running',
      'waiting',
    ]);

    sim.clock.tick(11.9 * S); // 23.9 s
    expect((await sim.body(SCENARIO.running)).status).toBe('running');

    sim.clock.tick(0.1 * S); // 24 s
    const done = await sim.body(SCENARIO.running);
    expect(done).toMatchObject({
      status: 'success',
      begin_time: '2026-11-29 10:00:01',
      end_time: '2026-11-29 10:00:24',
    });
    expect(subStatuses(done)).toEqual(['success', 'success', 'success', 'success', 'success']);
    for (const sub of done.sub_jobs as Record<string, unknown>[]) {
      expect(Object.keys(sub).sort()).toEqual([
        'begin_time',
        'end_time',
        'job_id',
        'job_type',
        'status',
      ]);
    }
  });

  it('starts the timeline on the first request for that job, not before and not per request', async () => {
    const sim = await testSimulator();
    sim.clock.tick(60 * S);
    expect((await sim.body(SCENARIO.running)).status).toBe('waiting');
    expect((await sim.body(SCENARIO.running)).status).toBe('waiting');
    sim.clock.tick(30 * S);
    expect((await sim.body(SCENARIO.running)).status).toBe('success');
    // Another live job asked for only now starts from its own first request.
    expect((await sim.body(SCENARIO.sequentialSubJobs)).status).toBe('waiting');
  });

  it('the live failure goes waiting → running → failed with the sub-job error, one sub-job never starting', async () => {
    const sim = await testSimulator();
    expect((await sim.body(SCENARIO.liveFailure)).status).toBe('waiting');
    sim.clock.tick(10 * S);
    expect(await sim.body(SCENARIO.liveFailure)).toMatchObject({ status: 'running' });
    sim.clock.tick(5 * S);
    const subFailed = await sim.body(SCENARIO.liveFailure);
    expect(subFailed.status).toBe('running');
    expect(subStatuses(subFailed)).toEqual(['success', 'success', 'failed', 'waiting']);
    expect((subFailed.sub_jobs as unknown[])[2]).toMatchObject({
      error_code: 'SFS.TURBO.0030',
      fail_reason: 'Ecs resource not enough',
    });
    sim.clock.tick(1 * S);
    expect(await sim.body(SCENARIO.liveFailure)).toMatchObject({
      status: 'failed',
      error_code: 'SFS.TURBO.0030',
      fail_reason: 'Ecs resource not enough',
      end_time: '2026-11-29 10:00:16',
    });
  });

  it('the forgotten job fails at 10 s, then answers 404 SFS.TURBO.0019 from 30 s, until a reset', async () => {
    const sim = await testSimulator();
    expect((await sim.body(SCENARIO.forgotten)).status).toBe('waiting');
    sim.clock.tick(8 * S);
    expect(subStatuses(await sim.body(SCENARIO.forgotten))).toEqual(['success', 'failed']);
    sim.clock.tick(2 * S);
    expect(await sim.body(SCENARIO.forgotten)).toMatchObject({
      status: 'failed',
      error_code: 'SFS.TURBO.0029',
      end_time: '2026-11-29 10:00:10',
    });
    sim.clock.tick(19 * S);
    expect((await sim.job(SCENARIO.forgotten)).status).toBe(200);
    sim.clock.tick(1 * S);
    const gone = await sim.job(SCENARIO.forgotten);
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ errCode: 'SFS.TURBO.0019' });
    sim.simulator.reset();
    expect((await sim.body(SCENARIO.forgotten)).status).toBe('waiting');
  });

  it('the waiting job never starts; the endless one never ends', async () => {
    const sim = await testSimulator();
    await sim.body(SCENARIO.waiting);
    await sim.body(SCENARIO.runningForever);
    sim.clock.tick(24 * 3600 * S);
    const waiting = await sim.body(SCENARIO.waiting);
    expect(waiting).toEqual({
      job_id: SCENARIO.waiting,
      status: 'waiting',
      job_type: 'extend_share',
    });
    const running = await sim.body(SCENARIO.runningForever);
    expect(running).toMatchObject({ status: 'running', begin_time: '2026-11-29 09:55:00' });
    expect(running).not.toHaveProperty('end_time');
  });

  it('the upper-case live job spells INIT, DOING, SUCCESS', async () => {
    const sim = await testSimulator();
    expect((await sim.body(SCENARIO.upperLive)).status).toBe('INIT');
    sim.clock.tick(5 * S);
    expect((await sim.body(SCENARIO.upperLive)).status).toBe('DOING');
    sim.clock.tick(15 * S);
    expect((await sim.body(SCENARIO.upperLive)).status).toBe('SUCCESS');
  });

  it('the 500 sub-jobs run in waves, two fail, and the job fails after about a minute', async () => {
    const sim = await testSimulator();
    const first = await sim.body(SCENARIO.manySubJobs);
    expect(first.sub_jobs).toHaveLength(500);
    sim.clock.tick(20 * S);
    const middle = subStatuses(await sim.body(SCENARIO.manySubJobs));
    for (const status of ['success', 'running', 'waiting']) expect(middle).toContain(status);
    sim.clock.tick(40 * S);
    const end = await sim.body(SCENARIO.manySubJobs);
    expect(end.status).toBe('failed');
    expect(subStatuses(end).filter((status) => status === 'failed')).toHaveLength(2);
  });
});

describe('finished jobs', () => {
  it('the success is two hours old and complete', async () => {
    const sim = await testSimulator();
    const body = await sim.body(SCENARIO.success);
    expect(body).toMatchObject({
      status: 'success',
      job_type: 'create_share',
      begin_time: '2026-11-29 08:00:00',
      end_time: '2026-11-29 08:01:40',
    });
    expect(subStatuses(body)).toEqual(['success', 'success', 'success']);
  });

  it('the failure carries error_code and fail_reason on the job and the failed sub-job', async () => {
    const sim = await testSimulator();
    const body = await sim.body(SCENARIO.failed);
    expect(body).toMatchObject({
      status: 'failed',
      error_code: 'SFS.TURBO.0029',
      fail_reason: 'Subnet has not enough ips',
    });
    expect(body.sub_jobs).toMatchObject([
      { status: 'success' },
      { status: 'failed', error_code: 'SFS.TURBO.0029', fail_reason: 'Subnet has not enough ips' },
    ]);
    expect((body.sub_jobs as object[])[0]).not.toHaveProperty('error_code');
  });

  it('failures at job level, several sub-jobs, a long reason, none at all', async () => {
    const sim = await testSimulator();
    const jobLevel = await sim.body(SCENARIO.jobFailure);
    expect(jobLevel).toMatchObject({
      status: 'failed',
      error_code: 'SFS.TURBO.0010',
      fail_reason: 'Quota exceeds',
    });
    expect(jobLevel).not.toHaveProperty('sub_jobs');
    const several = await sim.body(SCENARIO.multipleFailures);
    expect((several.sub_jobs as Record<string, unknown>[]).map((sub) => sub.error_code)).toEqual([
      undefined,
      'SFS.TURBO.0029',
      'SFS.TURBO.0030',
      'SFS.TURBO.0032',
    ]);
    expect(String((await sim.body(SCENARIO.longFailReason)).fail_reason).length).toBeGreaterThan(
      300,
    );
    const bare = await sim.body(SCENARIO.failedWithoutReason);
    expect(bare.status).toBe('failed');
    expect(bare).not.toHaveProperty('error_code');
    expect(bare).not.toHaveProperty('fail_reason');
  });
});

describe('job types and layouts', () => {
  it('covers every documented job type and one undocumented', async () => {
    const sim = await testSimulator();
    const typeIds = Object.entries(SCENARIO)
      .filter(([name]) => name.startsWith('type'))
      .map(([, id]) => id);
    const types = await Promise.all(typeIds.map(async (id) => (await sim.body(id)).job_type));
    expect(DOCUMENTED_JOB_TYPES).toHaveLength(13);
    expect(new Set(types)).toEqual(new Set([...DOCUMENTED_JOB_TYPES, 'create_backup']));
  });

  it('serves every layout of sub_jobs', async () => {
    const sim = await testSimulator();
    expect(await sim.body(SCENARIO.noSubJobs)).not.toHaveProperty('sub_jobs');
    expect((await sim.body(SCENARIO.emptySubJobs)).sub_jobs).toEqual([]);
    expect((await sim.body(SCENARIO.oneSubJob)).sub_jobs).toHaveLength(1);
    expect((await sim.body(SCENARIO.benchmarkSubJobs)).sub_jobs).toHaveLength(1000);

    await sim.body(SCENARIO.sequentialSubJobs);
    await sim.body(SCENARIO.overlappingSubJobs);
    sim.clock.tick(4 * S);
    const sequential = subStatuses(await sim.body(SCENARIO.sequentialSubJobs));
    expect(sequential.filter((status) => status === 'running')).toHaveLength(1);
    const overlapping = subStatuses(await sim.body(SCENARIO.overlappingSubJobs));
    expect(overlapping.filter((status) => status === 'running')).toHaveLength(4);
  });

  it('keeps the benchmark job frozen in the same mix whatever the clock says', async () => {
    const sim = await testSimulator();
    const count = (statuses: unknown[]) =>
      Object.fromEntries(
        ['success', 'failed', 'running', 'waiting'].map((s) => [
          s,
          statuses.filter((x) => x === s).length,
        ]),
      );
    const before = count(subStatuses(await sim.body(SCENARIO.benchmarkSubJobs)));
    sim.clock.tick(7 * 24 * 3600 * S);
    const after = count(subStatuses(await sim.body(SCENARIO.benchmarkSubJobs)));
    expect(before).toEqual({ success: 600, failed: 5, running: 200, waiting: 195 });
    expect(after).toEqual(before);
  });
});

describe('edge data', () => {
  it('reproduces the documentation example: bind_ldap, begin_time equal to end_time', async () => {
    const sim = await testSimulator();
    const body = await sim.body(SCENARIO.docExample);
    expect(Object.keys(body)).toEqual(['job_id', 'status', 'job_type', 'begin_time', 'end_time']);
    expect(body).toMatchObject({ status: 'success', job_type: 'bind_ldap' });
    expect(body.begin_time).toBe(body.end_time);
  });

  it('serves odd times, empty strings, unknown and upper-case statuses', async () => {
    const sim = await testSimulator();
    expect(await sim.body(SCENARIO.missingEndTime)).not.toHaveProperty('end_time');
    expect((await sim.body(SCENARIO.missingEndTime)).status).toBe('success');
    expect((await sim.body(SCENARIO.isoTimes)).begin_time).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    expect((await sim.body(SCENARIO.garbageTime)).begin_time).toBe('yesterday around noon');
    expect(await sim.body(SCENARIO.emptyStrings)).toMatchObject({
      status: '',
      begin_time: '',
      end_time: '',
      job_type: '',
    });
    const reversed = await sim.body(SCENARIO.endBeforeBegin);
    expect(String(reversed.end_time) < String(reversed.begin_time)).toBe(true);
    expect((await sim.body(SCENARIO.unknownStatus)).status).toBe('suspended');
    expect((await sim.body(SCENARIO.upperSuccess)).status).toBe('SUCCESS');
    expect(await sim.body(SCENARIO.upperFail)).toMatchObject({
      status: 'FAIL',
      error_code: 'SFS.TURBO.0011',
    });
    expect((await sim.body(SCENARIO.upperDoing)).status).toBe('DOING');
    expect((await sim.body(SCENARIO.upperInit)).status).toBe('INIT');
    expect(await sim.body(SCENARIO.extraFields)).toMatchObject({
      progress: '100%',
      project_id: DEMO_PROJECT_ID,
    });
  });
});
