/**
 * The PC's network interfaces: `ip -j addr` + `ip -j route` (+ `nmcli` for who manages each) on Linux,
 * os.networkInterfaces() plus the default route (`route print -4`, `route -n get default`) elsewhere.
 * Parsers are pure and tested from fixtures.
 */
import os from 'node:os';
import { NetInterface } from '../../../../shared/model/network';
import type { RunCommand } from './run-command';
import { MissingCommandError } from './run-command';

interface IpAddrInfo {
  family?: string;
  local?: string;
  prefixlen?: number;
}
interface IpLink {
  ifname?: string;
  address?: string;
  link_type?: string;
  flags?: string[];
  operstate?: string;
  addr_info?: IpAddrInfo[];
}
interface IpRoute {
  dst?: string;
  gateway?: string;
  dev?: string;
}

function parseJsonArray(text: string, what: string): unknown[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new Error(`${what}: output is not JSON (${(e as Error).message})`, { cause: e });
  }
  if (!Array.isArray(v)) throw new Error(`${what}: expected a JSON array`);
  return v;
}

/**
 * `ip -j addr` output → interfaces without loopback (gateway null, managedBy 'none' until merged).
 * Throws on output that is not the JSON array `ip` prints.
 */
export function parseIpAddrJson(text: string): NetInterface[] {
  const out: NetInterface[] = [];
  for (const raw of parseJsonArray(text, 'ip -j addr') as IpLink[]) {
    if (!raw || typeof raw.ifname !== 'string') continue;
    if (raw.link_type === 'loopback' || raw.flags?.includes('LOOPBACK')) continue;
    const mac =
      typeof raw.address === 'string' && /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(raw.address)
        ? raw.address.toLowerCase()
        : null;
    const up = (raw.flags ?? []).includes('UP') && raw.operstate !== 'DOWN';
    const addresses = (raw.addr_info ?? [])
      .filter((a) => a.family === 'inet' && typeof a.local === 'string' && typeof a.prefixlen === 'number')
      .map((a) => ({ address: a.local!, prefix: a.prefixlen! }));
    const parsed = NetInterface.safeParse({ name: raw.ifname, mac, up, addresses, gateway: null, managedBy: 'none' });
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/** `ip -j route` output → default gateway per device name (first default route wins). */
export function parseIpRouteJson(text: string): Map<string, string> {
  const gw = new Map<string, string>();
  for (const r of parseJsonArray(text, 'ip -j route') as IpRoute[]) {
    if (r?.dst === 'default' && typeof r.gateway === 'string' && typeof r.dev === 'string' && !gw.has(r.dev)) {
      gw.set(r.dev, r.gateway);
    }
  }
  return gw;
}

/** `nmcli -t -f DEVICE,STATE device` output → devices NetworkManager manages (any state but unmanaged/unavailable). */
export function parseNmcliDevices(text: string): Set<string> {
  const managed = new Set<string>();
  for (const line of text.split('\n')) {
    // Terse mode escapes ':' in values as '\:'.
    const m = /^((?:[^:\\]|\\.)*):(.*)$/.exec(line.trim());
    if (!m) continue;
    const dev = m[1]!.replace(/\\(.)/g, '$1');
    const state = m[2]!.trim().toLowerCase();
    if (state && !state.startsWith('unmanaged') && !state.startsWith('unavailable')) managed.add(dev);
  }
  return managed;
}

/** Lists the PC's interfaces (loopback excluded) with addresses, default gateway and manager. */
export async function listInterfaces(
  run: RunCommand,
  platform: NodeJS.Platform = process.platform,
): Promise<NetInterface[]> {
  if (platform !== 'linux') return withGateways(fromNodeOs(os.networkInterfaces()), run, platform);
  const addr = await run(['ip', '-j', 'addr', 'show']);
  if (addr.code !== 0) throw new Error(`ip -j addr show failed: ${addr.stderr.trim() || `exit ${addr.code}`}`);
  const route = await run(['ip', '-j', '-4', 'route', 'show']);
  if (route.code !== 0) throw new Error(`ip -j route show failed: ${route.stderr.trim() || `exit ${route.code}`}`);
  const ifs = parseIpAddrJson(addr.stdout);
  const gateways = parseIpRouteJson(route.stdout);
  let managed = new Set<string>();
  try {
    const nm = await run(['nmcli', '-t', '-f', 'DEVICE,STATE', 'device'], { timeoutMs: 5000 });
    if (nm.code === 0) managed = parseNmcliDevices(nm.stdout);
  } catch (e) {
    // No NetworkManager: every interface is configured with `ip`.
    if (!(e instanceof MissingCommandError)) throw e;
  }
  return ifs.map((i) => ({
    ...i,
    gateway: gateways.get(i.name) ?? null,
    managedBy: managed.has(i.name) ? 'networkmanager' : 'none',
  }));
}

/** Non-Linux fallback: addresses from Node (no gateway, no manager information). */
export function fromNodeOs(map: NodeJS.Dict<os.NetworkInterfaceInfo[]>): NetInterface[] {
  const out: NetInterface[] = [];
  for (const [name, infos] of Object.entries(map)) {
    if (!infos || infos.some((i) => i.internal)) continue;
    const v4 = infos.filter((i) => i.family === 'IPv4');
    const mac = infos[0]?.mac && infos[0].mac !== '00:00:00:00:00:00' ? infos[0].mac : null;
    const parsed = NetInterface.safeParse({
      name,
      mac,
      up: true,
      addresses: v4.map((i) => ({ address: i.address, prefix: Number(i.cidr?.split('/')[1] ?? 32) })),
      gateway: null,
      managedBy: 'none',
    });
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/**
 * Windows `route print -4`: the default routes of "Active Routes" (`0.0.0.0  0.0.0.0  <gateway>
 * <interface address>  <metric>`) → gateway per interface address, lowest metric first; on-link rows skipped.
 */
export function parseWindowsRoutePrint(stdout: string): Map<string, string> {
  const best = new Map<string, { gateway: string; metric: number }>();
  let active = false;
  for (const line of stdout.split(/\r?\n/)) {
    if (/^Active Routes:/i.test(line.trim())) active = true;
    else if (/^Persistent Routes:/i.test(line.trim())) active = false;
    if (!active) continue;
    const m = /^\s*0\.0\.0\.0\s+0\.0\.0\.0\s+(\d{1,3}(?:\.\d{1,3}){3})\s+(\d{1,3}(?:\.\d{1,3}){3})\s+(\d+)/.exec(line);
    if (!m) continue;
    const metric = Number(m[3]);
    const prev = best.get(m[2]!);
    if (!prev || metric < prev.metric) best.set(m[2]!, { gateway: m[1]!, metric });
  }
  return new Map([...best].map(([ifaceIp, v]) => [ifaceIp, v.gateway]));
}

/** macOS `route -n get default`: `gateway: <ip>` and `interface: <name>` → that pair, or null. */
export function parseDarwinRouteGet(stdout: string): { iface: string; gateway: string } | null {
  const gateway = /^\s*gateway:\s*(\d{1,3}(?:\.\d{1,3}){3})\s*$/m.exec(stdout)?.[1];
  const iface = /^\s*interface:\s*(\S+)\s*$/m.exec(stdout)?.[1];
  return gateway && iface ? { iface, gateway } : null;
}

/** Adds each interface's default gateway on Windows and macOS; without the route command, none. */
async function withGateways(ifs: NetInterface[], run: RunCommand, platform: NodeJS.Platform): Promise<NetInterface[]> {
  try {
    if (platform === 'win32') {
      const r = await run(['route', 'print', '-4'], { timeoutMs: 5000 });
      if (r.code !== 0) return ifs;
      const byAddress = parseWindowsRoutePrint(r.stdout);
      return ifs.map((i) => ({
        ...i,
        gateway: i.addresses.map((a) => byAddress.get(a.address)).find(Boolean) ?? null,
      }));
    }
    if (platform === 'darwin') {
      const r = await run(['route', '-n', 'get', 'default'], { timeoutMs: 5000 });
      const d = r.code === 0 ? parseDarwinRouteGet(r.stdout) : null;
      return d ? ifs.map((i) => (i.name === d.iface ? { ...i, gateway: d.gateway } : i)) : ifs;
    }
  } catch (e) {
    // No route command: the interfaces are still listed, without gateways.
    if (!(e instanceof MissingCommandError)) throw e;
  }
  return ifs;
}
