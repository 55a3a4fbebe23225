import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jobLikeBody } from '../test/arbitraries';
import example from '../test/fixtures/otc-doc-showjobdetail-200-bind_ldap.json';
import { parseJobBody } from './job-schema';

const FIELDS = [
  'status',
  'job_id',
  'job_type',
  'begin_time',
  'end_time',
  'error_code',
  'fail_reason',
] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a value already fits the contract (so parsing must not warn about it). */
function fits(body: Record<string, unknown>, withSubJobs = true): boolean {
  const fieldsFit = FIELDS.every(
    (field) => body[field] === undefined || typeof body[field] === 'string',
  );
  if (!withSubJobs) return fieldsFit;
  const subs = body.sub_jobs;
  return (
    fieldsFit &&
    (subs === undefined ||
      (Array.isArray(subs) && subs.every((sub) => isRecord(sub) && fits(sub, false))))
  );
}

describe('parseJobBody', () => {
  it('accepts the reference example as it is', () => {
    expect(parseJobBody(example)).toEqual({ job: example, warnings: [] });
  });

  it('keeps unknown status values and unknown fields', () => {
    const parsed = parseJobBody({ status: 'PAUSED', job_type: 'resize_cache', region_hint: 'x' });
    expect(parsed?.job).toMatchObject({
      status: 'PAUSED',
      job_type: 'resize_cache',
      region_hint: 'x',
    });
    expect(parsed?.warnings).toEqual([]);
  });

  it('salvages numbers as text and drops objects, saying so', () => {
    const parsed = parseJobBody({
      status: 'running',
      begin_time: 1700000000,
      fail_reason: { a: 1 },
    });
    expect(parsed?.job.begin_time).toBe('1700000000');
    expect(parsed?.job.fail_reason).toBeUndefined();
    expect(parsed?.warnings).toEqual([
      'begin_time was a number (1700000000), shown as text',
      'fail_reason was a object, expected text; left out',
    ]);
  });

  it('repairs bad sub-jobs without losing the good ones', () => {
    const parsed = parseJobBody({ sub_jobs: [{ status: 'success' }, 'oops', { end_time: null }] });
    expect(parsed?.job.sub_jobs).toEqual([{ status: 'success' }, {}, {}]);
    expect(parsed?.warnings).toHaveLength(2);
  });

  it('drops a sub_jobs field that is not a list', () => {
    const parsed = parseJobBody({ status: 'success', sub_jobs: 'none' });
    expect(parsed?.job).toEqual({ status: 'success' });
    expect(parsed?.warnings[0]).toMatch(/^sub_jobs was a string/);
  });

  it('refuses bodies that are not objects', () => {
    for (const body of [null, [], 'ok', 42, true]) expect(parseJobBody(body)).toBeNull();
  });

  // Both found by the property below: they used to yield null ("not a job object").
  it('shows a sub-job list entry that is true, a word or null as an empty row', () => {
    const parsed = parseJobBody({
      status: 'failed',
      sub_jobs: [false, 'm4YrX', null, { status: 'success' }],
    });
    expect(parsed?.job.sub_jobs).toEqual([{}, {}, {}, { status: 'success' }]);
    expect(parsed?.warnings).toHaveLength(3);
  });

  it('leaves out a sub_jobs field that is a number or true rather than turning it into text', () => {
    for (const sub_jobs of [0, true]) {
      const parsed = parseJobBody({ status: 'success', sub_jobs });
      expect(parsed?.job).toEqual({ status: 'success' });
      expect(parsed?.warnings).toEqual([
        `sub_jobs was a ${typeof sub_jobs}, expected a list; left out`,
      ]);
    }
  });

  it('reads every object with ShowJobDetail keys, whatever their values: text kept, the rest repaired and flagged', () => {
    fc.assert(
      fc.property(jobLikeBody, (body) => {
        const parsed = parseJobBody(body);
        // An object is always a job, however odd; only non-objects are "unexpected".
        expect(parsed).not.toBeNull();
        const { job, warnings } = parsed!;
        for (const field of FIELDS) {
          const value = (body as Record<string, unknown>)[field];
          if (typeof value === 'string') expect(job[field]).toBe(value);
          else expect(['string', 'undefined']).toContain(typeof job[field]);
        }
        if (job.sub_jobs !== undefined) {
          expect(Array.isArray(job.sub_jobs)).toBe(true);
          for (const sub of job.sub_jobs) {
            expect(isRecord(sub)).toBe(true);
            for (const field of FIELDS)
              expect(['string', 'undefined']).toContain(typeof sub[field]);
          }
        }
        expect(warnings.length > 0).toBe(!fits(body as Record<string, unknown>));
      }),
      { numRuns: 1000 },
    );
    // 1,000 generated bodies: CPU work that took 5.8 s at load 25 on two cores, past the default
    // 5 s; the limit is there to catch a hang, not to time it.
  }, 60_000);

  it('never throws on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = parseJobBody(value);
        if (parsed) expect(Array.isArray(parsed.warnings)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
