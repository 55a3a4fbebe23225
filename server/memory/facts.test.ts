import { describe, expect, it } from 'vitest';
import { changedFacts, factsOf, MAX_FAILED_SUB_JOBS } from './facts.ts';

describe('factsOf', () => {
  it('takes the raw words of the job and counts its sub-jobs per status word', () => {
    expect(
      factsOf({
        job_id: 'j',
        status: 'FAIL',
        job_type: 'extend_share',
        error_code: 'SFS.TURBO.0029',
        fail_reason: 'Subnet has not enough ips',
        sub_jobs: [
          { job_id: 'a', status: 'success' },
          { job_id: 'b', status: 'failed', error_code: 'SFS.TURBO.0029' },
          { job_id: 'c', status: 'running' },
          { job_id: 'd', status: 'FAIL' },
          { job_id: 'e', status: 'success' },
        ],
      }),
    ).toEqual({
      status: 'FAIL',
      errorCode: 'SFS.TURBO.0029',
      failReason: 'Subnet has not enough ips',
      subJobs: { FAIL: 1, failed: 1, running: 1, success: 2 },
      failedSubJobs: ['b', 'd'],
    });
  });

  it('leaves out what the cloud did not send, and an empty sub-job list', () => {
    expect(factsOf({ status: 'running' })).toEqual({ status: 'running' });
    expect(factsOf({ status: 'success', sub_jobs: [] })).toEqual({ status: 'success' });
  });

  it('never throws on a hostile or wrongly typed body, and reads what is not a string as absent', () => {
    for (const body of [null, undefined, 'ok', 42, [], [{ status: 'x' }], true]) {
      expect(factsOf(body)).toEqual({});
    }
    expect(
      factsOf({
        status: 7,
        error_code: null,
        fail_reason: { text: 'x' },
        sub_jobs: [null, 3, 'x', { status: 5 }, { status: 'failed', job_id: 9 }, []],
      }),
    ).toEqual({
      subJobs: { '': 5, failed: 1 },
      failedSubJobs: [''],
    });
    expect(factsOf({ sub_jobs: 'many' })).toEqual({});
    // A key that is a prototype's name is a word like any other.
    expect(factsOf({ sub_jobs: [{ status: '__proto__' }] }).subJobs).toEqual(
      JSON.parse('{"__proto__":1}'),
    );
  });

  it('keeps at most 50 failed sub-job IDs, bounded words and bounded status buckets', () => {
    const subJobs = Array.from({ length: 500 }, (_, n) => ({ job_id: `s${n}`, status: 'failed' }));
    const facts = factsOf({ status: 'x'.repeat(10_000), sub_jobs: subJobs });
    expect(facts.failedSubJobs).toHaveLength(MAX_FAILED_SUB_JOBS);
    expect(facts.failedSubJobs?.[0]).toBe('s0');
    expect(facts.subJobs).toEqual({ failed: 500 });
    expect(facts.status?.length).toBeLessThanOrEqual(200);
    const words = factsOf({
      sub_jobs: Array.from({ length: 100 }, (_, n) => ({ status: `word-${n}` })),
    });
    expect(Object.keys(words.subJobs ?? {}).length).toBeLessThanOrEqual(21);
    expect(Object.values(words.subJobs ?? {}).reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe('changedFacts', () => {
  it('names each fact that differs, in a fixed order, and nothing for equal facts', () => {
    const before = factsOf({
      status: 'running',
      sub_jobs: [{ status: 'running' }, { status: 'success' }],
    });
    expect(
      changedFacts(
        before,
        factsOf({ status: 'running', sub_jobs: [{ status: 'success' }, { status: 'running' }] }),
      ),
    ).toEqual([]);
    const after = factsOf({
      status: 'failed',
      error_code: 'E',
      fail_reason: 'why',
      sub_jobs: [{ status: 'failed', job_id: 'x' }, { status: 'success' }],
    });
    expect(changedFacts(before, after)).toEqual([
      'status',
      'errorCode',
      'failReason',
      'subJobs',
      'failedSubJobs',
    ]);
    expect(changedFacts({}, {})).toEqual([]);
    expect(changedFacts({ status: 'running' }, {})).toEqual(['status']);
    expect(
      changedFacts({ subJobs: { running: 2 } }, { subJobs: { running: 1, success: 1 } }),
    ).toEqual(['subJobs']);
  });
});
