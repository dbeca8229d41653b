/**
 * The repair plan, pure: which temporary alias the PC takes in the camera's subnet, which address the
 * camera gets in the PC's subnet, and how it is readdressed. Candidates come out in preference order;
 * the runner checks each with an ARP duplicate-address probe and takes the first that is free.
 */
import type { NetInterface } from '../../../../shared/model/network';
import type { ReaddressMethod, RepairPlan, RepairPlanEdit } from '../../../../shared/model/repair';
import {
  broadcastOf,
  inSubnet,
  intToIp,
  ipToInt,
  isUsableHost,
  prefixToMaskInt,
  subnetOf,
} from '../../../../shared/net/ipv4';

/** The prefix assumed for the camera's subnet when it did not tell us its mask. */
export const DEFAULT_CAMERA_PREFIX = 24;

function hostRange(ip: string, prefix: number): { first: number; last: number; network: number } {
  const network = (ipToInt(ip) & prefixToMaskInt(prefix)) >>> 0;
  const broadcast = ipToInt(broadcastOf(ip, prefix));
  return prefix >= 31
    ? { first: network, last: broadcast, network }
    : { first: network + 1, last: broadcast - 1, network };
}

/**
 * Alias candidates in the camera's subnet `cameraIp/prefix`: host .250 and downward (then the hosts above
 * .250), skipping the camera's own address, network and broadcast, and every address in `taken` (the PC's
 * addresses, other known devices). At most `limit`.
 */
export function aliasCandidates(cameraIp: string, prefix: number, taken: readonly string[], limit = 12): string[] {
  const { first, last, network } = hostRange(cameraIp, prefix);
  const skip = new Set([cameraIp, ...taken]);
  const start = Math.min(network + 250, last);
  const out: string[] = [];
  const push = (n: number) => {
    const ip = intToIp(n);
    if (!skip.has(ip) && isUsableHost(ip, prefix)) out.push(ip);
  };
  for (let n = start; n >= first && out.length < limit; n--) push(n);
  for (let n = start + 1; n <= last && out.length < limit; n++) push(n);
  return out;
}

/**
 * Target candidates in the PC's subnet `pcIp/prefix`: the camera's own host number first (203.0.113.68 →
 * 198.51.100.68), then its neighbours ±1…±5, then high addresses downward from the top. Skips the PC's
 * address, the camera's current address, the gateway and `taken`. At most `limit`.
 */
export function targetCandidates(
  pcIp: string,
  prefix: number,
  cameraIp: string,
  taken: readonly string[],
  limit = 12,
): string[] {
  const { first, last, network } = hostRange(pcIp, prefix);
  const skip = new Set([pcIp, cameraIp, ...taken]);
  const hostMask = ~prefixToMaskInt(prefix) >>> 0;
  const home = network + ((ipToInt(cameraIp) & hostMask) >>> 0);
  const seen = new Set<number>();
  const out: string[] = [];
  const push = (n: number) => {
    if (n < first || n > last || seen.has(n) || out.length >= limit) return;
    seen.add(n);
    const ip = intToIp(n);
    if (!skip.has(ip) && isUsableHost(ip, prefix)) out.push(ip);
  };
  push(home);
  for (let d = 1; d <= 5; d++) {
    push(home + d);
    push(home - d);
  }
  for (let n = last; n >= first && out.length < limit; n--) push(n);
  return out;
}

/** What diagnosis learnt about how the camera can be readdressed. */
export interface MethodFacts {
  mac: string | null;
  /** The camera answered a Sony IP-setup inquiry. */
  ipSetup: boolean;
  /** Its `WRITE:` flag: false = it refuses IP-setup writes; null = unknown. */
  writable: boolean | null;
  onvifXAddrs: readonly string[];
}

/** IP-setup when the camera has a MAC, answered IP-setup and does not refuse writes; else ONVIF; else manual. */
export function chooseMethod(f: MethodFacts): ReaddressMethod {
  if (f.mac && f.ipSetup && f.writable !== false) return 'ip-setup';
  if (f.onvifXAddrs.length > 0) return 'onvif';
  return 'manual';
}

