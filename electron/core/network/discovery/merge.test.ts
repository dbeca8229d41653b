import { describe, expect, it } from 'vitest';
import type { NetInterface } from '../../../../shared/model/network';
import { emptyFinding, type Finding } from './findings';
import { mergeFindings, orderEndpoints } from './merge';

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

const ipSetup = (mac: string, ip: string, extra: Partial<Finding> = {}): Finding => ({
  ...emptyFinding('ip-setup'),
  mac,
  ip,
  prefix: 24,
  gateway: '0.0.0.0',
  model: 'SRG-X400',
  name: 'CAM',
  interface: 'eth0',
  endpoints: [{ protocol: 'visca-ip', host: ip, port: 52381 }],
  writable: true,
  proof: true,
  ...extra,
});
const sweep = (ip: string, mac: string | null, openPorts: number[], answered: boolean): Finding => ({
  ...emptyFinding('sweep'),
  ip,
  mac,
  interface: 'eth0',
  openPorts,
  endpoints: answered ? [{ protocol: 'visca-ip', host: ip, port: 52381 }] : [],
  proof: answered,
});

describe('mergeFindings', () => {
  it('merges one camera seen by several methods by MAC, then by address', () => {
    const ws: Finding = {
      ...emptyFinding('ws-discovery'),
      ip: '198.51.100.20',
      interface: 'eth0',
      onvifXAddrs: ['http://198.51.100.20/onvif/device_service'],
      proof: true,
    };
    const cams = mergeFindings({
      findings: [ipSetup(A, '198.51.100.20'), sweep('198.51.100.20', A, [80, 52381], true), ws],
      interfaces: pc,
    });
    expect(cams).toHaveLength(1);
    expect(cams[0]).toMatchObject({
      id: `mac:${A}`,
      mac: A,
      ip: '198.51.100.20',
      prefix: 24,
      model: 'SRG-X400',
      foundBy: ['ip-setup', 'sweep', 'ws-discovery'],
      openPorts: [80, 52381],
      onvifXAddrs: ['http://198.51.100.20/onvif/device_service'],
      reachable: true,
      writable: true,
      conflicts: [],
    });
    expect(cams[0]!.endpoints).toEqual([{ protocol: 'visca-ip', host: '198.51.100.20', port: 52381 }]);
  });

  it('keeps two MACs on one address apart and marks both duplicate-ip', () => {
    const cams = mergeFindings({
      findings: [ipSetup(A, '198.51.100.50'), ipSetup(B, '198.51.100.50'), sweep('198.51.100.50', A, [52381], true)],
      interfaces: pc,
    });
    expect(cams.map((c) => c.mac)).toEqual([A, B]);
    for (const c of cams) {
      expect(c.conflicts).toContainEqual({ kind: 'duplicate-ip', ip: '198.51.100.50', macs: [A, B] });
    }
    expect(cams[0]!.foundBy).toEqual(['ip-setup', 'sweep']);
    expect(cams[1]!.foundBy).toEqual(['ip-setup']);
  });

  it('takes duplicate MACs from ARP, and sends a MAC-less finding to the neighbour-table MAC', () => {
    const ws: Finding = {
      ...emptyFinding('ws-discovery'),
      ip: '198.51.100.50',
      onvifXAddrs: ['http://x/'],
      proof: true,
    };
    const cams = mergeFindings({
      findings: [ipSetup(A, '198.51.100.50'), ipSetup(B, '198.51.100.50'), ws],
      interfaces: pc,
      neighbourMacs: new Map([['198.51.100.50', B]]),
    });
    expect(cams.find((c) => c.mac === B)!.foundBy).toEqual(['ip-setup', 'ws-discovery']);
    expect(cams.find((c) => c.mac === A)!.foundBy).toEqual(['ip-setup']);

    const arp = mergeFindings({
      findings: [sweep('198.51.100.60', A, [52381], true)],
      interfaces: pc,
      arpMacs: new Map([['198.51.100.60', [A, B]]]),
    });
    expect(arp[0]!.conflicts).toEqual([{ kind: 'duplicate-ip', ip: '198.51.100.60', macs: [A, B] }]);
  });

  it('invents nothing: a host with only open ports is left out unless another method vouches for it', () => {
    expect(mergeFindings({ findings: [sweep('198.51.100.30', null, [80, 8899], false)], interfaces: pc })).toEqual([]);
    const vouched = mergeFindings({
      findings: [sweep('198.51.100.30', A, [80, 5678], false), ipSetup(A, '198.51.100.30')],
      interfaces: pc,
    });
    expect(vouched).toHaveLength(1);
    expect(vouched[0]!.openPorts).toEqual([80, 5678]);
  });

  it('marks a camera outside the PC subnets unreachable, with the reason', () => {
    const [cam] = mergeFindings({ findings: [ipSetup(A, '203.0.113.68', { gateway: '203.0.113.1' })], interfaces: pc });
    expect(cam!.reachable).toBe(false);
    expect(cam!.conflicts).toEqual([{ kind: 'outside-subnet', ip: '203.0.113.68', pcSubnets: ['198.51.100.0/24'] }]);
    const [wrongGw] = mergeFindings({
      findings: [ipSetup(A, '198.51.100.40', { gateway: '192.0.2.1' })],
      interfaces: pc,
    });
    expect(wrongGw!.conflicts.map((c) => c.kind)).toEqual(['wrong-gateway']);
    const [same] = mergeFindings({ findings: [ipSetup(A, '198.51.100.10')], interfaces: pc });
    expect(same!.conflicts.map((c) => c.kind)).toEqual(['same-as-pc']);
    expect(same!.reachable).toBe(false);
  });

  it('lists serial cameras by port and address, reachable, sorted after IP cameras', () => {
    const serial: Finding = {
      ...emptyFinding('serial'),
      model: 'VISCA camera',
      endpoints: [{ protocol: 'visca-serial', path: '/dev/ttyUSB0', baud: 9600, address: 1 }],
      proof: true,
    };
    const cams = mergeFindings({ findings: [serial, ipSetup(A, '198.51.100.20')], interfaces: pc });
    expect(cams.map((c) => c.id)).toEqual([`mac:${A}`, 'serial:/dev/ttyUSB0#1']);
    expect(cams[1]).toMatchObject({ ip: null, mac: null, reachable: true, conflicts: [], foundBy: ['serial'] });
  });

  it('orders endpoints best first and drops repeats', () => {
    expect(
      orderEndpoints([
        { protocol: 'visca-udp', host: '192.0.2.1', port: 1259 },
        { protocol: 'visca-tcp', host: '192.0.2.1', port: 5678 },
        { protocol: 'visca-ip', host: '192.0.2.1', port: 52381 },
        { protocol: 'visca-ip', host: '192.0.2.1', port: 52381 },
      ]).map((e) => e.protocol),
    ).toEqual(['visca-ip', 'visca-tcp', 'visca-udp']);
  });
});
