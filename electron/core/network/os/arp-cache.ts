/**
 * Windows and macOS have no `arping` and no `ip neigh`: there the PC's ARP cache (`arp -a`, `arp -an`) tells
 * which on-link hosts answered ARP, after something made the OS ask (one UDP datagram to the discard port).
 * Pure parsers for both formats, and the probe built on them. A cache holds one MAC per address, so on these
 * systems a duplicate address shows as "in use", not as two MACs (Linux's arping sees both).
 */
import dgram from 'node:dgram';
import os from 'node:os';
import type { Neighbour } from '../discovery/neighbours';
import type { RunCommand } from './run-command';
import { validIface, validIpv4 } from './validate';

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** `00-1a-2b-3c-4d-5e` or `0:1a:2b:3c:4d:5e` (macOS drops leading zeros) → `00:1a:2b:3c:4d:5e`; else null. */
export function cacheMac(text: string): string | null {
  const parts = text.trim().toLowerCase().split(/[-:]/);
  if (parts.length !== 6 || !parts.every((p) => /^[0-9a-f]{1,2}$/.test(p))) return null;
  const mac = parts.map((p) => p.padStart(2, '0')).join(':');
  // All-zero and broadcast entries are the cache's placeholders and broadcast routes, not hosts.
  return mac === '00:00:00:00:00:00' || mac === 'ff:ff:ff:ff:ff:ff' ? null : mac;
}

/**
 * Windows `arp -a`: sections headed `Interface: <ip> --- 0x<n>`, then `<ip>  <mac>  dynamic|static|invalid`.
 * Keeps the entries of sections whose interface address is in `ifaceAddresses` (all when empty); multicast
 * and broadcast entries are skipped, `invalid` ones (ARP failed) come back without a MAC.
 */
export function parseWindowsArp(stdout: string, ifaceAddresses: readonly string[] = []): Neighbour[] {
  const out: Neighbour[] = [];
  let keep = ifaceAddresses.length === 0;
  for (const line of stdout.split(/\r?\n/)) {
    const header = /^Interface:\s+(\S+)\s+---/i.exec(line.trim());
    if (header) {
      keep = ifaceAddresses.length === 0 || ifaceAddresses.includes(header[1]!);
      continue;
    }
    if (!keep) continue;
    const m = /^(\S+)\s+(\S+)\s+(\S+)$/.exec(line.trim());
    if (!m || !IPV4.test(m[1]!)) continue;
    const first = Number(m[1]!.split('.')[0]);
    if (first >= 224) continue; // multicast and broadcast
    const type = m[3]!.toLowerCase();
    const mac = type === 'invalid' ? null : cacheMac(m[2]!);
    out.push({ ip: m[1]!, mac, states: [type === 'invalid' ? 'FAILED' : type.toUpperCase()] });
  }
  return out;
}

/**
 * macOS `arp -an`: `? (<ip>) at <mac> on <iface> [ifscope] [ethernet]`, or `at (incomplete)`. Keeps the
 * entries on `iface` (all when null).
 */
export function parseDarwinArp(stdout: string, iface: string | null = null): Neighbour[] {
  const out: Neighbour[] = [];
  for (const line of stdout.split('\n')) {
    const m = /\((\d{1,3}(?:\.\d{1,3}){3})\) at (\S+)(?: on (\S+))?/.exec(line);
    if (!m || (iface !== null && m[3] !== iface)) continue;
    if (Number(m[1]!.split('.')[0]) >= 224) continue;
    const incomplete = m[2] === '(incomplete)';
    const mac = incomplete ? null : cacheMac(m[2]!);
    out.push({ ip: m[1]!, mac, states: [incomplete ? 'INCOMPLETE' : 'REACHABLE'] });
  }
  return out;
}

/** The IPv4 addresses Node sees on `iface` (Windows' `arp -a` names interfaces by address). */
function addressesOf(iface: string): string[] {
  return (os.networkInterfaces()[iface] ?? []).filter((a) => a.family === 'IPv4').map((a) => a.address);
}

/** Reads the ARP cache entries of `iface` on Windows or macOS. */
export async function readArpCache(
  run: RunCommand,
  platform: NodeJS.Platform,
  iface: string,
  signal?: AbortSignal,
  ifaceAddresses: readonly string[] = addressesOf(iface),
): Promise<Neighbour[]> {
  const name = validIface(iface);
  const argv = platform === 'win32' ? ['arp', '-a'] : ['arp', '-an'];
  const r = await run(argv, { timeoutMs: 3000, ...(signal ? { signal } : {}) });
  if (r.code !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr.trim() || `exit ${String(r.code)}`}`);
  if (platform !== 'win32') return parseDarwinArp(r.stdout, name);
  if (ifaceAddresses.length === 0) throw new Error(`interface ${name} has no IPv4 address to find in arp -a`);
  return parseWindowsArp(r.stdout, ifaceAddresses);
}

/** Sends one byte to `ip`'s discard port (9): the OS resolves `ip` by ARP to send it. */
export function sendTrigger(ip: string): Promise<void> {
  return new Promise((resolve) => {
    const s = dgram.createSocket('udp4');
    const done = () => {
      s.close();
      resolve();
    };
    s.once('error', done); // unreachable or refused: the ARP request has gone out anyway
    s.send(Buffer.of(0), 9, ip, done);
  });
}

export interface CacheProbeOptions {
  run: RunCommand;
  platform: NodeJS.Platform;
  iface: string;
  ip: string;
  /** How long to wait for an answer, ms (default 1500: ARP answers on a LAN come within milliseconds). */
  waitMs?: number;
  /** Between cache reads, ms (default 150). */
  pollMs?: number;
  /** Injected in tests. */
  send?: (ip: string) => Promise<void>;
  ifaceAddresses?: readonly string[];
}

/**
 * Who answers ARP for `ip` on `iface`, through the cache: triggers resolution, then reads the cache until
 * the entry resolves, fails or the wait ends. Resolves with the MAC (at most one) that answered.
 */
export async function probeByArpCache(o: CacheProbeOptions): Promise<{ macs: string[] }> {
  const ip = validIpv4(o.ip);
  await (o.send ?? sendTrigger)(ip);
  const waitMs = o.waitMs ?? 1500;
  const pollMs = o.pollMs ?? 150;
  for (let waited = 0; ; waited += pollMs) {
    const table = await readArpCache(o.run, o.platform, o.iface, undefined, o.ifaceAddresses);
    const entry = table.find((n) => n.ip === ip);
    if (entry?.mac) return { macs: [entry.mac] };
    if (entry?.states.includes('FAILED') || waited >= waitMs) return { macs: [] };
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
