import type { SubJobSpec } from './job-spec.ts';

const SECOND = 1000;

/**
 * A large live job: sub-jobs start in waves of 25 every 2.5 s and run 3-7 s, so at any moment
 * some are done, some running, some waiting. Durations vary by a fixed rule, not at random,
 * so every run (and every test) sees the same timeline.
 */
export function waves(count: number, failAt: readonly number[]): SubJobSpec[] {
  return Array.from({ length: count }, (_, index) => {
    const sub: SubJobSpec = {
      start: 1 * SECOND + Math.floor(index / 25) * 2.5 * SECOND,
      duration: 3 * SECOND + ((index * 7919) % 4000),
    };
    if (failAt.includes(index)) {
      return {
        ...sub,
        status: 'failed',
        errorCode: 'SFS.TURBO.0037',
        failReason: 'Operation conflict, client retry',
      };
    }
    return sub;
  });
}

/**
 * A job frozen mid-flight, whatever the clock says: 60 % done, a few failed, 20 % running for
 * ever, the rest waiting for ever. Benchmarks get the same mix of states on every run.
 */
export function frozenMix(count: number): SubJobSpec[] {
  const done = Math.floor(count * 0.6);
  const failed = 5;
  const running = Math.floor(count * 0.2);
  return Array.from({ length: count }, (_, index): SubJobSpec => {
    const start = -3600 * SECOND + index * 3 * SECOND;
    if (index < done) return { start, duration: 2 * SECOND + ((index * 104729) % 9000) };
    if (index < done + failed) {
      return {
        start,
        duration: 4 * SECOND,
        status: 'failed',
        errorCode: 'SFS.TURBO.0032',
        failReason: 'EVS Resource Not Enough',
      };
    }
    if (index < done + failed + running) return { start, status: 'running' };
    return { status: 'waiting' };
  });
}
