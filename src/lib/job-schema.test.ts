import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import example from '../test/fixtures/otc-doc-showjobdetail-200-bind_ldap.json';
import { parseJobBody } from './job-schema';

describe('parseJobBody', () => {
  it('accepts the reference example as it is', () => {
    expect(parseJobBody(example)).toEqual({ job: example, warnings: [] });
  });

  it('keeps unknown status values and unknown fields', () => {
    const parsed = parseJobBody({ status: 'PAUSED', job_type: 'resize_cache', region_hint: 'x' });
    expect(parsed?.job).toMatchObject({ status: 'PAUSED', job_type: 'resize_cache', region_hint: 'x' });
    expect(parsed?.warnings).toEqual([]);
  });

  it('salvages numbers as text and drops objects, saying so', () => {
    const parsed = parseJobBody({ status: 'running', begin_time: 1700000000, fail_reason: { a: 1 } });
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
