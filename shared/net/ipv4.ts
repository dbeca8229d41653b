/**
 * IPv4 arithmetic on dotted quads: address ⇄ uint32, masks ⇄ prefix lengths, subnets, host lists.
 * Pure; every malformed input throws a RangeError naming the value.
 */

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** `198.51.100.10` → 3325256714 (uint32, big-endian order). Throws RangeError on anything else. */
export function ipToInt(ip: string): number {
  const parts = typeof ip === 'string' ? ip.trim().split('.') : [];
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) {
    throw new RangeError(`not an IPv4 address: "${String(ip)}" (expected a.b.c.d, each 0–255)`);
  }
  return parts.reduce((n, p) => n * 256 + Number(p), 0) >>> 0;
}

/** 3325256714 → `198.51.100.10`. Throws RangeError unless `n` is an integer in 0…2^32−1. */
export function intToIp(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`not a uint32 IPv4 value: ${n}`);
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join('.');
}

function checkPrefix(prefix: number): void {
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
    throw new RangeError(`prefix length must be an integer 0–32, got ${prefix}`);
  }
}

/** Mask as uint32 for a prefix length 0–32. */
export function prefixToMaskInt(prefix: number): number {
  checkPrefix(prefix);
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** 24 → `255.255.255.0`. Throws RangeError outside 0–32. */
export function prefixToMask(prefix: number): string {
  return intToIp(prefixToMaskInt(prefix));
}

/** `255.255.255.0` → 24; null for a non-contiguous mask such as `255.0.255.0`. Throws on a non-address. */
export function maskToPrefix(mask: string): number | null {
  const m = ipToInt(mask);
  // Contiguous ⇔ the inverted mask is 2^k − 1.
  const inv = ~m >>> 0;
  if ((inv & (inv + 1)) !== 0) return null;
  return 32 - Math.log2(inv + 1);
}

/** `198.51.100.7/24` → `{ network: <198.51.100.0 as uint32>, prefix: 24 }` (host bits cleared). */
export function parseCidr(cidr: string): { network: number; prefix: number } {
  const m = typeof cidr === 'string' ? /^\s*([\d.]+)\/(\d{1,2})\s*$/.exec(cidr) : null;
  if (!m) throw new RangeError(`not a subnet: "${String(cidr)}" (expected a.b.c.d/nn)`);
  const prefix = Number(m[2]);
  checkPrefix(prefix);
  return { network: (ipToInt(m[1]!) & prefixToMaskInt(prefix)) >>> 0, prefix };
}

/** `198.51.100.7`, 24 → `198.51.100.0/24`. */
export function subnetOf(ip: string, prefix: number): string {
  return `${intToIp((ipToInt(ip) & prefixToMaskInt(prefix)) >>> 0)}/${prefix}`;
}

/** Whether `ip` lies in `network/prefix` (`network` may carry host bits; they are ignored). */
export function inSubnet(ip: string, network: string, prefix: number): boolean {
  const mask = prefixToMaskInt(prefix);
  return (ipToInt(ip) & mask) >>> 0 === (ipToInt(network) & mask) >>> 0;
}

/** Directed broadcast of the subnet: `198.51.100.7`, 24 → `198.51.100.255`. */
export function broadcastOf(ip: string, prefix: number): string {
  return intToIp((ipToInt(ip) | ~prefixToMaskInt(prefix)) >>> 0);
}

/**
 * Whether `ip` may be given to a host in its /prefix: not the network or broadcast address (for prefixes
 * ≤ 30; /31 point-to-point and /32 have no such reserved addresses).
 */
export function isUsableHost(ip: string, prefix: number): boolean {
  const n = ipToInt(ip);
  const mask = prefixToMaskInt(prefix);
  if (prefix >= 31) return true;
  const host = (n & ~mask) >>> 0;
  return host !== 0 && host !== ~mask >>> 0;
}

/**
 * Usable host addresses of `cidr`, ascending (network and broadcast excluded for prefixes ≤ 30).
 * Throws RangeError naming `cap` when there are more than `cap` hosts (a /16 sweep is a typo, not a plan).
 */
export function hostsOf(cidr: string, cap = 4096): string[] {
  const { network, prefix } = parseCidr(cidr);
  const size = 2 ** (32 - prefix);
  const first = prefix >= 31 ? network : network + 1;
  const count = prefix >= 31 ? size : size - 2;
  if (count > cap) {
    throw new RangeError(`${cidr} has ${count} hosts, more than the cap of ${cap}; choose a smaller subnet`);
  }
  return Array.from({ length: count }, (_, i) => intToIp(first + i));
}
