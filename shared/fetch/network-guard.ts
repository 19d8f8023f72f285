/**
 * Which addresses the fetcher may connect to.
 *
 * Outlet URLs come from a registry and from redirects chosen by remote servers: a URL or a redirect to
 * `http://169.254.169.254/…` would reach the cloud's instance-metadata service from inside a Lambda, and
 * one to `127.0.0.1` or `10.0.0.5` whatever listens on the private network. The guard is checked on the
 * address actually connected to (the resolver's answer, not the name), on every hop.
 *
 * - Always refused: link-local addresses (169.254.0.0/16, fe80::/10, metadata services among them).
 * - Refused unless private networks are allowed (the local runner allows them: its examples are served
 *   on 127.0.0.1): loopback, RFC 1918, unique-local (fc00::/7), CGNAT (100.64.0.0/10), multicast,
 *   unspecified, reserved and broadcast ranges, benchmarking and documentation ranges.
 * - IPv4 inside IPv6 (IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`,
 *   6to4 `2002::/16`) is judged as the IPv4 address it carries.
 */
import { BlockList, isIP } from 'node:net';

export interface NetworkPolicy {
  /** Allow loopback and private ranges (never link-local). */
  readonly allowPrivate: boolean;
}

export const DENY_PRIVATE: NetworkPolicy = { allowPrivate: false };
export const ALLOW_PRIVATE: NetworkPolicy = { allowPrivate: true };

const LINK_LOCAL = new BlockList();
LINK_LOCAL.addSubnet('169.254.0.0', 16, 'ipv4');
LINK_LOCAL.addSubnet('fe80::', 10, 'ipv6');

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['ff00::', 8], // multicast
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if any. */
export function embeddedIpv4(ip: string): string | undefined {
  if (isIP(ip) !== 6) return undefined;
  const groups = expandIpv6(ip);
  if (!groups) return undefined;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zero = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  if (zero(0, 5) && groups[5] === 0xffff) return v4(groups[6]!, groups[7]!); // ::ffff:a.b.c.d
  if (zero(0, 6) && (groups[6]! !== 0 || groups[7]! > 1)) return v4(groups[6]!, groups[7]!); // ::a.b.c.d (not :: or ::1)
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zero(2, 6)) return v4(groups[6]!, groups[7]!); // 64:ff9b::a.b.c.d
  if (groups[0] === 0x2002) return v4(groups[1]!, groups[2]!); // 2002:aabb:ccdd::
  return undefined;
}

/** The eight 16-bit groups of an IPv6 address (an embedded dotted IPv4 tail included). */
function expandIpv6(ip: string): number[] | undefined {
  let text = ip.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const parts = dotted[1]!.split('.').map(Number);
    text = text.slice(0, -dotted[1]!.length) + `${((parts[0]! << 8) | parts[1]!).toString(16)}:${((parts[2]! << 8) | parts[3]!).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
  const h = parse(head);
  const t = tail === undefined ? [] : parse(tail);
  const groups = tail === undefined ? h : [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

/** Why connecting to `ip` is refused under `policy`, or undefined if it is allowed. */
export function refusalOf(ip: string, policy: NetworkPolicy): string | undefined {
  const family = isIP(ip);
  if (family === 0) return `${ip} is not an IP address`;
  const inner = embeddedIpv4(ip);
  if (inner) return refusalOf(inner, policy);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (LINK_LOCAL.check(ip, type)) return 'a link-local address';
  if (!policy.allowPrivate && PRIVATE.check(ip, type)) return 'a private address';
  return undefined;
}
