/**
 * The `network` service: the PC's interfaces (re-read on refresh, every 10 s while someone listens, and
 * when devices change) and the address problems of every configured IP device — outside every PC subnet,
 * equal to the PC's address, and duplicate by ARP probe (two or more MACs answer). ARP runs on refresh
 * and after device changes (debounced), never in a loop; when ARP cannot run (arping missing, no
 * CAP_NET_RAW) the rest still works and the reason is logged once.
 */
import { readFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import type { PtzHandlers } from '../../../shared/ipc/contract';
import type { DeviceConfig } from '../../../shared/model/device';
import { Ipv4, type Conflict, type NetInterface, type NetworkState } from '../../../shared/model/network';
import type { DeviceManager } from '../devices/device-manager';
import type { Logger } from '../logger';
import { conflictsOf, pcAddressFor } from './conflicts';
import type { StatefulService } from './feature-types';
import { systemNetworkOs, type NetworkOs } from './os/network-os';

export interface NetworkServiceDeps {
  manager: Pick<DeviceManager, 'configs' | 'subscribe'>;
  log: Logger;
  /** OS access (interfaces, ARP); default the real system. */
  os?: NetworkOs;
  /** Interface re-read period while subscribed, ms (default 10 000). */
  pollMs?: number;
  /** Delay after a device change before the ARP checks run, ms (default 1500). */
  arpDebounceMs?: number;
  /**
   * A cheap fingerprint of the PC's addressing, read at every poll; the full read (which spawns `ip` and
   * `nmcli`) runs only when it changed. Default with the real OS: Node's interface list plus the kernel's
   * route table, read without starting a process; with an injected `os`: none (every poll reads).
   */
  fingerprint?: () => Promise<string>;
}

/**
 * Interfaces and routes without spawning anything: a spawn forks the whole (large) core process, which
 * stalls its event loop for milliseconds — felt in the joystick's latency if done every 10 s for nothing.
 */
export async function systemFingerprint(): Promise<string> {
  const routes = await readFile('/proc/net/route', 'utf8').catch(() => '');
  return JSON.stringify(networkInterfaces()) + routes;
}

/** The network service, plus the API discovery and the repair wizard use. */
export interface NetworkService extends StatefulService<PtzHandlers['network'], NetworkState> {
  /** Reads the interfaces now (fresh, not the cached state) and publishes them if they changed. */
  interfaces(): Promise<NetInterface[]>;
  /** The OS access the service uses (so discovery and repair share one, and tests one fake). */
  readonly os: NetworkOs;
  /** Serial ports held by configured devices: path → device name (discovery must not open them). */
  serialPortsInUse(): Map<string, string>;
}

/** A configured device driven over IP at an IPv4 address (host names are not checked). */
interface IpDevice {
  id: string;
  ip: string;
}

function ipDevicesOf(configs: readonly DeviceConfig[]): IpDevice[] {
  const out: IpDevice[] = [];
  for (const c of configs) {
    if (c.protocol !== 'visca-ip' && c.protocol !== 'visca-tcp' && c.protocol !== 'visca-udp') continue;
    const ip = Ipv4.safeParse(c.host);
    // Loopback hosts are the simulator or a local bridge: no subnet or ARP question to ask.
    if (ip.success && !ip.data.startsWith('127.')) out.push({ id: c.id, ip: ip.data });
  }
  return out;
}

/** Device id → problems, for the devices that have any (pure). */
export function deviceConflictsOf(
  devices: readonly IpDevice[],
  interfaces: readonly NetInterface[],
  arpMacs: ReadonlyMap<string, readonly string[]>,
): Record<string, Conflict[]> {
  const out: Record<string, Conflict[]> = {};
  for (const d of devices) {
    const list = conflictsOf({ ip: d.ip, prefix: null, gateway: null, macs: arpMacs.get(d.ip) ?? [] }, interfaces);
    if (list.length > 0) out[d.id] = list;
  }
  return out;
}

export function createNetworkService(deps: NetworkServiceDeps): NetworkService {
  const os = deps.os ?? systemNetworkOs;
  const fingerprint = deps.fingerprint ?? (deps.os ? null : systemFingerprint);
  let lastFingerprint: string | null = null;
  const pollMs = deps.pollMs ?? 10_000;
  const debounceMs = deps.arpDebounceMs ?? 1500;
  const listeners = new Set<(s: NetworkState) => void>();
  let state: NetworkState = { interfaces: [], deviceConflicts: {} };
  let interfaces: NetInterface[] = [];
  let interfacesRead = false;
  const arpMacs = new Map<string, string[]>();
  let arpProblem: string | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  let arpTimer: NodeJS.Timeout | null = null;
  let closed = false;
  let devicesKey = '';
  let arpRun: Promise<void> | null = null;

  const publish = () => {
    const next: NetworkState = {
      interfaces,
      deviceConflicts: deviceConflictsOf(ipDevicesOf(deps.manager.configs()), interfaces, arpMacs),
    };
    if (JSON.stringify(next) === JSON.stringify(state)) return;
    state = next;
    for (const l of listeners) l(state);
  };

  /** The periodic re-read: skipped while the fingerprint says nothing changed. */
  const pollInterfaces = async (): Promise<void> => {
    if (fingerprint) {
      const now = await fingerprint().catch(() => null);
      if (now !== null && now === lastFingerprint) return;
    }
    await readInterfaces();
  };

  const readInterfaces = async (): Promise<NetInterface[]> => {
    try {
      if (fingerprint) lastFingerprint = await fingerprint().catch(() => null);
      interfaces = await os.listInterfaces();
      interfacesRead = true;
    } catch (e) {
      deps.log.warn(`network: cannot list interfaces: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!closed) publish();
    return interfaces;
  };

  /** ARP-probes every on-link IP device once (in parallel) and publishes the duplicates found. */
  const checkArp = (): Promise<void> => {
    arpRun ??= (async () => {
      try {
        const devices = ipDevicesOf(deps.manager.configs());
        const ips = [...new Set(devices.map((d) => d.ip))];
        for (const ip of [...arpMacs.keys()]) if (!ips.includes(ip)) arpMacs.delete(ip);
        await Promise.all(
          ips.map(async (ip) => {
            const via = pcAddressFor(ip, interfaces);
            if (!via || via.address === ip) return arpMacs.delete(ip);
            try {
              const { macs } = await os.arpProbe(via.interface, ip, 2);
              arpMacs.set(ip, macs);
              arpProblem = null;
            } catch (e) {
              const why = e instanceof Error ? e.message : String(e);
              // Once per distinct reason: an operator without arping should not get a warning per device.
              if (why !== arpProblem) deps.log.warn(`network: duplicate-address check skipped: ${why}`);
              arpProblem = why;
            }
          }),
        );
        if (!closed) publish();
      } finally {
        arpRun = null;
      }
    })();
    return arpRun;
  };

  const scheduleArp = () => {
    if (arpTimer) clearTimeout(arpTimer);
    arpTimer = setTimeout(() => {
      arpTimer = null;
      void checkArp();
    }, debounceMs);
    arpTimer.unref?.();
  };

  /** Device id → its endpoint as last seen, so position and status updates cost one map lookup. */
  const endpointOf = new Map<string, string>();
  const endpoint = (c: DeviceConfig) => `${c.protocol}|${'host' in c ? c.host : ''}`;
  const unsubscribeDevices = deps.manager.subscribe((u) => {
    // Device states change often (status, positions: hundreds a second with many cameras); only a change
    // of the IP devices' addresses counts.
    if (u.type === 'update' && endpointOf.get(u.item.id) === endpoint(u.item.config)) return;
    endpointOf.clear();
    for (const c of deps.manager.configs()) endpointOf.set(c.id, endpoint(c));
    const key = JSON.stringify(ipDevicesOf(deps.manager.configs()));
    if (key === devicesKey) return;
    const first = devicesKey === '';
    devicesKey = key;
    if (first || closed) return;
    publish();
    void readInterfaces().then(scheduleArp);
  });

  const startPolling = () => {
    if (pollTimer || closed) return;
    pollTimer = setInterval(() => void pollInterfaces(), pollMs);
    pollTimer.unref?.();
  };
  const stopPolling = () => {
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = null;
  };

  const refresh = async (): Promise<NetworkState> => {
    await readInterfaces();
    await checkArp();
    return state;
  };

  return {
    os,
    handlers: { refresh: () => refresh() },
    subscribe(listener) {
      listeners.add(listener);
      listener(state);
      if (listeners.size === 1) {
        startPolling();
        // First listener: read now, and check the configured devices once.
        if (!interfacesRead) void readInterfaces().then(() => checkArp());
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stopPolling();
      };
    },
    current: () => state,
    interfaces: () => readInterfaces(),
    serialPortsInUse() {
      const used = new Map<string, string>();
      for (const c of deps.manager.configs()) if ('path' in c) used.set(c.path, c.name);
      return used;
    },
    async close() {
      closed = true;
      stopPolling();
      if (arpTimer) clearTimeout(arpTimer);
      unsubscribeDevices();
      listeners.clear();
      await arpRun?.catch(() => undefined);
    },
  };
}
