/** Pure parsers of the Linux commands' output the helper reads (`ip -j addr`, `arping`, `nmcli`). */
import { HelperError, type ListedAddress } from './helper-protocol';

interface IpJsonAddr {
  family?: string;
  local?: string;
  prefixlen?: number;
  secondary?: boolean;
  dynamic?: boolean;
  valid_life_time?: number;
}
interface IpJsonLink {
  ifname?: string;
  addr_info?: IpJsonAddr[];
}

function parseIpJson(stdout: string): IpJsonLink[] {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    throw new HelperError('internal', `ip -j printed something that is not JSON: ${stdout.slice(0, 120)}`);
  }
  if (!Array.isArray(data)) throw new HelperError('internal', 'ip -j did not print a JSON array');
  return data as IpJsonLink[];
}

/**
 * IPv4 addresses of one interface from `ip -j -4 addr show dev <if>`, in the kernel's order. The first is
 * the primary; a finite lease lifetime or the `dynamic` flag marks a DHCP address.
 */
export function parseIpAddrJson(stdout: string, iface: string): ListedAddress[] {
  const link = parseIpJson(stdout).find((l) => l.ifname === iface);
  if (!link) throw new HelperError('invalid-argument', `no interface named ${iface}`);
  const v4 = (link.addr_info ?? []).filter((a) => a.family === 'inet' && a.local && a.prefixlen !== undefined);
  return v4.map((a, i) => ({
    address: a.local!,
    prefix: a.prefixlen!,
    primary: i === 0,
    dynamic: a.dynamic === true,
  }));
}

/** Every IPv4 address of the PC from `ip -j -4 addr show`. */
export function parseAllAddresses(stdout: string): string[] {
  return parseIpJson(stdout).flatMap((l) =>
    (l.addr_info ?? []).filter((a) => a.family === 'inet').map((a) => a.local!),
  );
}

/** MACs in arping's replies (`Unicast reply from 198.51.100.50 [02:00:5E:00:53:01]  0.6ms`), lower case, unique. */
export function parseArpingMacs(stdout: string): string[] {
  const macs = [...stdout.matchAll(/reply from [\d.]+ \[([0-9a-f:]{17})\]/gi)].map((m) => m[1]!.toLowerCase());
  return [...new Set(macs)];
}

/** Whether nmcli's terse `DEVICE:STATE` list shows `iface` as managed (connected or connecting). */
export function isNmManaged(stdout: string, iface: string): boolean {
  for (const line of stdout.split('\n')) {
    // nmcli escapes ':' inside fields as '\:'; split on the last unescaped colon.
    const m = /^(.*[^\\]):([^:]*)$/.exec(line.trim());
    if (!m) continue;
    const dev = m[1]!.replace(/\\:/g, ':');
    const state = m[2]!;
    if (dev === iface) return state.startsWith('connected') || state.startsWith('connecting');
  }
  return false;
}
