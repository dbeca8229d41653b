import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CollectionUpdate } from '../../../shared/ipc/updates';
import type { DeviceConfig } from '../../../shared/model/device';
import type { DeviceState } from '../../../shared/model/device-status';
import type { NetInterface, NetworkState } from '../../../shared/model/network';
import type { CallerContext } from '../../../shared/ipc/contract-types';
import { silentLogger, type Logger } from '../logger';
import { createNetworkService, type NetworkService } from './network-service';
import type { NetworkOs } from './os/network-os';

const ctx: CallerContext = { clientId: 't', bridge: 'web' };
const A = '02:00:00:00:00:0a';
const B = '02:00:00:00:00:0b';
const eth0: NetInterface = {
  name: 'eth0',
  mac: '02:00:5e:00:53:01',
  up: true,
  addresses: [{ address: '198.51.100.10', prefix: 24 }],
  gateway: null,
  managedBy: 'none',
};

const ipCam = (id: string, host: string): DeviceConfig =>
  ({ id, name: id, protocol: 'visca-ip', host, port: 52381, enabled: true }) as DeviceConfig;

function fakeManager(initial: DeviceConfig[]) {
  let configs = initial;
  const listeners = new Set<(u: CollectionUpdate<DeviceState>) => void>();
  return {
    configs: () => configs,
    subscribe(l: (u: CollectionUpdate<DeviceState>) => void) {
      listeners.add(l);
      l({ type: 'init', items: [] });
      return () => void listeners.delete(l);
    },
    set(next: DeviceConfig[]) {
      configs = next;
      for (const l of listeners) l({ type: 'remove', id: 'x' });
    },
  };
}

function fakeOs(arp: NetworkOs['arpProbe'], ifs: () => NetInterface[] = () => [eth0]): NetworkOs {
  return {
    run: () => Promise.reject(new Error('no commands')),
    listInterfaces: vi.fn(async () => ifs()),
    arpProbe: vi.fn(arp),
    arpDad: async () => ({ free: true, macs: [] }),
    ping: async () => false,
  };
}

describe('network service', () => {
  const services: NetworkService[] = [];
  afterEach(async () => {
    vi.useRealTimers();
    for (const s of services.splice(0)) await s.close();
  });

  it('refresh: interfaces plus every IP device checked (outside-subnet, same-as-pc, duplicate by ARP)', async () => {
    const manager = fakeManager([
      ipCam('dup', '198.51.100.50'),
      ipCam('far', '203.0.113.68'),
      ipCam('self', '198.51.100.10'),
      ipCam('fine', '198.51.100.51'),
      ipCam('sim', '127.0.0.1'),
      { id: 'ser', name: 'Serial', protocol: 'visca-serial', path: '/dev/ttyUSB0', enabled: true } as DeviceConfig,
    ]);
    const os = fakeOs(async (_i, ip) => ({ macs: ip === '198.51.100.50' ? [B, A] : [A] }));
    const service = createNetworkService({ manager, log: silentLogger, os });
    services.push(service);
    const state: NetworkState = await service.handlers.refresh(ctx);
    expect(state.interfaces).toEqual([eth0]);
    expect(state.deviceConflicts).toEqual({
      dup: [{ kind: 'duplicate-ip', ip: '198.51.100.50', macs: [A, B] }],
      far: [{ kind: 'outside-subnet', ip: '203.0.113.68', pcSubnets: ['198.51.100.0/24'] }],
      self: [{ kind: 'same-as-pc', ip: '198.51.100.10', interface: 'eth0' }],
    });
    // ARP only where the PC is on-link and not for its own address; serial and loopback devices are ignored.
    expect(
      vi
        .mocked(os.arpProbe)
        .mock.calls.map((c) => c[1])
        .sort(),
    ).toEqual(['198.51.100.50', '198.51.100.51']);
    expect(service.serialPortsInUse()).toEqual(new Map([['/dev/ttyUSB0', 'Serial']]));
  });

  it('keeps working when ARP cannot run, and logs the reason once', async () => {
    const warn = vi.fn();
    const log: Logger = { ...silentLogger, warn };
    const manager = fakeManager([
      ipCam('a', '198.51.100.50'),
      ipCam('b', '198.51.100.51'),
      ipCam('far', '203.0.113.68'),
    ]);
    const os = fakeOs(async () => {
      throw new Error('arping needs CAP_NET_RAW: run as root or grant it');
    });
    const service = createNetworkService({ manager, log, os });
    services.push(service);
    const state = await service.handlers.refresh(ctx);
    expect(Object.keys(state.deviceConflicts)).toEqual(['far']);
    await service.handlers.refresh(ctx);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/duplicate-address check skipped: arping needs CAP_NET_RAW/);
  });

  it('re-reads interfaces every poll period while subscribed, and re-checks after device changes (debounced)', async () => {
    vi.useFakeTimers();
    const manager = fakeManager([ipCam('a', '198.51.100.50')]);
    let ifs = [eth0];
    const os = fakeOs(
      async () => ({ macs: [A] }),
      () => ifs,
    );
    const service = createNetworkService({ manager, log: silentLogger, os, pollMs: 10_000, arpDebounceMs: 1500 });
    services.push(service);
    const states: NetworkState[] = [];
    const off = service.subscribe((s) => states.push(s));
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)!.interfaces).toEqual([eth0]);
    const reads = vi.mocked(os.listInterfaces).mock.calls.length;

    // The PC moves to another subnet: the next poll shows it, and the camera is now outside.
    ifs = [{ ...eth0, addresses: [{ address: '192.0.2.10', prefix: 24 }] }];
    await vi.advanceTimersByTimeAsync(10_000);
    expect(vi.mocked(os.listInterfaces).mock.calls.length).toBe(reads + 1);
    expect(states.at(-1)!.deviceConflicts.a![0]!.kind).toBe('outside-subnet');

    // Device changes: three quick edits cause one ARP round, after the debounce.
    ifs = [eth0];
    const arps = vi.mocked(os.arpProbe).mock.calls.length;
    manager.set([ipCam('a', '198.51.100.60')]);
    manager.set([ipCam('a', '198.51.100.61')]);
    manager.set([ipCam('a', '198.51.100.62')]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(vi.mocked(os.arpProbe).mock.calls.length).toBe(arps);
    await vi.advanceTimersByTimeAsync(1000);
    expect(
      vi
        .mocked(os.arpProbe)
        .mock.calls.slice(arps)
        .map((c) => c[1]),
    ).toEqual(['198.51.100.62']);

    // Unsubscribed: no more polling.
    off();
    const after = vi.mocked(os.listInterfaces).mock.calls.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(vi.mocked(os.listInterfaces).mock.calls.length).toBe(after);
  });

  it('with a fingerprint, polls read the interfaces only when the PC’s addressing changed', async () => {
    vi.useFakeTimers();
    const manager = fakeManager([ipCam('a', '198.51.100.50')]);
    const os = fakeOs(async () => ({ macs: [A] }));
    let print = 'one';
    const service = createNetworkService({
      manager,
      log: silentLogger,
      os,
      pollMs: 10_000,
      fingerprint: async () => print,
    });
    services.push(service);
    service.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(0);
    const reads = vi.mocked(os.listInterfaces).mock.calls.length;
    await vi.advanceTimersByTimeAsync(30_000);
    // Nothing changed: no `ip`/`nmcli` spawned by three polls.
    expect(vi.mocked(os.listInterfaces).mock.calls.length).toBe(reads);
    print = 'two';
    await vi.advanceTimersByTimeAsync(10_000);
    expect(vi.mocked(os.listInterfaces).mock.calls.length).toBe(reads + 1);
  });
});
