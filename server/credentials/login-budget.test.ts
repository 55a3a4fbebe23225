import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOGIN_WINDOW_MS, loginBudget, payerShare } from './login-budget.ts';

describe('login budget', () => {
  it('gives one payer a third of the minute, rounded down, at least one', () => {
    expect([1, 2, 3, 5, 9, 10, 11, 12, 100].map(payerShare)).toEqual([1, 1, 1, 1, 3, 3, 3, 4, 33]);
  });

  it('holds one payer to its share while others still get logins, and frees it a minute later', () => {
    let clock = 0;
    const budget = loginBudget(10, () => clock);
    expect([1, 2, 3, 4].map(() => budget.take('addr:192.0.2.66'))).toEqual([0, 0, 0, 60_000]);
    clock += 15_000;
    expect(budget.take('addr:192.0.2.66')).toBe(45_000);
    expect(budget.take('user:bob')).toBe(0);
    clock += 45_000;
    expect(budget.take('addr:192.0.2.66')).toBe(0);
  });

  it('without a payer, only the total applies', () => {
    const budget = loginBudget(4, () => 0);
    expect([1, 2, 3, 4, 5].map(() => budget.take())).toEqual([0, 0, 0, 0, 60_000]);
  });

  const takes = fc.array(
    fc.record({
      payer: fc.option(
        fc.constantFrom('user:alice', 'user:bob', 'addr:192.0.2.1', 'addr:192.0.2.2'),
        {
          nil: undefined,
        },
      ),
      after: fc.integer({ min: 0, max: 30_000 }),
    }),
    { maxLength: 200 },
  );

  it('grants exactly when the last minute has room in total and in the payer’s share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), takes, (perMinute, sequence) => {
        let clock = 0;
        const budget = loginBudget(perMinute, () => clock);
        const granted: Array<{ at: number; payer: string | undefined }> = [];
        for (const { payer, after } of sequence) {
          clock += after;
          const window = granted.filter((login) => login.at > clock - LOGIN_WINDOW_MS);
          const own = window.filter((login) => payer !== undefined && login.payer === payer);
          const room = window.length < perMinute && own.length < payerShare(perMinute);
          const wait = budget.take(payer);
          expect(wait === 0).toBe(room);
          if (wait === 0) granted.push({ at: clock, payer });
          else expect(wait).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('a refused payer that waits the time it was told is granted', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), takes, (perMinute, sequence) => {
        let clock = 0;
        const budget = loginBudget(perMinute, () => clock);
        for (const { payer, after } of sequence) {
          clock += after;
          const wait = budget.take(payer);
          if (wait > 0) {
            expect(wait).toBeLessThanOrEqual(LOGIN_WINDOW_MS);
            clock += wait;
            expect(budget.take(payer)).toBe(0);
          }
        }
      }),
    );
  });
});
