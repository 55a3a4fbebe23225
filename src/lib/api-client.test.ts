import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { anyBodyText, anyHeaders, anyStatus, NULL_BODY_STATUSES } from '../test/arbitraries';
import { fetchJob } from './api-client';
import { ApiError, type LookupFailureKind } from './api-error';

const target = { region: 'eu-de', projectId: '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20', jobId: 'job-1' };

const KINDS: LookupFailureKind[] = [
  'invalid-input',
  'not-found',
  'unauthorized',
  'forbidden',
  'throttled',
  'upstream',
  'unreachable',
  'timeout',
  'unexpected',
];

function answer(status: number, body: string, headers: Record<string, string>) {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () => new Response(NULL_BODY_STATUSES.has(status) ? null : body, { status, headers }),
    ),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetchJob (whatever the server answers)', () => {
  it('yields a job or an ApiError, never anything else, for any status, headers and body', async () => {
    await fc.assert(
      fc.asyncProperty(anyStatus, anyHeaders, anyBodyText, async (status, headers, body) => {
        answer(status, body, headers);
        const sent = NULL_BODY_STATUSES.has(status) ? '' : body;
        let result: Awaited<ReturnType<typeof fetchJob>> | undefined;
        let failure: unknown;
        try {
          result = await fetchJob(target);
        } catch (error) {
          failure = error;
        }
        const requestId = new Headers(headers).get('X-request-id') ?? undefined;
        if (result) {
          expect(status).toBeGreaterThanOrEqual(200);
          expect(status).toBeLessThan(300);
          expect(result.raw).toBe(sent);
          expect(result.requestId).toBe(requestId);
          // Every documented field that came as text arrives unchanged (not: whatever the parser says).
          const body = JSON.parse(sent) as Record<string, unknown>;
          for (const key of [
            'status',
            'job_id',
            'job_type',
            'begin_time',
            'end_time',
            'error_code',
            'fail_reason',
          ] as const) {
            if (typeof body[key] === 'string') expect(result.job[key]).toBe(body[key]);
          }
          return;
        }
        expect(failure).toBeInstanceOf(ApiError);
        const error = failure as ApiError;
        expect(KINDS).toContain(error.kind);
        expect(error.status).toBe(status);
        expect(error.target).toEqual(target);
        expect(error.message.length).toBeGreaterThan(0);
        // A 2xx that is not a job is "unexpected", never mistaken for another failure.
        if (status < 300) expect(error.kind).toBe('unexpected');
        if (requestId !== undefined) expect(error.requestId).toBe(requestId);
      }),
      { numRuns: 400 },
    );
  });

  it('turns a failed request into an "unreachable" ApiError', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(fetchJob(target)).rejects.toMatchObject({
      name: 'ApiError',
      kind: 'unreachable',
      status: 0,
    });
  });

  it('says "unexpected response" for a 200 whose body is not a job object', async () => {
    for (const body of ['[]', '"ok"', 'null', '42', '<html></html>', '']) {
      answer(200, body, {});
      await expect(fetchJob(target)).rejects.toMatchObject({ kind: 'unexpected', status: 200 });
    }
  });
});

describe('fetchJob and an answer that breaks off', () => {
  it('says "unreachable", naming the job, when the body stops before its end', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"status":"run'));
        controller.error(new TypeError('network error'));
      },
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(body, { status: 200, headers: { 'X-request-id': 'r-1' } })),
    );
    const error = await fetchJob(target).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'unreachable', status: 200, requestId: 'r-1', target });
  });
});

describe('fetchJob and an answer that did not change', () => {
  const body = (status: string) =>
    JSON.stringify({
      job_id: 'job-1',
      status: 'running',
      sub_jobs: [{ job_id: 'sub-1', status }],
    });

  it('hands back the same job object for the same text, so nothing is checked or compared again', async () => {
    answer(200, body('running'), { 'X-request-id': 'r-1' });
    const first = await fetchJob(target);
    answer(200, body('running'), { 'X-request-id': 'r-2' });
    const second = await fetchJob(target);
    expect(second.job).toBe(first.job);
    expect(second.requestId).toBe('r-2');
  });

  it('reads a changed text, and the same text of another job, afresh', async () => {
    answer(200, body('running'), {});
    const first = await fetchJob(target);
    answer(200, body('success'), {});
    const changed = await fetchJob(target);
    expect(changed.job).not.toBe(first.job);
    expect(changed.job.sub_jobs?.[0]?.status).toBe('success');
    const other = await fetchJob({ ...target, jobId: 'job-2' });
    expect(other.job).not.toBe(changed.job);
    expect(other.job).toEqual(changed.job);
  });

  it('fails an unchanged text that is no job every time', async () => {
    answer(200, '[1, 2]', {});
    await expect(fetchJob(target)).rejects.toMatchObject({ kind: 'unexpected' });
    await expect(fetchJob(target)).rejects.toMatchObject({ kind: 'unexpected' });
  });
});

describe('fetchJob and a shared answer', () => {
  it('dates the job to when the cloud answered, from the Age the server sends', async () => {
    answer(200, JSON.stringify({ job_id: 'job-1', status: 'running' }), { Age: '3' });
    const before = Date.now();
    const job = await fetchJob(target);
    expect(job.receivedAt).toBeLessThanOrEqual(Date.now() - 3_000);
    expect(job.receivedAt).toBeGreaterThanOrEqual(before - 3_000);
  });

  it("keeps a 429's Retry-After on the error, so the next try waits for it", async () => {
    answer(429, '{"errCode":"PROXY.RATE_LIMITED","errMsg":"slow down"}', { 'Retry-After': '12' });
    const error = await fetchJob(target).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).retryAfterMs).toBe(12_000);
  });
});
