import { describe, expect, it } from 'vitest';
import { createCoalescer } from './coalesce.ts';

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
};

describe('coalescing identical upstream requests', () => {
  it('makes one exchange for identical requests in flight, and one per key', async () => {
    let clock = 1_000;
    const coalescer = createCoalescer<string>(0, () => clock);
    const gate = deferred<string>();
    let calls = 0;
    const exchange = () => {
      calls += 1;
      return gate.promise;
    };
    const all = Promise.all([1, 2, 3].map(() => coalescer.run('a', exchange, () => true)));
    const other = coalescer.run(
      'b',
      () => Promise.resolve('b'),
      () => true,
    );
    clock = 1_250;
    gate.resolve('answer');
    const answers = await all;
    expect(calls).toBe(1);
    expect(answers.map((a) => [a.value, a.at, a.coalesced])).toEqual([
      ['answer', 1_250, false],
      ['answer', 1_250, true],
      ['answer', 1_250, true],
    ]);
    expect((await other).value).toBe('b');
  });

  it('serves a kept answer for the window, with the time it was answered, then asks again', async () => {
    let clock = 0;
    const coalescer = createCoalescer<number>(1_000, () => clock);
    let calls = 0;
    const exchange = () => Promise.resolve((calls += 1));
    expect(await coalescer.run('k', exchange, () => true)).toEqual({
      value: 1,
      at: 0,
      coalesced: false,
    });
    clock = 999;
    expect(await coalescer.run('k', exchange, () => true)).toEqual({
      value: 1,
      at: 0,
      coalesced: true,
    });
    clock = 1_000;
    expect(await coalescer.run('k', exchange, () => true)).toEqual({
      value: 2,
      at: 1_000,
      coalesced: false,
    });
  });

  it('keeps no failure and no answer it is told not to keep', async () => {
    const coalescer = createCoalescer<string>(60_000);
    await expect(
      coalescer.run(
        'k',
        () => Promise.reject(new Error('timeout')),
        () => true,
      ),
    ).rejects.toThrow('timeout');
    expect(
      (
        await coalescer.run(
          'k',
          () => Promise.resolve('second'),
          () => false,
        )
      ).value,
    ).toBe('second');
    expect(
      (
        await coalescer.run(
          'k',
          () => Promise.resolve('third'),
          () => true,
        )
      ).coalesced,
    ).toBe(false);
  });

  it('shares a failure with the requests that waited for it', async () => {
    const coalescer = createCoalescer<string>(0);
    const gate = deferred<string>();
    const both = [1, 2].map(() =>
      coalescer.run(
        'k',
        () => gate.promise,
        () => true,
      ),
    );
    gate.reject(new Error('refused'));
    for (const answer of both) await expect(answer).rejects.toThrow('refused');
  });
});
