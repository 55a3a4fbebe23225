import { afterEach } from 'vitest';
import {
  DEMO_PROJECT_ID,
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from './simulator.ts';

/** 2026-11-29 10:00:00 UTC: a fixed instant so that every formatted time is predictable. */
export const T0 = Date.UTC(2026, 10, 29, 10, 0, 0);

export interface FakeClock {
  now: () => number;
  set(ms: number): void;
  tick(ms: number): void;
}

export function fakeClock(start = T0): FakeClock {
  let current = start;
  return {
    now: () => current,
    set: (ms) => {
      current = ms;
    },
    tick: (ms) => {
      current += ms;
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or `undefined` when it is not JSON. */
  json: unknown;
}

export interface TestSimulator extends RunningSimulator {
  clock: FakeClock;
  request(path: string, init?: RequestInit): Promise<Answer>;
  job(jobId: string, init?: RequestInit & { projectId?: string }): Promise<Answer>;
  /** A job body as a plain record (asserts a 200). */
  body(
    jobId: string,
    init?: RequestInit & { projectId?: string },
  ): Promise<Record<string, unknown>>;
}

const running: RunningSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** A simulator on a free port with a fake clock, closed after the test. */
export async function testSimulator(options: SimulatorOptions = {}): Promise<TestSimulator> {
  const clock = fakeClock();
  const server = await startSimulator({ now: clock.now, latencyScale: 0.01, ...options });
  running.push(server);
  const request = async (path: string, init?: RequestInit): Promise<Answer> => {
    const response = await fetch(`${server.url}${path}`, init);
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };
  const job = (jobId: string, init: RequestInit & { projectId?: string } = {}) => {
    const { projectId = DEMO_PROJECT_ID, ...rest } = init;
    return request(`/v1/${projectId}/sfs-turbo/jobs/${jobId}`, rest);
  };
  const body = async (jobId: string, init?: RequestInit & { projectId?: string }) => {
    const answer = await job(jobId, init);
    if (answer.status !== 200)
      throw new Error(`expected 200 for ${jobId}, got ${answer.status}: ${answer.text}`);
    return answer.json as Record<string, unknown>;
  };
  return { ...server, clock, request, job, body };
}

/** Statuses of the sub-jobs, in order. */
export function subStatuses(body: Record<string, unknown>): unknown[] {
  return (body.sub_jobs as Record<string, unknown>[]).map((sub) => sub.status);
}
