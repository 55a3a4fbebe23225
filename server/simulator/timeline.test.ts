import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoTime, formatKeystoneTime, formatSfsTime, stableUuid } from './format.ts';
import { resolveJob, type JobSpec } from './job-spec.ts';
import { jobDetailAt, phaseAt, settlesAt } from './timeline.ts';

const T0 = Date.UTC(2026, 10, 29, 10, 0, 0);
const ids = { projectId: '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20', jobId: 'job-1' };
const at = (spec: JobSpec, elapsed: number) => jobDetailAt(resolveJob(spec, ids), T0, elapsed);

describe('time formats', () => {
  it('writes SFS Turbo, ISO and Keystone times in UTC', () => {
    expect(formatSfsTime(T0 + 1234)).toBe('2026-11-29 10:00:01');
    expect(formatIsoTime(T0)).toBe('2026-11-29T10:00:00Z');
    expect(formatKeystoneTime(T0 + 5)).toBe('2026-11-29T10:00:00.005000Z');
  });

  it('derives the same UUID-shaped sub-job ID from the same seed', () => {
    expect(stableUuid('a')).toBe(stableUuid('a'));
    expect(stableUuid('a')).not.toBe(stableUuid('b'));
    expect(stableUuid('a')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });
});

describe('phaseAt', () => {
  const task = { start: 1000, duration: 2000, status: 'success' };
  it.each([
    [0, 'waiting'],
    [999, 'waiting'],
    [1000, 'running'],
    [2999, 'running'],
    [3000, 'ended'],
    [1e9, 'ended'],
  ] as const)('at %i ms a task from 1 s to 3 s is %s', (elapsed, phase) => {
    expect(phaseAt(task, elapsed)).toBe(phase);
  });

  it('never starts a task that ends as waiting, never ends one that ends as running', () => {
    expect(phaseAt({ ...task, status: 'waiting' }, 1e9)).toBe('waiting');
    expect(phaseAt({ ...task, status: 'running' }, 1e9)).toBe('running');
    expect(phaseAt({ ...task, status: 'running' }, 0)).toBe('waiting');
  });
});

describe('jobDetailAt', () => {
  const spec: JobSpec = {
    jobType: 'extend_share',
    start: 1000,
    duration: 4000,
    status: 'failed',
    errorCode: 'SFS.TURBO.0008',
    failReason: 'Invalid size',
  };

  it('leaves out begin_time while waiting, end_time and the error while running', () => {
    expect(at(spec, 0)).toEqual({ job_id: 'job-1', status: 'waiting', job_type: 'extend_share' });
    expect(at(spec, 2000)).toEqual({
      job_id: 'job-1',
      status: 'running',
      job_type: 'extend_share',
      begin_time: '2026-11-29 10:00:01',
    });
    expect(at(spec, 5000)).toEqual({
      job_id: 'job-1',
      status: 'failed',
      job_type: 'extend_share',
      begin_time: '2026-11-29 10:00:01',
      end_time: '2026-11-29 10:00:05',
      error_code: 'SFS.TURBO.0008',
      fail_reason: 'Invalid size',
    });
  });

  it('spans the job over its sub-jobs when the spec says nothing else', () => {
    const job = resolveJob(
      {
        jobType: 'create_share',
        subJobs: [
          { start: 2000, duration: 3000 },
          { start: 4000, duration: 6000, status: 'failed' },
          { status: 'waiting' },
        ],
      },
      ids,
    );
    expect(job).toMatchObject({ start: 2000, duration: 8000, status: 'failed' });
    expect(settlesAt(job)).toBe(10_000);
    const running = resolveJob(
      {
        jobType: 'x',
        subJobs: [
          { start: 0, duration: 1 },
          { start: 5, status: 'running' },
        ],
      },
      ids,
    );
    expect(running.status).toBe('running');
    expect(settlesAt(running)).toBe(Number.POSITIVE_INFINITY);
    expect(resolveJob({ jobType: 'x' }, ids)).toMatchObject({
      start: 0,
      duration: 0,
      status: 'success',
      subJobs: undefined,
    });
  });

  it('tells an absent sub_jobs field from an empty list', () => {
    expect(at({ jobType: 'x' }, 0)).not.toHaveProperty('sub_jobs');
    expect(at({ jobType: 'x', subJobs: [] }, 0)).toHaveProperty('sub_jobs', []);
  });

  it('gives sub-jobs stable IDs and their job type unless told otherwise', () => {
    const first = at(
      { jobType: 'create_share', subJobs: [{}, { jobType: 'bind_ldap', jobId: 'mine' }] },
      0,
    );
    const again = at(
      { jobType: 'create_share', subJobs: [{}, { jobType: 'bind_ldap', jobId: 'mine' }] },
      0,
    );
    expect(first.sub_jobs).toEqual(again.sub_jobs);
    expect(first.sub_jobs).toMatchObject([
      { job_type: 'create_share' },
      { job_id: 'mine', job_type: 'bind_ldap' },
    ]);
  });

  it('renames statuses and writes ISO times when asked', () => {
    const spec: JobSpec = {
      jobType: 'x',
      start: 1000,
      duration: 1000,
      statusNames: { waiting: 'INIT', running: 'DOING', success: 'SUCCESS' },
      timeFormat: 'iso',
    };
    expect(at(spec, 0).status).toBe('INIT');
    expect(at(spec, 1500)).toMatchObject({ status: 'DOING', begin_time: '2026-11-29T10:00:01Z' });
    expect(at(spec, 2000)).toMatchObject({ status: 'SUCCESS', end_time: '2026-11-29T10:00:02Z' });
  });

  it('shows an unknown final status as it is, and an end before the beginning for a negative duration', () => {
    expect(at({ jobType: 'x', status: 'suspended' }, 0).status).toBe('suspended');
    expect(at({ jobType: 'x', start: 0, duration: -60_000 }, 0)).toMatchObject({
      begin_time: '2026-11-29 10:00:00',
      end_time: '2026-11-29 09:59:00',
    });
  });

  it('applies overrides last, and null removes a field', () => {
    const body = at(
      {
        jobType: 'x',
        override: { end_time: null, progress: 7 },
        subJobs: [{ override: { status: '' } }],
      },
      0,
    );
    expect(body).not.toHaveProperty('end_time');
    expect(body.progress).toBe(7);
    expect(body.sub_jobs).toMatchObject([{ status: '' }]);
  });
});

describe('any timeline, at any instant', () => {
  const task = fc.record({
    start: fc.integer({ min: -100_000, max: 100_000 }),
    duration: fc.integer({ min: 0, max: 100_000 }),
    status: fc.constantFrom('success', 'failed', 'waiting', 'running', 'odd'),
  });
  const spec = fc.record({
    job: task,
    subs: fc.option(fc.array(task, { maxLength: 6 }), { nil: undefined }),
  });

  it('moves forward only: waiting, then running, then ended; times appear and never change', () => {
    const order = { waiting: 0, running: 1, ended: 2 };
    fc.assert(
      fc.property(
        spec,
        fc.array(fc.integer({ min: -1000, max: 300_000 }), { minLength: 2, maxLength: 8 }),
        ({ job, subs }, instants) => {
          const resolved = resolveJob({ jobType: 'x', ...job, subJobs: subs }, ids);
          const sorted = [...instants].sort((a, b) => a - b);
          for (const [earlier, later] of sorted
            .slice(1)
            .map((t, i) => [sorted[i] ?? t, t] as const)) {
            expect(order[phaseAt(resolved, earlier)]).toBeLessThanOrEqual(
              order[phaseAt(resolved, later)],
            );
            const before = jobDetailAt(resolved, T0, earlier);
            const after = jobDetailAt(resolved, T0, later);
            if (before.begin_time !== undefined) expect(after.begin_time).toBe(before.begin_time);
            if (before.end_time !== undefined) expect(after.end_time).toBe(before.end_time);
          }
        },
      ),
    );
  });

  it('never has an end_time without a begin_time, nor an end before the beginning', () => {
    fc.assert(
      fc.property(spec, fc.integer({ min: -1000, max: 300_000 }), ({ job, subs }, elapsed) => {
        const body = jobDetailAt(
          resolveJob({ jobType: 'x', ...job, subJobs: subs }, ids),
          T0,
          elapsed,
        );
        for (const part of [
          body,
          ...((body.sub_jobs as Record<string, unknown>[] | undefined) ?? []),
        ]) {
          if (part.end_time !== undefined) {
            expect(part.begin_time).toBeDefined();
            expect(String(part.end_time) >= String(part.begin_time)).toBe(true);
          }
          for (const value of Object.values(part))
            if (!Array.isArray(value)) expect(typeof value).toBe('string');
        }
      }),
    );
  });

  it('is a pure function of the instant', () => {
    fc.assert(
      fc.property(spec, fc.integer({ min: -1000, max: 300_000 }), ({ job, subs }, elapsed) => {
        const resolved = resolveJob({ jobType: 'x', ...job, subJobs: subs }, ids);
        expect(jobDetailAt(resolved, T0, elapsed)).toEqual(jobDetailAt(resolved, T0, elapsed));
      }),
    );
  });
});
