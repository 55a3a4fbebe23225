import net from 'node:net';

/**
 * `TRUSTED_PROXIES`: which peers may tell us, in `X-Forwarded-*` and identity headers, who
 * the client is. IPv4, IPv6 and IPv4-mapped IPv6 addresses are compared as the address they
 * name (`::ffff:10.0.0.1` is `10.0.0.1`), so a dual-stack socket does not dodge a v4 rule.
 */
export interface TrustedProxies {
  /** The rules as given, normalised, for messages and docs. */
  readonly rules: readonly string[];
  has(address: string): boolean;
}

export const DEFAULT_TRUSTED_PROXIES = '127.0.0.0/8,::1/128';

const MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** `::ffff:1.2.3.4` → `1.2.3.4`; other addresses unchanged (IPv6 lower-cased, zone dropped). */
export function normaliseAddress(address: string): string {
  const plain = address.replace(/%.*$/, '').toLowerCase();
  const mapped = MAPPED.exec(plain);
  return mapped?.[1] ?? plain;
}

export class TrustedProxiesError extends Error {
  override name = 'TrustedProxiesError';
}

/** Throws `TrustedProxiesError` naming the malformed entry. */
export function parseTrustedProxies(raw: string): TrustedProxies {
  const list = new net.BlockList();
  const rules: string[] = [];
  for (const entry of raw.split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const [addressPart = '', prefixPart, extra] = entry.split('/');
    const address = normaliseAddress(addressPart);
    const family = net.isIP(address);
    if (family === 0 || extra !== undefined || addressPart.includes('%')) {
      throw new TrustedProxiesError(`"${entry}" is not an IP address or CIDR`);
    }
    const max = family === 4 ? 32 : 128;
    // A mapped IPv6 prefix covers the IPv4 space from bit 96 on.
    const mappedShift = family === 4 && address !== addressPart.toLowerCase() ? 96 : 0;
    let prefix = max;
    if (prefixPart !== undefined) {
      if (!/^\d{1,3}$/.test(prefixPart)) {
        throw new TrustedProxiesError(`"${entry}" has a malformed prefix length`);
      }
      prefix = Number(prefixPart) - mappedShift;
      if (prefix < 0 || prefix > max) {
        throw new TrustedProxiesError(`"${entry}": prefix length out of range`);
      }
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    list.addSubnet(address, prefix, type);
    rules.push(`${address}/${prefix}`);
  }
  return {
    rules,
    has(candidate) {
      const address = normaliseAddress(candidate);
      const family = net.isIP(address);
      if (family === 0) return false;
      return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/**
 * The client behind a chain of proxies: X-Forwarded-For is read from the right, skipping
 * trusted hops; the first untrusted address is the client. Only called when the peer itself
 * is trusted. A malformed entry stops the walk at the last address known good.
 */
export function forwardedClient(
  peer: string,
  forwardedFor: string | undefined,
  trusted: TrustedProxies,
): string {
  if (!forwardedFor) return peer;
  const hops = forwardedFor.split(',').map((hop) => normaliseAddress(hop.trim()));
  let client = peer;
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = hops[index] ?? '';
    if (net.isIP(hop) === 0) break;
    client = hop;
    if (!trusted.has(hop)) break;
  }
  return client;
}
