/** The OS network operations the discovery and repair features use, behind one interface tests can fake. */
import type { NetInterface } from '../../../../shared/model/network';
import { arpDad, arpProbe } from './arp';
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

/** A NetworkOs over a command runner (the real one by default). */
export function createNetworkOs(run: RunCommand = runCommand): NetworkOs {
  return {
    run,
    listInterfaces: () => listInterfaces(run),
    arpProbe: (iface, ip, count) => arpProbe({ iface, ip, run, ...(count !== undefined ? { count } : {}) }),
    arpDad: (iface, ip) => arpDad({ iface, ip, run }),
    async ping(iface, ip, count = 1) {
      const i = validIface(iface);
      const a = validIpv4(ip);
      for (let n = 0; n < count; n++) {
        const r = await run(['ping', '-c', '1', '-W', '1', '-I', i, a], { timeoutMs: 3000 });
        if (r.code === 0) return true;
      }
      return false;
    },
  };
}

/** The real OS. */
export const systemNetworkOs: NetworkOs = createNetworkOs();
