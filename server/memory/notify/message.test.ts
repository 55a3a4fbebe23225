import { describe, expect, it } from 'vitest';
import { eventKey } from './index.ts';
import { buildMessage, facts, headline, MAX_REASON, type MessageInput } from './message.ts';

const AT = Date.UTC(2026, 10, 29, 10, 0, 5);
const IDS = {
  region: 'eu-de',
  projectId: 'e9993fc787d94b6c886cbaa340f9c0f4',
  jobId: '26f6b565-xxxx-XXXX-xxxx-03f0bd975433',
};
const input = (body: unknown, extra: Partial<MessageInput> = {}): MessageInput => ({
  event: 'ended',
  body,
  ...IDS,
  publicUrl: 'https://jobs.example.com/sfs',
  at: AT,
  watchedBy: 'Ada',
  ...extra,
});

describe('a notification message', () => {
  it('says status, type, IDs, region, the link and the time of a job that ended', () => {
    const message = buildMessage(
      input({ job_id: 'other', job_type: 'extend_share', status: 'success', sub_jobs: [] }),
    );
    expect(message).toEqual({
      event: 'ended',
      status: 'success',
      jobType: 'extend_share',
      ...IDS,
      firstFailure: null,
      link: `https://jobs.example.com/sfs/eu-de/projects/${IDS.projectId}/jobs/${IDS.jobId}`,
      at: '2026-11-29T10:00:05.000Z',
      time: '2026-11-29 10:00:05 UTC',
      watchedBy: 'Ada',
    });
  });

  it('names the sub-job that failed first among those that say why, as the page does', () => {
    const body = {
      status: 'failed',
      error_code: 'SFS.TURBO.0001',
      fail_reason: 'job level',
      sub_jobs: [
        { job_id: 'a', status: 'success', end_time: '2026-11-29 09:00:00' },
        { job_id: 'b', status: 'failed', end_time: '2026-11-29 09:30:00', error_code: 'B' },
        {
          job_id: 'c',
          status: 'FAIL',
          end_time: '2026-11-29 09:10:00',
          error_code: 'C',
          fail_reason: 'first',
        },
        // Failed first (by its begin time), but says nothing: the page leads with c too.
        { job_id: 'd', status: 'failed', begin_time: '2026-11-29 08:00:00' },
      ],
    };
    expect(buildMessage(input(body)).firstFailure).toEqual({
      subJobId: 'c',
      errorCode: 'C',
      reason: 'first',
    });
    // By end time, else begin time: b ends before c here.
    const later = {
      ...body,
      sub_jobs: [body.sub_jobs[1], { ...body.sub_jobs[2], end_time: '2026-11-29 09:45:00' }],
    };
    expect(buildMessage(input(later)).firstFailure).toEqual({
      subJobId: 'b',
      errorCode: 'B',
      reason: null,
    });
    // No sub-job says why: the job's own error, when it has one…
    const silent = { ...body, sub_jobs: [body.sub_jobs[3]] };
    expect(buildMessage(input(silent)).firstFailure).toEqual({
      subJobId: null,
      errorCode: 'SFS.TURBO.0001',
      reason: 'job level',
    });
    // …else the sub-job that failed first, named without a code.
    const mute = {
      status: 'failed',
      sub_jobs: [
        { job_id: 'b', status: 'failed', end_time: '2026-11-29 09:30:00' },
        { job_id: 'd', status: 'failed', begin_time: '2026-11-29 08:00:00' },
      ],
    };
    expect(buildMessage(input(mute)).firstFailure).toEqual({
      subJobId: 'd',
      errorCode: null,
      reason: null,
    });
    // Without failed sub-jobs, the job's own error.
    expect(buildMessage(input({ ...body, sub_jobs: [] })).firstFailure).toEqual({
      subJobId: null,
      errorCode: 'SFS.TURBO.0001',
      reason: 'job level',
    });
  });

  it('announces the sub-job a sub-job-failed event is about', () => {
    const body = {
      status: 'running',
      sub_jobs: [
        { job_id: 'x', status: 'failed', end_time: '2026-11-29 09:00:00', error_code: 'X' },
        { job_id: 'y', status: 'failed', end_time: '2026-11-29 09:05:00', error_code: 'Y' },
      ],
    };
    const message = buildMessage(input(body, { event: 'sub-job-failed', subJobId: 'y' }));
    expect(message.firstFailure).toEqual({ subJobId: 'y', errorCode: 'Y', reason: null });
    expect(facts(message).find((row) => row.label === 'Failure')?.value).toBe(
      'sub-job y: Y, no reason given',
    );
  });

  it.each([
    ['no body', undefined],
    ['a list', []],
    ['a string', 'ok'],
    ['null', null],
    [
      'wrong types',
      { status: 3, job_type: { a: 1 }, error_code: null, fail_reason: ['x'], sub_jobs: 'many' },
    ],
    ['sub-jobs of wrong types', { status: 'failed', sub_jobs: [null, 1, 'x', { status: 7 }] }],
  ])('never throws on %s', (_name, body) => {
    const message = buildMessage(input(body));
    expect(message.jobId).toBe(IDS.jobId);
    expect(typeof message.time).toBe('string');
    for (const row of facts(message)) expect(typeof row.value).toBe('string');
  });

  it('reads a number where a word belongs as the word, and an unknown status as it came', () => {
    const message = buildMessage(input({ status: 'suspended', job_type: 42 }));
    expect(message).toMatchObject({ status: 'suspended', jobType: '42', firstFailure: null });
    expect(buildMessage(input({})).status).toBeNull();
    expect(facts(buildMessage(input({})))[0]).toEqual({
      label: 'Status',
      value: 'unknown (the cloud sent none)',
    });
  });

  it('cuts a long reason to 500 characters and flattens line breaks', () => {
    const message = buildMessage(
      input({ status: 'failed', fail_reason: `line one\n\n*fake* line two ${'x'.repeat(2000)}` }),
    );
    const reason = message.firstFailure?.reason ?? '';
    expect(Array.from(reason)).toHaveLength(MAX_REASON);
    expect(reason.endsWith('…')).toBe(true);
    expect(reason).not.toMatch(/\n/);
    expect(reason.startsWith('line one *fake* line two')).toBe(true);
  });

  it('has no link without PUBLIC_URL, and says so', () => {
    const message = buildMessage(input({ status: 'success' }, { publicUrl: undefined }));
    expect(message.link).toBeNull();
    expect(facts(message).at(-1)).toEqual({
      label: 'Link',
      value: 'none: PUBLIC_URL is not set on the dashboard server',
    });
  });

  it('keeps the text as the cloud wrote it: escaping is each channel’s', () => {
    const message = buildMessage(
      input({ status: 'failed', fail_reason: '<!channel> <https://evil.example|click> & co' }),
    );
    expect(message.firstFailure?.reason).toBe('<!channel> <https://evil.example|click> & co');
  });
});

