import { describe, expect, it, vi } from 'vitest';
import type { DiscoveryRequest, DiscoveryState, NetInterface } from '../../../../shared/model/network';
import { DiscoveryRequest as RequestSchema } from '../../../../shared/model/network';
import type { CallerContext } from '../../../../shared/ipc/contract-types';
import { silentLogger } from '../../logger';
import type { NetworkService } from '../network-service';
import type { NetworkOs } from '../os/network-os';
import { createDiscoveryService } from './discovery-service';
import { sweepSubnets } from './scan-scope';
import type { IpSetupInfo } from './ip-setup-client';
import type { ScanIpSetup } from './ip-setup-scan';

const ctx: CallerContext = { clientId: 't', bridge: 'web' };
const pc: NetInterface[] = [
  {
    name: 'eth0',
    mac: '02:00:5e:00:53:01',
    up: true,
    addresses: [{ address: '198.51.100.10', prefix: 24 }],
    gateway: null,
    managedBy: 'none',
  },
];
const A = '02:00:00:00:00:0a';
const B = '02:00:00:00:00:0b';
const C = '02:00:00:00:00:0c';

const info = (mac: string, ip: string): IpSetupInfo => ({
  mac,
  model: 'SRG-X400',
  softVersion: null,
  ip,
  mask: '255.255.255.0',
  gateway: '0.0.0.0',
  name: 'CAM',
  writable: true,
  extra: {},
  prefix: 24,
  interface: 'eth0',
  source: ip,
});

function fakeOs(arp: (iface: string, ip: string) => Promise<{ macs: string[] }>): NetworkOs {
  return {
    run: () => Promise.reject(new Error('no commands in this test')),
    listInterfaces: async () => pc,
    arpProbe: vi.fn(arp),
    arpDad: async () => ({ free: true, macs: [] }),
    ping: async () => false,
  };
}

function fakeNetwork(os: NetworkOs): NetworkService {
  return {
    os,
    interfaces: async () => pc,
    serialPortsInUse: () => new Map(),
    handlers: { refresh: async () => ({ interfaces: pc, deviceConflicts: {} }) },
    subscribe: () => () => {},
    current: () => ({ interfaces: pc, deviceConflicts: {} }),
    close: async () => {},
  };
}

const request = (r: Partial<DiscoveryRequest>): DiscoveryRequest => RequestSchema.parse(r);

function setup(
  scan: ScanIpSetup,
  arp: (iface: string, ip: string) => Promise<{ macs: string[] }> = async () => ({ macs: [] }),
  serialPorts: string[] = [],
) {
  const os = fakeOs(arp);
  const service = createDiscoveryService({
    network: fakeNetwork(os),
    log: silentLogger,
    scanIpSetup: scan,
    serial: { list: async () => serialPorts, open: () => Promise.reject(new Error('no ports')) },
  });
  const states: DiscoveryState[] = [];
  service.subscribe((s) => states.push(s));
  const finished = () => expect.poll(() => service.current().state, { timeout: 10_000 }).not.toBe('running');
  return { service, states, os, finished };
}

