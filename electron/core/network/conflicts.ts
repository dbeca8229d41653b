/**
 * The address rules, pure: which problems a camera address has against the PC's interfaces (outside every
 * PC subnet, equal to a PC address, gateway outside its own subnet, two MACs on one address) and whether
 * the PC can reach it without a repair. Used by the network service (configured devices) and discovery.
 */
import { inSubnet, subnetOf } from '../../../shared/net/ipv4';
import type { Conflict, NetInterface } from '../../../shared/model/network';

/** One PC address with the interface it sits on. */
export interface PcAddress {
  interface: string;
  address: string;
  prefix: number;
}

/** Every IPv4 address of the interfaces that are up, in interface order. */
export function pcAddresses(interfaces: readonly NetInterface[]): PcAddress[] {
  return interfaces
    .filter((i) => i.up)
    .flatMap((i) => i.addresses.map((a) => ({ interface: i.name, address: a.address, prefix: a.prefix })));
}

/** The PC's subnets (`198.51.100.0/24`), de-duplicated, in interface order. */
export function pcSubnets(interfaces: readonly NetInterface[]): string[] {
  return [...new Set(pcAddresses(interfaces).map((a) => subnetOf(a.address, a.prefix)))];
}

/** The PC address whose subnet holds `ip` (the interface to reach it through), or null. */
export function pcAddressFor(ip: string, interfaces: readonly NetInterface[]): PcAddress | null {
  return pcAddresses(interfaces).find((a) => inSubnet(ip, a.address, a.prefix)) ?? null;
}

/** `same-as-pc` when `ip` is one of the PC's own addresses. */
export function sameAsPc(ip: string, interfaces: readonly NetInterface[]): Conflict | null {
  const own = pcAddresses(interfaces).find((a) => a.address === ip);
  return own ? { kind: 'same-as-pc', ip, interface: own.interface } : null;
}

/** `outside-subnet` when `ip` lies in none of the PC's subnets (the PC has no on-link route to it). */
export function outsideSubnet(ip: string, interfaces: readonly NetInterface[]): Conflict | null {
  if (pcAddressFor(ip, interfaces)) return null;
  return { kind: 'outside-subnet', ip, pcSubnets: pcSubnets(interfaces) };
}

/**
 * `wrong-gateway` when the camera's gateway is set (not null, not 0.0.0.0 — "none") and lies outside the
 * camera's own subnet `ip/prefix`: the camera could never send routed traffic to it.
 */
export function wrongGateway(ip: string, prefix: number | null, gateway: string | null): Conflict | null {
  if (prefix === null || gateway === null || gateway === '0.0.0.0') return null;
  if (inSubnet(gateway, ip, prefix)) return null;
  return { kind: 'wrong-gateway', ip, gateway, subnet: subnetOf(ip, prefix) };
}

/** `duplicate-ip` when two or more distinct MACs claim `ip` (ARP replies, or several discovery answers). */
export function duplicateIp(ip: string, macs: readonly string[]): Conflict | null {
  const distinct = [...new Set(macs.map((m) => m.toLowerCase()))].sort();
  return distinct.length >= 2 ? { kind: 'duplicate-ip', ip, macs: distinct } : null;
}

/** What is known about one camera address. */
export interface AddressFacts {
  ip: string;
  /** The camera's own prefix length, if it told us (IP-setup MASK); null if unknown. */
  prefix: number | null;
  gateway: string | null;
  /** Every MAC seen claiming `ip` (ARP, IP-setup, neighbour table). */
  macs: readonly string[];
}

/**
 * Every problem of one address, in a fixed order: same-as-pc, outside-subnet, duplicate-ip, wrong-gateway.
 * `outside-subnet` is not reported for an address equal to the PC's (that is the bigger problem).
 */
export function conflictsOf(facts: AddressFacts, interfaces: readonly NetInterface[]): Conflict[] {
  const same = sameAsPc(facts.ip, interfaces);
  return [
    same,
    same ? null : outsideSubnet(facts.ip, interfaces),
    duplicateIp(facts.ip, facts.macs),
    wrongGateway(facts.ip, facts.prefix, facts.gateway),
  ].filter((c): c is Conflict => c !== null);
}

/**
 * Whether the PC can talk to `ip` as things stand: the address is in a PC subnet (the PC sends on-link)
 * and, when the camera's prefix is known, a PC address is in the camera's subnet too (the camera answers
 * on-link). An address equal to the PC's own is never reachable.
 */
export function isReachable(ip: string, prefix: number | null, interfaces: readonly NetInterface[]): boolean {
  const pc = pcAddresses(interfaces);
  if (pc.some((a) => a.address === ip)) return false;
  const pcSide = pc.some((a) => inSubnet(ip, a.address, a.prefix));
  if (!pcSide) return false;
  return prefix === null || pc.some((a) => inSubnet(a.address, ip, prefix));
}
