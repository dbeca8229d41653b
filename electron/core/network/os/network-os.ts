/** The OS network operations the discovery and repair features use, behind one interface tests can fake. */
import type { NetInterface } from '../../../../shared/model/network';
import { arpDad, arpProbe } from './arp';
import { probeByArpCache } from './arp-cache';
import { listInterfaces } from './interfaces';
import { runCommand, type RunCommand } from './run-command';
import { validIface, validIpv4 } from './validate';

export interface NetworkOs {
  run: RunCommand;
  /** Interfaces with IPv4 addresses, default gateway and manager; loopback excluded. */
  listInterfaces(): Promise<NetInterface[]>;
  /** MACs answering ARP for `ip` on `iface` (`count` requests, default 2, one per second). */
  arpProbe(iface: string, ip: string, count?: number): Promise<{ macs: string[] }>;
  /** RFC 5227 probe: is `ip` free on `iface`'s segment? */
  arpDad(iface: string, ip: string): Promise<{ free: boolean; macs: string[] }>;
  /** One ICMP echo to `ip` out of `iface` (`count` tries, default 1, 1 s each): true when answered. */
  ping(iface: string, ip: string, count?: number): Promise<boolean>;
}

/**
 * One ICMP echo, per platform. Linux binds to the interface; Windows and macOS follow the routing table
 * (the temporary alias gives the camera's subnet an on-link route there).
 */
export function pingArgv(platform: NodeJS.Platform, iface: string, ip: string): string[] {
  switch (platform) {
    case 'win32':
      return ['ping', '-n', '1', '-w', '1000', ip];
    case 'darwin':
      return ['ping', '-c', '1', '-t', '1', ip];
    default:
      return ['ping', '-c', '1', '-W', '1', '-I', iface, ip];
  }
}

/**
 * Whether a ping run got an echo reply. Windows' ping exits 0 on "Destination host unreachable" sent by the
 * PC itself, so there only a reply line (with its TTL) counts.
 */
export function pingAnswered(platform: NodeJS.Platform, r: { code: number | null; stdout: string }): boolean {
  return r.code === 0 && (platform !== 'win32' || /TTL=\d+/i.test(r.stdout));
}

/**
 * A NetworkOs over a command runner (the real one by default). ARP: iputils `arping` on Linux; on Windows
 * and macOS, which have none, the ARP cache after a trigger datagram (arp-cache.ts).
 */
export function createNetworkOs(run: RunCommand = runCommand, platform: NodeJS.Platform = process.platform): NetworkOs {
  const viaCache = platform === 'win32' || platform === 'darwin';
  return {
    run,
    listInterfaces: () => listInterfaces(run, platform),
    arpProbe: (iface, ip, count) =>
      viaCache
        ? probeByArpCache({ run, platform, iface, ip })
        : arpProbe({ iface, ip, run, ...(count !== undefined ? { count } : {}) }),
    async arpDad(iface, ip) {
      if (!viaCache) return arpDad({ iface, ip, run });
      const { macs } = await probeByArpCache({ run, platform, iface, ip });
      return { free: macs.length === 0, macs };
    },
    async ping(iface, ip, count = 1) {
      const argv = pingArgv(platform, validIface(iface), validIpv4(ip));
      for (let n = 0; n < count; n++) {
        if (pingAnswered(platform, await run(argv, { timeoutMs: 3000 }))) return true;
      }
      return false;
    },
  };
}

/** The real OS. */
export const systemNetworkOs: NetworkOs = createNetworkOs();
