import { describe, expect, it } from 'vitest';
import type { NetInterface } from '../../../shared/model/network';
import {
  conflictsOf,
  duplicateIp,
  isReachable,
  outsideSubnet,
  pcAddressFor,
  pcSubnets,
  sameAsPc,
  wrongGateway,
} from './conflicts';

const eth0: NetInterface = {
  name: 'eth0',
  mac: '02:00:5e:00:53:01',
  up: true,
  addresses: [{ address: '198.51.100.10', prefix: 24 }],
  gateway: '198.51.100.1',
  managedBy: 'none',
};
const eth1: NetInterface = {
  name: 'eth1',
  mac: '02:00:5e:00:53:02',
  up: true,
  addresses: [
    { address: '192.0.2.5', prefix: 26 },
    { address: '192.0.2.200', prefix: 24 },
  ],
  gateway: null,
  managedBy: 'networkmanager',
};
const down: NetInterface = { ...eth1, name: 'eth2', up: false, addresses: [{ address: '203.0.113.9', prefix: 24 }] };
const pc = [eth0, eth1, down];

describe('PC subnets', () => {
  it('lists the subnets of interfaces that are up, once each', () => {
    expect(pcSubnets(pc)).toEqual(['198.51.100.0/24', '192.0.2.0/26', '192.0.2.0/24']);
    expect(pcSubnets([eth0, eth0])).toEqual(['198.51.100.0/24']);
  });

  it('finds the interface whose subnet holds an address', () => {
    expect(pcAddressFor('198.51.100.50', pc)).toEqual({ interface: 'eth0', address: '198.51.100.10', prefix: 24 });
    expect(pcAddressFor('192.0.2.100', pc)?.address).toBe('192.0.2.200');
    expect(pcAddressFor('203.0.113.68', pc)).toBeNull(); // only on the interface that is down
  });
});

describe('conflict rules', () => {
  it('outside-subnet: in no PC subnet, with the subnets the PC has', () => {
    expect(outsideSubnet('203.0.113.68', pc)).toEqual({
      kind: 'outside-subnet',
      ip: '203.0.113.68',
      pcSubnets: ['198.51.100.0/24', '192.0.2.0/26', '192.0.2.0/24'],
    });
    expect(outsideSubnet('198.51.100.50', pc)).toBeNull();
    expect(outsideSubnet('198.51.100.50', [])).toEqual({ kind: 'outside-subnet', ip: '198.51.100.50', pcSubnets: [] });
  });

  it('same-as-pc names the interface holding the address', () => {
    expect(sameAsPc('192.0.2.200', pc)).toEqual({ kind: 'same-as-pc', ip: '192.0.2.200', interface: 'eth1' });
    expect(sameAsPc('192.0.2.201', pc)).toBeNull();
  });

  it('wrong-gateway: a gateway outside the camera subnet; none (0.0.0.0) and unknown prefixes are fine', () => {
    expect(wrongGateway('198.51.100.50', 24, '192.0.2.1')).toEqual({
      kind: 'wrong-gateway',
      ip: '198.51.100.50',
      gateway: '192.0.2.1',
      subnet: '198.51.100.0/24',
    });
    expect(wrongGateway('198.51.100.50', 24, '198.51.100.1')).toBeNull();
    expect(wrongGateway('203.0.113.68', 26, '203.0.113.65')).toBeNull();
    expect(wrongGateway('203.0.113.130', 26, '203.0.113.65')?.kind).toBe('wrong-gateway');
    expect(wrongGateway('198.51.100.50', 24, '0.0.0.0')).toBeNull();
    expect(wrongGateway('198.51.100.50', null, '192.0.2.1')).toBeNull();
    expect(wrongGateway('198.51.100.50', 24, null)).toBeNull();
  });

  it('duplicate-ip needs two distinct MACs (case-insensitive), listed sorted', () => {
    expect(duplicateIp('198.51.100.50', ['02:00:00:00:00:0b', '02:00:00:00:00:0A', '02:00:00:00:00:0a'])).toEqual({
      kind: 'duplicate-ip',
      ip: '198.51.100.50',
      macs: ['02:00:00:00:00:0a', '02:00:00:00:00:0b'],
    });
    expect(duplicateIp('198.51.100.50', ['02:00:00:00:00:0a', '02:00:00:00:00:0A'])).toBeNull();
    expect(duplicateIp('198.51.100.50', [])).toBeNull();
  });

  it('combines the rules in a fixed order', () => {
    expect(
      conflictsOf(
        { ip: '203.0.113.68', prefix: 24, gateway: '192.0.2.1', macs: ['02:00:00:00:00:01', '02:00:00:00:00:02'] },
        pc,
      ).map((c) => c.kind),
    ).toEqual(['outside-subnet', 'duplicate-ip', 'wrong-gateway']);
    // Equal to the PC's address: same-as-pc, and not also outside-subnet.
    expect(conflictsOf({ ip: '198.51.100.10', prefix: null, gateway: null, macs: [] }, pc).map((c) => c.kind)).toEqual([
      'same-as-pc',
    ]);
    expect(
      conflictsOf({ ip: '198.51.100.51', prefix: 24, gateway: '198.51.100.1', macs: ['02:00:00:00:00:01'] }, pc),
    ).toEqual([]);
  });
});

describe('reachability', () => {
  it('needs the address in a PC subnet, and a PC address in the camera subnet when its prefix is known', () => {
    expect(isReachable('198.51.100.50', 24, pc)).toBe(true);
    expect(isReachable('198.51.100.50', null, pc)).toBe(true);
    expect(isReachable('203.0.113.68', 24, pc)).toBe(false);
    expect(isReachable('203.0.113.68', null, pc)).toBe(false);
    // In the PC's /24 but the camera thinks it is in a /28 without the PC: it cannot answer on-link.
    expect(isReachable('198.51.100.50', 28, pc)).toBe(false);
    // The camera's /16 holds the PC: fine.
    expect(isReachable('198.51.100.50', 16, pc)).toBe(true);
    expect(isReachable('198.51.100.10', 24, pc)).toBe(false);
  });
});
