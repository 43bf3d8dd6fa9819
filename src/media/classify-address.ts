/**
 * Which IP addresses a media download may connect to. Fetching a client-supplied URL from inside the
 * gateway's network is a server-side request forgery risk (OWASP SSRF prevention cheat sheet), so
 * loopback, private, link-local, CGNAT, multicast and reserved ranges are refused, including the
 * same IPv4 ranges reached through IPv6 (IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible, NAT64
 * `64:ff9b::/96` and 6to4 `2002::/16`). Ranges: IANA special-purpose registries (RFC 6890).
 */
import { isIPv4, isIPv6 } from 'node:net';

interface Range {
  base: bigint;
  bits: number;
  label: string;
}

const v4 = (cidr: string, label: string): Range => {
  const [address = '', bits = '32'] = cidr.split('/');
  return { base: ipv4ToBigInt(address), bits: Number(bits), label };
};

const BLOCKED_V4: Range[] = [
  v4('0.0.0.0/8', 'an unspecified ("this network") address'),
  v4('10.0.0.0/8', 'a private address'),
  v4('100.64.0.0/10', 'a carrier-grade NAT address'),
  v4('127.0.0.0/8', 'a loopback address'),
  v4('169.254.0.0/16', 'a link-local address'),
  v4('172.16.0.0/12', 'a private address'),
  v4('192.0.0.0/24', 'a reserved address'),
  v4('192.168.0.0/16', 'a private address'),
  v4('198.18.0.0/15', 'a reserved (benchmarking) address'),
  v4('224.0.0.0/4', 'a multicast address'),
  v4('240.0.0.0/4', 'a reserved address'),
];

const v6 = (prefix: string, bits: number, label: string): Range => ({ base: ipv6ToBigInt(prefix), bits, label });

const BLOCKED_V6: Range[] = [
  v6('::', 128, 'an unspecified address'),
  v6('::1', 128, 'a loopback address'),
  v6('fc00::', 7, 'a unique-local address'),
  v6('fe80::', 10, 'a link-local address'),
  v6('fec0::', 10, 'a site-local address'),
  v6('ff00::', 8, 'a multicast address'),
];

/** IPv6 prefixes that embed an IPv4 address: the embedded address is classified instead. */
const EMBEDDED_V4: { base: bigint; bits: number; shift: bigint }[] = [
  { base: ipv6ToBigInt('::ffff:0:0'), bits: 96, shift: 0n }, // IPv4-mapped
  { base: ipv6ToBigInt('::'), bits: 96, shift: 0n }, // IPv4-compatible (deprecated)
  { base: ipv6ToBigInt('64:ff9b::'), bits: 96, shift: 0n }, // NAT64 well-known prefix
  { base: ipv6ToBigInt('2002::'), bits: 16, shift: 80n }, // 6to4
];

/**
 * Why the address must not be fetched (e.g. "a loopback address"), or null when it is a public
 * unicast address. Strings that are not IP addresses are refused as well.
 */
export function classifyAddress(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(bare)) return matchRange(ipv4ToBigInt(bare), 32, BLOCKED_V4);
  if (!isIPv6(bare)) return 'not an IP address';
  const value = ipv6ToBigInt(bare);
  const direct = matchRange(value, 128, BLOCKED_V6);
  if (direct !== null) return direct;
  for (const embedding of EMBEDDED_V4) {
    if (inRange(value, 128, embedding.base, embedding.bits)) {
      const embedded = (value >> embedding.shift) & 0xffffffffn;
      return matchRange(embedded, 32, BLOCKED_V4);
    }
  }
  return null;
}

function matchRange(value: bigint, width: number, ranges: Range[]): string | null {
  for (const range of ranges) if (inRange(value, width, range.base, range.bits)) return range.label;
  return null;
}

function inRange(value: bigint, width: number, base: bigint, bits: number): boolean {
  const shift = BigInt(width - bits);
  return value >> shift === base >> shift;
}

function ipv4ToBigInt(address: string): bigint {
  return address.split('.').reduce((total, octet) => (total << 8n) | BigInt(Number(octet) & 0xff), 0n);
}

function ipv6ToBigInt(address: string): bigint {
  let text = address;
  // A trailing dotted IPv4 (::ffff:127.0.0.1) becomes two hex groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1] !== undefined) {
    const value = Number(ipv4ToBigInt(dotted[1]));
    text = `${text.slice(0, dotted.index)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailGroups];
  return groups.reduce((total, group) => (total << 16n) | BigInt(parseInt(group || '0', 16) & 0xffff), 0n);
}
