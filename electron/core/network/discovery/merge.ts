/**
 * Merging findings into the camera list, pure: by MAC first, then by address; hosts no method vouches for
 * are dropped (none invented); conflicts and reachability come from conflicts.ts.
 */
import type {
  ControlEndpoint,
  DiscoveredCamera,
  DiscoveryMethod,
  NetInterface,
} from '../../../../shared/model/network';
import { DiscoveryMethod as MethodEnum } from '../../../../shared/model/network';
import { ipToInt } from '../../../../shared/net/ipv4';
import { conflictsOf, isReachable } from '../conflicts';
import type { Finding } from './findings';

export interface MergeInput {
  findings: readonly Finding[];
  interfaces: readonly NetInterface[];
  /** Extra MACs seen claiming an address (ARP probes), ip → MACs. */
  arpMacs?: ReadonlyMap<string, readonly string[]>;
  /** ip → the MAC the PC's neighbour table holds for it (where a MAC-less finding goes when two MACs claim the ip). */
  neighbourMacs?: ReadonlyMap<string, string>;
}

const METHOD_ORDER = MethodEnum.options;

const serialKey = (e: ControlEndpoint): string | null => ('path' in e ? `${e.path}#${e.address}` : null);

/** The camera list: every group of findings with at least one proof, sorted by address, then serial path. */
export function mergeFindings(input: MergeInput): DiscoveredCamera[] {
  const byMac = new Map<string, Finding[]>();
  const byIp = new Map<string, Finding[]>();
  const bySerial = new Map<string, Finding[]>();
  const macless: Finding[] = [];
  for (const f of input.findings) {
    const serial = f.endpoints.map(serialKey).find((k) => k !== null);
    if (f.mac) push(byMac, f.mac.toLowerCase(), f);
    else if (serial) push(bySerial, serial, f);
    else if (f.ip) macless.push(f);
  }
  // Which MAC groups claim each address.
  const claims = new Map<string, string[]>();
  for (const [mac, fs] of byMac) {
    for (const ip of new Set(fs.map((f) => f.ip).filter((ip): ip is string => ip !== null))) {
      push(claims, ip, mac);
    }
  }
  for (const f of macless) {
    const owners = claims.get(f.ip!) ?? [];
    if (owners.length === 0) {
      push(byIp, f.ip!, f);
      continue;
    }
    // Two MACs on one address: the finding came from whichever answered; the neighbour table says which
    // one the PC talks to. Without it we cannot tell, so each claimant gets it.
    const neighbour = input.neighbourMacs?.get(f.ip!)?.toLowerCase();
    const targets = owners.length === 1 ? owners : neighbour && owners.includes(neighbour) ? [neighbour] : owners;
    for (const mac of targets) byMac.get(mac)!.push(f);
  }

  const groups: Array<{ id: string; mac: string | null; findings: Finding[] }> = [
    ...[...byMac].map(([mac, findings]) => ({ id: `mac:${mac}`, mac, findings })),
    ...[...byIp].map(([ip, findings]) => ({ id: `ip:${ip}`, mac: null, findings })),
    ...[...bySerial].map(([key, findings]) => ({ id: `serial:${key}`, mac: null, findings })),
  ];

  const cameras = groups
    .filter((g) => g.findings.some((f) => f.proof))
    .map((g) => buildCamera(g.id, g.mac, g.findings, input, claims));
  return cameras.sort(compareCameras);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The first non-null value, preferring the methods in `order`. */
function pick<T>(findings: readonly Finding[], get: (f: Finding) => T | null, order: DiscoveryMethod[]): T | null {
  for (const m of order) {
    for (const f of findings) {
      const v = f.method === m ? get(f) : null;
      if (v !== null && v !== undefined) return v;
    }
  }
  return null;
}

// IP-setup reads the camera's own settings, so it wins for address facts; then the probes that talk to it.
const ADDRESS_ORDER: DiscoveryMethod[] = ['ip-setup', 'sweep', 'ws-discovery', 'serial'];
const NAME_ORDER: DiscoveryMethod[] = ['ip-setup', 'ws-discovery', 'sweep', 'serial'];

function buildCamera(
  id: string,
  mac: string | null,
  findings: readonly Finding[],
  input: MergeInput,
  claims: ReadonlyMap<string, readonly string[]>,
): DiscoveredCamera {
  const ip = pick(findings, (f) => f.ip, ADDRESS_ORDER);
  const prefix = pick(findings, (f) => f.prefix, ['ip-setup']);
  const gateway = pick(findings, (f) => f.gateway, ['ip-setup']);
  const endpoints = orderEndpoints(findings.flatMap((f) => f.endpoints));
  const macs = ip ? [...(claims.get(ip) ?? []), ...(input.arpMacs?.get(ip) ?? [])] : [];
  return {
    id,
    mac,
    ip,
    prefix,
    gateway,
    model: pick(findings, (f) => f.model, NAME_ORDER),
    name: pick(findings, (f) => f.name, NAME_ORDER),
    interface: pick(findings, (f) => f.interface, ADDRESS_ORDER),
    foundBy: METHOD_ORDER.filter((m) => findings.some((f) => f.method === m)),
    openPorts: [...new Set(findings.flatMap((f) => f.openPorts))].sort((a, b) => a - b),
    endpoints,
    onvifXAddrs: [...new Set(findings.flatMap((f) => f.onvifXAddrs))],
    // A serial camera hangs off the PC itself.
    reachable: ip ? isReachable(ip, prefix, input.interfaces) : endpoints.length > 0,
    writable: pick(findings, (f) => f.writable, ['ip-setup']),
    conflicts: ip ? conflictsOf({ ip, prefix, gateway, macs }, input.interfaces) : [],
  };
}

const PROTOCOL_RANK: Record<ControlEndpoint['protocol'], number> = {
  'visca-ip': 0,
  'visca-tcp': 1,
  'visca-udp': 2,
  'visca-serial': 3,
  'pelco-d': 4,
  'pelco-p': 5,
};

const endpointKey = (e: ControlEndpoint): string =>
  'path' in e ? `${e.protocol}|${e.path}|${e.address}` : `${e.protocol}|${e.host}|${e.port}`;

/** De-duplicated, best first: VISCA over IP, raw VISCA TCP, raw VISCA UDP, then serial protocols. */
export function orderEndpoints(endpoints: readonly ControlEndpoint[]): ControlEndpoint[] {
  const seen = new Map<string, ControlEndpoint>();
  for (const e of endpoints) if (!seen.has(endpointKey(e))) seen.set(endpointKey(e), e);
  return [...seen.values()].sort((a, b) => PROTOCOL_RANK[a.protocol] - PROTOCOL_RANK[b.protocol]);
}

function compareCameras(a: DiscoveredCamera, b: DiscoveredCamera): number {
  if (a.ip && b.ip) return ipToInt(a.ip) - ipToInt(b.ip) || a.id.localeCompare(b.id);
  if (a.ip) return -1;
  if (b.ip) return 1;
  return a.id.localeCompare(b.id);
}