describe('discovery service', () => {
  it('runs the chosen methods, merges, checks duplicates by ARP, and ends in done', async () => {
    const { service, os, finished } = setup(
      async () => [info(A, '198.51.100.50'), info(B, '198.51.100.50'), info(C, '203.0.113.68')],
      async (_i, ip) => ({ macs: ip === '198.51.100.50' ? [A, B] : [] }),
    );
    const { scanId } = await service.handlers.start(ctx, request({ methods: ['ip-setup', 'serial'] }));
    await finished();
    const s = service.current();
    expect(s).toMatchObject({ scanId, state: 'done', error: null });
    expect(s.methods.map((m) => [m.method, m.state, m.done, m.total])).toEqual([
      ['ip-setup', 'done', 1, 1],
      ['serial', 'done', 0, 0],
    ]);
    expect(s.cameras.map((c) => [c.mac, c.ip, c.reachable])).toEqual([
      [A, '198.51.100.50', true],
      [B, '198.51.100.50', true],
      [C, '203.0.113.68', false],
    ]);
    expect(s.cameras[0]!.conflicts).toEqual([{ kind: 'duplicate-ip', ip: '198.51.100.50', macs: [A, B] }]);
    expect(s.cameras[2]!.conflicts.map((c) => c.kind)).toEqual(['outside-subnet']);
    // One ARP check per on-link address; none for the camera the PC cannot reach on-link.
    expect(os.arpProbe).toHaveBeenCalledTimes(1);
    expect(os.arpProbe).toHaveBeenCalledWith('eth0', '198.51.100.50', 2);
  });

  it('degrades to a note when ARP cannot run', async () => {
    const { service, finished } = setup(
      async () => [info(A, '198.51.100.50')],
      async () => {
        throw new Error('"arping" is not installed (Debian/Ubuntu: apt-get install iputils-arping)');
      },
    );
    await service.handlers.start(ctx, request({ methods: ['ip-setup'] }));
    await finished();
    const s = service.current();
    expect(s.state).toBe('done');
    expect(s.cameras).toHaveLength(1);
    expect(s.methods[0]!.detail).toMatch(/ARP.*apt-get install iputils-arping/);
  });

  it('cancel stops the scan: methods see the abort and the state ends cancelled', async () => {
    let sawAbort = false;
    const { service, states, finished } = setup(
      (o) =>
        new Promise((resolve) => {
          o.signal!.addEventListener('abort', () => {
            sawAbort = true;
            resolve([info(A, '198.51.100.20')]);
          });
        }),
    );
    await service.handlers.start(ctx, request({ methods: ['ip-setup'] }));
    await expect.poll(() => service.current().methods[0]?.state).toBe('running');
    await service.handlers.cancel(ctx);
    await finished();
    expect(sawAbort).toBe(true);
    expect(service.current().state).toBe('cancelled');
    expect(service.current().methods[0]!.state).toBe('cancelled');
    // Results found before the cancel stay.
    expect(service.current().cameras.map((c) => c.mac)).toEqual([A]);
    expect(states.at(-1)!.state).toBe('cancelled'); // the final state was sent
  });

  it('a new start cancels the running scan and only the new one stays current', async () => {
    let calls = 0;
    const aborted: boolean[] = [];
    const { service, finished } = setup(
      (o) =>
        new Promise((resolve) => {
          const n = calls++;
          if (n === 0) {
            o.signal!.addEventListener('abort', () => {
              aborted.push(true);
              resolve([]);
            });
          } else resolve([info(B, '198.51.100.21')]);
        }),
    );
    const first = await service.handlers.start(ctx, request({ methods: ['ip-setup'] }));
    const second = await service.handlers.start(ctx, request({ methods: ['ip-setup'] }));
    expect(second.scanId).not.toBe(first.scanId);
    await finished();
    expect(aborted).toEqual([true]);
    expect(service.current()).toMatchObject({ scanId: second.scanId, state: 'done' });
    expect(service.current().cameras.map((c) => c.mac)).toEqual([B]);
  });

  it('throttles state events: a burst of progress is sent as a few states, the last one always', async () => {
    // Serial probe over 200 listed ports that all fail at once: 200 progress steps within one tick.
    const ports = Array.from({ length: 200 }, (_, i) => `/dev/ttyFAKE${i}`);
    const { service, states, finished } = setup(async () => [], undefined, ports);
    const before = states.length;
    await service.handlers.start(ctx, request({ methods: ['serial'] }));
    await finished();
    const sent = states.slice(before);
    expect(sent.length).toBeLessThan(10);
    expect(sent.at(-1)!.state).toBe('done');
    expect(sent.at(-1)!.methods[0]).toMatchObject({ done: 1000, total: 1000 });
    expect(sent.at(-1)!.methods[0]!.detail).toMatch(/ttyFAKE199: no ports/);
  });

  it('refuses unknown interfaces and oversized subnets at start', async () => {
    const { service } = setup(async () => []);
    await expect(service.handlers.start(ctx, request({ interfaces: ['wlan9'] }))).rejects.toThrow(
      /no network interface "wlan9"/,
    );
    await expect(
      service.handlers.start(ctx, request({ methods: ['sweep'], subnets: ['10.0.0.0/16'] })),
    ).rejects.toThrow(/cap of 4096/);
    expect(service.current().state).toBe('idle');
  });

  it('sweeps the chosen interfaces subnets by default, narrowing big ones to a /20', () => {
    expect(sweepSubnets([], pc)).toEqual(['198.51.100.0/24']);
    const big: NetInterface[] = [{ ...pc[0]!, addresses: [{ address: '10.1.130.7', prefix: 16 }] }];
    expect(sweepSubnets([], big)).toEqual(['10.1.128.0/20']);
    expect(sweepSubnets(['192.0.2.0/25'], pc)).toEqual(['192.0.2.0/25']);
  });
});
