/**
 * A live job with `n` sub-jobs for the timeline benchmark: overlapping waves of sub-jobs,
 * most done, some failed with long reasons, some running, some not started. Deterministic.
 */
export const BENCH_T0 = Date.UTC(2026, 2, 1, 10, 0, 3);
/** The page's clock is frozen here, so only data changes cause renders. */
export const BENCH_NOW = BENCH_T0 + 40 * 60_000;

const at = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

export interface BenchSubJob {
  job_id: string;
  job_type: string;
  status: string;
  begin_time?: string;
  end_time?: string;
  error_code?: string;
  fail_reason?: string;
}

export function benchJob(n: number) {
  const sub_jobs: BenchSubJob[] = [];
  const span = BENCH_NOW - BENCH_T0;
  for (let i = 0; i < n; i += 1) {
    const id = `${(0x1000_0000 + i * 7919).toString(16)}-sub-${String(i).padStart(4, '0')}`;
    const begin = BENCH_T0 + Math.floor((((i * 37) % 100) / 100) * span * 0.8);
    const length = 5_000 + ((i * 7919) % 600_000);
    const kind =
      i % 50 === 7 ? 'failed' : i % 10 === 3 ? 'running' : i % 12 === 5 ? 'waiting' : 'success';
    const sub: BenchSubJob = {
      job_id: id,
      job_type: i % 3 ? 'extend_share' : 'create_obs_target',
      status: kind,
    };
    if (kind !== 'waiting') sub.begin_time = at(begin);
    if (kind === 'success' || kind === 'failed')
      sub.end_time = at(Math.min(begin + length, BENCH_NOW - 1000));
    if (kind === 'failed') {
      sub.error_code = 'SFS.TURBO.0104';
      sub.fail_reason =
        `OBS bucket bench-${i} answered 503 SlowDown while the storage backend was attached; the sub-job gave up after 5 retries. `.repeat(
          3,
        );
    }
    sub_jobs.push(sub);
  }
  return {
    job_id: 'bench-job-0001',
    job_type: 'create_share',
    status: 'running',
    begin_time: at(BENCH_T0),
    sub_jobs,
  };
}

/** The same job after one running sub-job finished. */
export function benchJobAfterOneChange(n: number) {
  const job = benchJob(n);
  const running = job.sub_jobs.find((sub) => sub.status === 'running');
  if (running) {
    running.status = 'success';
    running.end_time = at(BENCH_NOW - 2000);
  }
  return job;
}
