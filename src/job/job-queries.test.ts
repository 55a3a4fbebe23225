import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jobQueries } from './job-queries';

const target = { region: 'eu-de', projectId: '0d5e0c0f2a8b4c6e9f1a3b5c7d9e1f20', jobId: 'job-1' };
const T0 = Date.UTC(2026, 11, 4, 22, 0, 0);

/** "2026-12-04 21:54:46": the API's begin_time, UTC to the second. */
function apiTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

describe('polling a running job (react-query timers)', () => {
  let asked: number[];

  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    asked = [];
    // 314 s old at the first answer: a 10 s interval (314 / 30 ≈ 10.5 → 10), which by the
    // clock grows to 11 s seven seconds later (321 / 30 ≈ 10.7 → 11).
    const body = JSON.stringify({
      job_id: target.jobId,
      status: 'running',
      job_type: 'bind_ldap',
      begin_time: apiTime(T0 - 314_000),
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        asked.push(Date.now() - T0);
        return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
      }),
    );
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('asks again one interval after the answer arrived, however often the page re-renders', async () => {
    const client = new QueryClient();
    const observer = new QueryObserver(client, jobQueries.detail(target));
    const unsubscribe = observer.subscribe(() => {});
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toEqual([0]);

    // A render passes the options again every second (the page clock ticks); by 7 s the age
    // says 11 s, which must not restart the wait for the poll due at 10 s.
    for (let second = 1; second <= 9; second += 1) {
      await vi.advanceTimersByTimeAsync(1000);
      observer.setOptions(jobQueries.detail(target));
    }
    await vi.advanceTimersByTimeAsync(1000);
    expect(asked).toEqual([0, 10_000]);

    // The next interval is measured at the second answer (324 s old: 11 s), from its arrival.
    for (let second = 1; second <= 11; second += 1) {
      await vi.advanceTimersByTimeAsync(1000);
      observer.setOptions(jobQueries.detail(target));
    }
    expect(asked).toEqual([0, 10_000, 21_000]);
    unsubscribe();
    client.clear();
  });
});
