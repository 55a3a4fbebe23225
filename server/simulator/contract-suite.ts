/**
 * The ShowJobDetail contract the dashboard relies on, as a suite that runs against any
 * endpoint: the simulator (contract.test.ts, in `npm test`) and a real SFS Turbo endpoint
 * (contract.cloud-test.ts, `npm run test:contract`, which needs credentials CI does not have).
 * If the real API changes, this suite says what the simulator (and the dashboard) must follow.
 */
import { expect, it } from 'vitest';

export interface ContractTarget {
  baseUrl: string;
  projectId: string;
  token: string;
  /** Jobs that exist, for the 200 checks. */
  jobIds: string[];
}

const FIELDS = [
  'status',
  'job_id',
  'job_type',
  'begin_time',
  'end_time',
  'error_code',
  'fail_reason',
] as const;
const SFS_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const ABSENT_JOB = '7c0e2a8e-none-4f00-9a00-00000000c0de';

/** `token: null` sends no X-Auth-Token at all. */
async function call(target: ContractTarget, jobId: string, token: string | null = target.token) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token !== null) headers['X-Auth-Token'] = token;
  const response = await fetch(`${target.baseUrl}/v1/${target.projectId}/sfs-turbo/jobs/${jobId}`, {
    headers,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

function expectRequestId(headers: Headers) {
  expect(headers.get('x-request-id'), 'X-request-id header').toMatch(/^\S{8,}$/);
}

function expectJsonContentType(headers: Headers) {
  expect(headers.get('content-type') ?? '').toMatch(/^application\/json\b/);
}

function expectJobFields(part: Record<string, unknown>, where: string) {
  for (const field of FIELDS) {
    if (field in part) expect(typeof part[field], `${where}.${field}`).toBe('string');
  }
  for (const field of ['begin_time', 'end_time'] as const) {
    if (typeof part[field] === 'string' && part[field] !== '')
      expect(part[field], `${where}.${field}`).toMatch(SFS_TIME);
  }
  // A job that is still going has not ended.
  if (part.status === 'running' || part.status === 'waiting')
    expect(part, where).not.toHaveProperty('end_time');
  if (part.status === 'waiting' && 'end_time' in part)
    expect.fail(`${where}: waiting with an end_time`);
}

function expectSfsOrGatewayError(body: unknown, where: string) {
  expect(typeof body, `${where}: JSON object body`).toBe('object');
  const record = body as Record<string, unknown>;
  if ('errCode' in record) {
    expect(record.errCode, where).toMatch(/^SFS\.TURBO\.\d{4}$/);
    expect(typeof record.errMsg, where).toBe('string');
  } else {
    expect(record.error_code, where).toMatch(/^APIG?W?\.\d{4}$/);
    expect(typeof record.error_msg, where).toBe('string');
  }
}

export function contractSuite(getTarget: () => ContractTarget) {
  it('answers a job with a JSON object whose documented fields are strings and whose times are UTC "YYYY-MM-DD HH:mm:ss"', async () => {
    const target = getTarget();
    expect(target.jobIds.length, 'jobs to ask for').toBeGreaterThan(0);
    for (const jobId of target.jobIds) {
      const answer = await call(target, jobId);
      expect(answer.status, `${jobId}: ${answer.text.slice(0, 200)}`).toBe(200);
      expectRequestId(answer.headers);
      expectJsonContentType(answer.headers);
      expect(answer.body).toBeTypeOf('object');
      expect(Array.isArray(answer.body)).toBe(false);
      const body = answer.body as Record<string, unknown>;
      expectJobFields(body, jobId);
      if ('job_id' in body) expect(body.job_id).toBe(jobId);
      if ('sub_jobs' in body) {
        expect(Array.isArray(body.sub_jobs), `${jobId}.sub_jobs is a list`).toBe(true);
        for (const [index, sub] of (body.sub_jobs as unknown[]).entries()) {
          expect(sub, `${jobId}.sub_jobs[${index}]`).toBeTypeOf('object');
          expectJobFields(sub as Record<string, unknown>, `${jobId}.sub_jobs[${index}]`);
          expect(sub, 'sub-jobs do not nest').not.toHaveProperty('sub_jobs');
        }
      }
    }
  });

  it('answers an unknown job with 404 (or 400) in the SFS Turbo error shape', async () => {
    const target = getTarget();
    const answer = await call(target, ABSENT_JOB);
    expect([400, 404]).toContain(answer.status);
    expectRequestId(answer.headers);
    expectJsonContentType(answer.headers);
    expect(Object.keys(answer.body as object).sort()).toEqual(['errCode', 'errMsg']);
    expectSfsOrGatewayError(answer.body, 'unknown job');
  });

  it('answers a malformed job ID with a client error and a readable error body', async () => {
    const target = getTarget();
    const answer = await call(target, 'not_a_job_id');
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expectRequestId(answer.headers);
    expectSfsOrGatewayError(answer.body, 'malformed job ID');
  });

  it('answers a missing or forged token with 401 APIG.0301 in the gateway shape', async () => {
    const target = getTarget();
    for (const [token, detail] of [
      [null, /x-auth-token not found/i],
      ['MIIforged-token', /./],
    ] as const) {
      const answer = await call(target, ABSENT_JOB, token);
      expect(answer.status).toBe(401);
      expectRequestId(answer.headers);
      const body = answer.body as Record<string, unknown>;
      expect(body.error_code).toBe('APIG.0301');
      expect(body.error_msg).toMatch(/^Incorrect IAM authentication information/);
      expect(body.error_msg).toMatch(detail);
      expect(typeof body.request_id).toBe('string');
    }
  });
}
