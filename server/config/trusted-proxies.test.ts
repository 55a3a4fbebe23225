import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRUSTED_PROXIES,
  forwardedClient,
  normaliseAddress,
  parseTrustedProxies,
} from './trusted-proxies.ts';

const v4 = (n: number) => [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join('.');
const v4Int = fc.integer({ min: 0, max: 0xffffffff });

/** A CIDR and its first and last address, and the addresses just outside (when any). */
function edges(address: number, prefix: number) {
  const size = 2 ** (32 - prefix);
  const first = Math.floor(address / size) * size;
  const last = first + size - 1;
  return { first, last, below: first - 1, above: last + 1 };
}

describe('TRUSTED_PROXIES', () => {
  it('holds the first and last address of an IPv4 CIDR and nothing just outside it', () => {
    fc.assert(
      fc.property(v4Int, fc.integer({ min: 0, max: 32 }), (address, prefix) => {
        const { first, last, below, above } = edges(address, prefix);
        const trusted = parseTrustedProxies(`${v4(address)}/${prefix}`);
        expect(trusted.has(v4(first))).toBe(true);
        expect(trusted.has(v4(last))).toBe(true);
        expect(trusted.has(v4(address))).toBe(true);
        if (below >= 0) expect(trusted.has(v4(below))).toBe(false);
        if (above <= 0xffffffff) expect(trusted.has(v4(above))).toBe(false);
        // The same addresses as a dual-stack socket reports them.
        expect(trusted.has(`::ffff:${v4(first)}`)).toBe(true);
        if (below >= 0) expect(trusted.has(`::ffff:${v4(below)}`)).toBe(false);
      }),
    );
  });

  it('reads an IPv4-mapped IPv6 CIDR as the IPv4 range it names', () => {
    fc.assert(
      fc.property(v4Int, fc.integer({ min: 96, max: 128 }), (address, prefix) => {
        const { first, last, below, above } = edges(address, prefix - 96);
        const trusted = parseTrustedProxies(`::ffff:${v4(address)}/${prefix}`);
        expect(trusted.has(v4(first)) && trusted.has(v4(last))).toBe(true);
        if (below >= 0) expect(trusted.has(v4(below))).toBe(false);
        if (above <= 0xffffffff) expect(trusted.has(v4(above))).toBe(false);
      }),
    );
  });

  it('holds the edges of an IPv6 CIDR', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 1, max: 127 }),
        (groups, prefix) => {
          const bits = groups.map((g) => g.toString(2).padStart(16, '0')).join('');
          const network = bits.slice(0, prefix);
          const ip = (b: string) =>
            (b.match(/.{16}/g) ?? []).map((g) => parseInt(g, 2).toString(16)).join(':');
          const trusted = parseTrustedProxies(`${ip(bits)}/${prefix}`);
          expect(trusted.has(ip(network.padEnd(128, '0')))).toBe(true);
          expect(trusted.has(ip(network.padEnd(128, '1')))).toBe(true);
          // Flip the last bit of the network part: outside.
          const flipped = network.slice(0, -1) + (network.endsWith('0') ? '1' : '0');
          expect(trusted.has(ip(flipped.padEnd(128, '0')))).toBe(false);
        },
      ),
    );
  });

  it('trusts loopback by default, in every spelling, and nothing else', () => {
    const trusted = parseTrustedProxies(DEFAULT_TRUSTED_PROXIES);
    for (const address of ['127.0.0.1', '127.255.255.254', '::1', '::ffff:127.0.0.1']) {
      expect(trusted.has(address), address).toBe(true);
    }
    for (const address of ['10.0.0.1', '128.0.0.1', '::2', '::ffff:10.0.0.1', 'localhost', '']) {
      expect(trusted.has(address), address).toBe(false);
    }
  });

  it.each([
    '10.0.0.0/33',
    '10.0.0/8',
    '::1/129',
    'fe80::1%eth0',
    '10.0.0.1/8/1',
    '10.0.0.1/-1',
    'nginx',
    '::ffff:10.0.0.0/95',
  ])('refuses a malformed entry: %s', (entry) => {
    expect(() => parseTrustedProxies(`127.0.0.1, ${entry}`)).toThrow(entry);
  });

  it('unwraps IPv4-mapped addresses', () => {
    expect(normaliseAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(normaliseAddress('::FFFF:192.0.2.1')).toBe('192.0.2.1');
    expect(normaliseAddress('2001:DB8::1')).toBe('2001:db8::1');
  });

  it('takes the client from X-Forwarded-For, right to left, past trusted hops only', () => {
    const trusted = parseTrustedProxies('127.0.0.1, 10.0.0.0/8');
    expect(forwardedClient('127.0.0.1', '203.0.113.7', trusted)).toBe('203.0.113.7');
    // A client cannot choose its address by sending its own X-Forwarded-For.
    expect(forwardedClient('127.0.0.1', '1.1.1.1, 203.0.113.7, 10.1.2.3', trusted)).toBe(
      '203.0.113.7',
    );
    expect(forwardedClient('127.0.0.1', 'garbage, 10.1.2.3', trusted)).toBe('10.1.2.3');
    expect(forwardedClient('127.0.0.1', undefined, trusted)).toBe('127.0.0.1');
    expect(forwardedClient('127.0.0.1', '::ffff:203.0.113.9', trusted)).toBe('203.0.113.9');
  });
});