describe('a watch that ends before its job', () => {
  it('says the cloud no longer knows the job, with the last status the watch saw', () => {
    const message = buildMessage(input({ status: 'running' }, { event: 'gone' }));
    expect(headline(message)).toBe(
      'SFS Turbo job: no longer watched, the cloud has not known it for an hour (last seen running)',
    );
    expect(facts(message)[0]).toEqual({ label: 'Last status seen', value: 'running' });
    expect(message.firstFailure).toBeNull();
  });

  it('says the watch ran out of time, even when no status was ever seen', () => {
    const message = buildMessage(input({ status: null }, { event: 'expired' }));
    expect(headline(message)).toBe(
      'SFS Turbo job: no longer watched, it had not ended after 7 days (last seen with no status)',
    );
    expect(facts(message)[0]).toEqual({
      label: 'Last status seen',
      value: 'unknown (the cloud sent none)',
    });
  });
});

describe('event keys', () => {
  it('name the sub-job, and stay short for an ID of any length', () => {
    expect(eventKey.ended).toBe('ended');
    expect([eventKey.gone, eventKey.expired]).toEqual(['gone', 'expired']);
    expect(eventKey.subJobFailed('sub-1')).toBe('sub-job-failed:sub-1');
    const long = eventKey.subJobFailed('x'.repeat(10_000));
    expect(long).toMatch(/^sub-job-failed:sha256-[0-9a-f]{64}$/);
    expect(eventKey.subJobFailed(`${'x'.repeat(9_999)}y`)).not.toBe(long);
  });
});
