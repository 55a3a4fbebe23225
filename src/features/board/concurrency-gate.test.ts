import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGate } from './concurrency-gate';

const sleep = (ms: number) =>
  new Promise<string>((resolve) => setTimeout(() => resolve(`after ${ms}`), ms));

describe('the board request gate', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at most 4 tasks at once and the rest in order as places free', async () => {
    const gate = createGate(4);
    const started: number[] = [];
    const results = Array.from({ length: 10 }, (_, i) =>
      gate.run(() => {
        started.push(i);
        return sleep(1_000 + i);
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual([0, 1, 2, 3]);
    expect([gate.active, gate.waiting]).toEqual([4, 6]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await Promise.all(results)).toHaveLength(10);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(gate.peak).toBe(4);
    expect([gate.active, gate.waiting]).toEqual([0, 0]);
  });

  it('frees the place of a task that failed', async () => {
    const gate = createGate(1);
    const failed = gate.run(() => Promise.reject(new Error('boom')));
    const next = gate.run(() => sleep(10));
    await expect(failed).rejects.toThrow('boom');
    await vi.advanceTimersByTimeAsync(10);
    await expect(next).resolves.toBe('after 10');
  });

  it('drops a waiting task whose request was cancelled, without running it', async () => {
    const gate = createGate(1);
    const first = gate.run(() => sleep(100));
    const controller = new AbortController();
    const task = vi.fn(() => sleep(1));
    const cancelled = gate.run(task, controller.signal);
    controller.abort(new Error('unmounted'));
    await expect(cancelled).rejects.toThrow('unmounted');
    expect(gate.waiting).toBe(0);
    await vi.advanceTimersByTimeAsync(100);
    await first;
    expect(task).not.toHaveBeenCalled();
    expect(gate.active).toBe(0);
  });
});