/** The PC interface the repair uses: the asked one, else the one on the camera's subnet, else the only one up. */
export function chooseInterface(
  cameraIp: string,
  interfaces: readonly NetInterface[],
  asked: string | null,
): { iface: NetInterface } | { error: string } {
  const usable = interfaces.filter((i) => i.up && i.addresses.length > 0);
  if (asked) {
    const found = interfaces.find((i) => i.name === asked);
    if (!found) return { error: `the PC has no interface named ${asked}` };
    if (!found.up) return { error: `interface ${asked} is down; plug in the cable or bring it up first` };
    if (found.addresses.length === 0) return { error: `interface ${asked} has no IPv4 address; give it one first` };
    return { iface: found };
  }
  const onSubnet = usable.find((i) => i.addresses.some((a) => inSubnet(cameraIp, a.address, a.prefix)));
  if (onSubnet) return { iface: onSubnet };
  if (usable.length === 1) return { iface: usable[0]! };
  if (usable.length === 0) return { error: 'no network interface is up with an IPv4 address' };
  return { error: `choose the interface the camera is cabled to (${usable.map((i) => i.name).join(', ')})` };
}

/** Whether the PC can already reach `cameraIp` on `iface` (then no alias is needed). */
export function onIfaceSubnet(cameraIp: string, iface: NetInterface): boolean {
  return iface.addresses.some((a) => inSubnet(cameraIp, a.address, a.prefix));
}

/** What an edit is checked against (free-by-ARP is checked afterwards by the runner). */
export interface EditContext {
  cameraIp: string;
  cameraPrefix: number;
  iface: NetInterface;
  /** Every IPv4 address of the PC (any interface). */
  pcAddresses: readonly string[];
}

/**
 * Applies an operator's edit to `plan`; returns the new plan or the reasons it is refused. The alias must
 * lie in the camera's subnet, the target in the PC interface's subnet; neither may be an address of the
 * PC (so the primary address is never touched), the camera's current address, or a network/broadcast.
 */
export function applyPlanEdit(
  plan: RepairPlan,
  edit: RepairPlanEdit,
  ctx: EditContext,
): { plan: RepairPlan } | { errors: string[] } {
  const errors: string[] = [];
  const primary = ctx.iface.addresses[0]!;
  let alias = plan.alias;
  if (edit.aliasAddress !== undefined) {
    if (!alias) {
      errors.push('this repair needs no temporary address (the camera is already in the PC subnet)');
    } else {
      const a = edit.aliasAddress;
      if (!inSubnet(a, ctx.cameraIp, ctx.cameraPrefix)) {
        errors.push(`temporary address ${a} is not in the camera's subnet ${subnetOf(ctx.cameraIp, ctx.cameraPrefix)}`);
      } else if (a === ctx.cameraIp) {
        errors.push(`temporary address ${a} is the camera's own address`);
      } else if (!isUsableHost(a, ctx.cameraPrefix)) {
        errors.push(`temporary address ${a} is the network or broadcast address of ${subnetOf(a, ctx.cameraPrefix)}`);
      } else if (ctx.pcAddresses.includes(a)) {
        errors.push(`temporary address ${a} is already an address of this PC`);
      }
      alias = { address: a, prefix: alias.prefix };
    }
  }
  const targetPrefix = edit.targetPrefix ?? plan.target.prefix;
  const targetAddress = edit.targetAddress ?? plan.target.address;
  const gateway = edit.targetGateway !== undefined ? edit.targetGateway : plan.target.gateway;
  if (!inSubnet(targetAddress, primary.address, primary.prefix)) {
    errors.push(`new address ${targetAddress} is not in the PC's subnet ${subnetOf(primary.address, primary.prefix)}`);
  } else if (!isUsableHost(targetAddress, targetPrefix)) {
    errors.push(
      `new address ${targetAddress} is the network or broadcast address of ${subnetOf(targetAddress, targetPrefix)}`,
    );
  } else if (ctx.pcAddresses.includes(targetAddress)) {
    errors.push(`new address ${targetAddress} is an address of this PC`);
  } else if (targetAddress === ctx.cameraIp) {
    errors.push(`new address ${targetAddress} is the camera's current address`);
  }
  if (targetPrefix !== plan.target.prefix && targetPrefix < primary.prefix) {
    errors.push(`prefix /${targetPrefix} is wider than the PC's /${primary.prefix}`);
  }
  if (gateway !== null && gateway !== '0.0.0.0' && !inSubnet(gateway, targetAddress, targetPrefix)) {
    errors.push(`gateway ${gateway} is not in the camera's new subnet ${subnetOf(targetAddress, targetPrefix)}`);
  }
  if (errors.length > 0) return { errors };
  return { plan: { ...plan, alias, target: { address: targetAddress, prefix: targetPrefix, gateway } } };
}
