/**
 * `ptzctl ip-setup scan [--iface NAME] [--timeout MS] [--json]` and
 * `ptzctl ip-setup set <mac> <ip> <mask> <gateway> [--name NAME] [--iface NAME] [--timeout MS]`:
 * Sony IP-setup (UDP 52380) from the command line — find Sony cameras on the segment whatever their
 * subnet, and give one a new address by MAC.
 */
import { InterfaceName, Ipv4, Mac } from '../../../shared/model/network';
import { maskToPrefix } from '../../../shared/net/ipv4';
import {
  scanIpSetup,
  writeIpSetup,
  type IpSetupInfo,
  type IpSetupInterface,
} from '../network/discovery/ip-setup-client';
import { systemNetworkOs, type NetworkOs } from '../network/os/network-os';
import type { CliIo } from './cli-env';

export const IP_SETUP_USAGE =
  'usage: ptzctl ip-setup scan [--iface NAME] [--timeout MS] [--json]\n' +
  '       ptzctl ip-setup set <mac> <ip> <mask> <gateway> [--name NAME] [--iface NAME] [--timeout MS]';

interface Flags {
  iface?: string;
  timeout?: number;
  json: boolean;
  name?: string;
  rest: string[];
}

function parseFlags(args: readonly string[]): Flags {
  const f: Flags = { json: false, rest: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--json') f.json = true;
    else if (a === '--iface') f.iface = InterfaceName.parse(value());
    else if (a === '--name') f.name = value();
    else if (a === '--timeout') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 100 || n > 60_000) throw new UsageError('--timeout must be 100–60000 ms');
      f.timeout = n;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else f.rest.push(a);
  }
  return f;
}

class UsageError extends Error {}

/** The interfaces to use: the named one, or every interface that is up with an IPv4 address. */
async function pickInterfaces(os: NetworkOs, name: string | undefined): Promise<IpSetupInterface[]> {
  const ifs = await os.listInterfaces();
  const chosen = ifs.filter((i) => (name ? i.name === name : i.up) && i.addresses.length > 0);
  if (chosen.length === 0) {
    throw new Error(
      name
        ? `interface ${name} not found or has no IPv4 address (interfaces: ${ifs.map((i) => i.name).join(', ') || 'none'})`
        : 'no interface is up with an IPv4 address',
    );
  }
  // One address per interface is enough: the limited broadcast leaves by the interface of the bound address.
  return chosen.map((i) => ({ name: i.name, address: i.addresses[0]!.address, prefix: i.addresses[0]!.prefix }));
}

const row = (c: IpSetupInfo): string =>
  [
    c.mac,
    `${c.ip ?? '?'}${c.prefix !== null ? `/${c.prefix}` : ''}`,
    `gw ${c.gateway ?? '-'}`,
    c.model ?? '?',
    `"${c.name ?? ''}"`,
    c.writable === null ? 'write ?' : c.writable ? 'write on' : 'write off',
    `on ${c.interface ?? '?'}`,
  ].join('  ');

/** Runs `ptzctl ip-setup …`: 0 ok, 1 failure (nothing found is not a failure for scan), 2 usage. */
export async function ipSetupCommand(
  io: CliIo,
  args: readonly string[],
  os: NetworkOs = systemNetworkOs,
): Promise<number> {
  const [sub, ...rest] = args;
  let f: Flags;
  try {
    f = parseFlags(rest);
  } catch (e) {
    io.err(`ptzctl ip-setup: ${(e as Error).message}\n${IP_SETUP_USAGE}`);
    return 2;
  }
  if (sub === 'scan') {
    if (f.rest.length > 0) {
      io.err(`ptzctl ip-setup scan: unexpected ${f.rest.join(' ')}\n${IP_SETUP_USAGE}`);
      return 2;
    }
    const interfaces = await pickInterfaces(os, f.iface);
    const found = await scanIpSetup({ interfaces, ...(f.timeout ? { timeoutMs: f.timeout } : {}) });
    if (f.json) io.out(JSON.stringify(found));
    else if (found.length === 0) io.out(`no camera answered on ${interfaces.map((i) => i.name).join(', ')}`);
    else for (const c of found) io.out(row(c));
    return 0;
  }
  if (sub === 'set') {
    if (f.rest.length !== 4) {
      io.err(`ptzctl ip-setup set: needs <mac> <ip> <mask> <gateway>\n${IP_SETUP_USAGE}`);
      return 2;
    }
    const [macArg, ipArg, maskArg, gwArg] = f.rest as [string, string, string, string];
    const checks = [Mac.safeParse(macArg), Ipv4.safeParse(ipArg), Ipv4.safeParse(maskArg), Ipv4.safeParse(gwArg)];
    const bad = checks.findIndex((c) => !c.success);
    if (bad >= 0) {
      io.err(`ptzctl ip-setup set: ${['mac', 'ip', 'mask', 'gateway'][bad]} "${f.rest[bad]}" is not valid`);
      return 2;
    }
    if (maskToPrefix(maskArg) === null) {
      io.err(`ptzctl ip-setup set: mask ${maskArg} is not contiguous`);
      return 2;
    }
    const [iface] = await pickInterfaces(os, f.iface);
    const r = await writeIpSetup({
      iface: iface!,
      mac: macArg,
      ip: ipArg,
      mask: maskArg,
      gateway: gwArg,
      name: f.name ?? '',
      ...(f.timeout ? { timeoutMs: f.timeout } : {}),
    });
    if (r.ok) {
      io.out(
        `ACK from ${Mac.parse(macArg)}: the camera applies ${ipArg}/${maskToPrefix(maskArg)} (may take up to 30 s)`,
      );
      return 0;
    }
    const what =
      r.reason === 'nak'
        ? 'camera refused (NAK)'
        : r.reason === 'nak-after-resend'
          ? 'no answer to the setting, then NAK to its repeat: the camera may be applying it; scan again in 30 s'
          : 'no answer';
    io.err(`ptzctl ip-setup set: ${what}${r.detail ? `: ${r.detail}` : ''}`);
    return 1;
  }
  io.err(`ptzctl ip-setup: expected scan or set\n${IP_SETUP_USAGE}`);
  return 2;
}
