import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { CannedAnswer } from './errors.ts';
import { parseJson, readBody } from './http.ts';
import { jobSpecSchema, type JobSpec } from './job-spec.ts';
import { DEMO_PROJECT_ID } from './scenario-ids.ts';
import { demoJobs } from './scenarios.ts';

/** Request counts since the last reset. */
export interface SimulatorStats {
  /** Every request on the job route, whatever the answer. */
  total: number;
  /** Per `projectId/jobId`, as they appeared in the path. */
  jobs: Record<string, number>;
}

/** What the control routes need from the simulator. */
export interface ControlTarget {
  createJob(spec: JobSpec): { projectId: string; jobId: string };
  advance(ms: number): void;
  reset(): void;
  stats(): SimulatorStats;
  clock(): { nowMs: number; offsetMs: number };
}

/** A JobSpec the simulator cannot serve; `status` tells 400 (bad) from 409 (taken). */
export class SpecError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 409 = 400,
  ) {
    super(message);
    this.name = 'SpecError';
  }
}

const controlError = (status: number, what: string, message: string): CannedAnswer => ({
  status,
  body: { errCode: `SIMULATOR.${what}`, errMsg: message },
});

const ROUTES: Record<string, string[]> = {
  '/__simulator/scenarios': ['GET'],
  '/__simulator/stats': ['GET'],
  '/__simulator/jobs': ['POST'],
  '/__simulator/advance': ['POST'],
  '/__simulator/reset': ['POST'],
};

const advanceSchema = z.strictObject({
  ms: z
    .number()
    .min(0)
    .max(10 * 365 * 24 * 3600_000),
});

async function jsonBody(
  req: IncomingMessage,
): Promise<{ ok: true; value: unknown } | { ok: false; answer: CannedAnswer }> {
  const body = await readBody(req);
  if (!body.ok) {
    return { ok: false, answer: controlError(413, 'TOO_LARGE', 'The body is larger than 64 KiB.') };
  }
  // An empty body is an empty object: `curl -X POST .../reset` should just work.
  const parsed = body.text.trim() === '' ? { ok: true as const, value: {} } : parseJson(body.text);
  if (!parsed.ok)
    return { ok: false, answer: controlError(400, 'BAD_REQUEST', 'The body is not JSON.') };
  return parsed;
}

/** `/__simulator/...`: test and demo controls. Never reachable through the proxy. */
export async function handleControl(
  target: ControlTarget,
  req: IncomingMessage,
  path: string,
): Promise<CannedAnswer> {
  const methods = ROUTES[path.replace(/\/$/, '')];
  if (!methods)
    return controlError(
      404,
      'NOT_FOUND',
      `No control route ${path}. Routes: ${Object.keys(ROUTES).join(', ')}.`,
    );
  const method = req.method ?? 'GET';
  if (!methods.includes(method)) {
    return {
      ...controlError(405, 'METHOD_NOT_ALLOWED', `${path} takes ${methods.join(', ')}.`),
      headers: { Allow: methods.join(', ') },
    };
  }

  switch (path.replace(/\/$/, '')) {
    case '/__simulator/scenarios':
      return { status: 200, body: { projectId: DEMO_PROJECT_ID, scenarios: demoJobs() } };
    case '/__simulator/stats':
      return { status: 200, body: target.stats() };
    case '/__simulator/reset':
    case '/__simulator/advance':
    case '/__simulator/jobs': {
      const body = await jsonBody(req);
      if (!body.ok) return body.answer;
      return applyControl(target, path.replace(/\/$/, ''), body.value);
    }
    default:
      return controlError(404, 'NOT_FOUND', `No control route ${path}.`);
  }
}

function applyControl(target: ControlTarget, path: string, value: unknown): CannedAnswer {
  if (path === '/__simulator/reset') {
    target.reset();
    return { status: 200, body: { reset: true } };
  }
  if (path === '/__simulator/advance') {
    const parsed = advanceSchema.safeParse(value);
    if (!parsed.success)
      return controlError(
        400,
        'BAD_REQUEST',
        `Expected {"ms": n} with n ≥ 0: ${z.prettifyError(parsed.error)}`,
      );
    target.advance(parsed.data.ms);
    const { nowMs, offsetMs } = target.clock();
    return { status: 200, body: { offsetMs, now: new Date(nowMs).toISOString() } };
  }
  const parsed = jobSpecSchema.safeParse(value);
  if (!parsed.success)
    return controlError(400, 'BAD_REQUEST', `Not a JobSpec: ${z.prettifyError(parsed.error)}`);
  try {
    const ids = target.createJob(parsed.data);
    return {
      status: 201,
      body: { ...ids, path: `/v1/${ids.projectId}/sfs-turbo/jobs/${ids.jobId}` },
    };
  } catch (error) {
    if (error instanceof SpecError)
      return controlError(
        error.status,
        error.status === 409 ? 'CONFLICT' : 'BAD_REQUEST',
        error.message,
      );
    throw error;
  }
}
