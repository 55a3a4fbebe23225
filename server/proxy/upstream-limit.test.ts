import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { userId } from '../auth/session-store.ts';
import { createUpstreamLimit, limitKey } from './upstream-limit.ts';

describe('upstream limit per user', () => {
  it('lets a user make the configured number of calls in a minute, then answers when to retry', () => {
    const limit = createUpstreamLimit({ perMinute: 300 });
    const t0 = 1_000_000;
    for (let i = 0; i < 300; i++) expect(limit.take('user:alice', t0)).toEqual({ ok: true });
    const refused = limit.take('user:alice', t0);
    expect(refused).toEqual({ ok: false, retryAfterSec: 1 });
    // Another user is not slowed by alice.
    expect(limit.take('user:bob', t0)).toEqual({ ok: true });
    // 200 ms later one call has been earned back (300 a minute = one every 200 ms).
    expect(limit.take('user:alice', t0 + 200)).toEqual({ ok: true });
    expect(limit.take('user:alice', t0 + 200).ok).toBe(false);
  });

  it('says how long to wait in whole seconds when the rate is slow', () => {
    const limit = createUpstreamLimit({ perMinute: 2 });
    expect(limit.take('k', 0).ok).toBe(true);
    expect(limit.take('k', 0).ok).toBe(true);
    expect(limit.take('k', 0)).toEqual({ ok: false, retryAfterSec: 30 });
    expect(limit.take('k', 29_000)).toEqual({ ok: false, retryAfterSec: 1 });
    expect(limit.take('k', 30_000).ok).toBe(true);
  });

  it('never allows more than perMinute calls plus those refilled, whatever the timing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 300 }),
        (perMinute, gaps) => {
          const limit = createUpstreamLimit({ perMinute });
          let now = 0;
          let allowed = 0;
          for (const gap of gaps) {
            now += gap;
            const result = limit.take('k', now);
            if (result.ok) allowed++;
            else expect(result.retryAfterSec).toBeGreaterThanOrEqual(1);
          }
          expect(allowed).toBeLessThanOrEqual(
            perMinute + Math.floor((now * perMinute) / 60_000) + 1,
          );
        },
      ),
    );
  });

  it('remembers a bounded number of keys, forgetting the least recently seen', () => {
    const limit = createUpstreamLimit({ perMinute: 1, maxKeys: 3 });
    for (const key of ['a', 'b', 'c']) limit.take(key, 0);
    limit.take('a', 1); // a is now the most recent
    limit.take('d', 2); // b goes
    expect(limit.size()).toBe(3);
    expect(limit.take('a', 3).ok).toBe(false);
    expect(limit.take('c', 3).ok).toBe(false);
    expect(limit.take('b', 3).ok).toBe(true);
    for (let i = 0; i < 10_000; i++) limit.take(`scan-${i}`, 4);
    expect(limit.size()).toBe(3);
  });

  it('counts a signed-in user by their key wherever they connect from, others by address', () => {
    expect(limitKey({ user: { id: 'alice' }, client: '10.0.0.1' })).toBe('user:alice');
    expect(limitKey({ client: '10.0.0.1' })).toBe('addr:10.0.0.1');
  });

  it('counts two OIDC accounts that show the same name apart (issuer + sub, not the name)', () => {
    const issuer = 'https://sso.example.com/realms/support';
    const alice = { name: 'alice', groups: [], id: userId(issuer, 'f3a1-alice') };
    const mallory = { name: 'alice', groups: [], id: userId(issuer, '77c0-mallory') };
    const limit = createUpstreamLimit({ perMinute: 1 });
    expect(limit.take(limitKey({ user: mallory, client: '10.0.0.9' }), 0).ok).toBe(true);
    expect(limit.take(limitKey({ user: mallory, client: '10.0.0.9' }), 0).ok).toBe(false);
    expect(limit.take(limitKey({ user: alice, client: '10.0.0.1' }), 0).ok).toBe(true);
    expect(limitKey({ user: alice, client: '10.0.0.1' })).toBe(`user:${issuer}#f3a1-alice`);
  });
});
