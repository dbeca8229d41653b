import { describe, expect, it } from 'vitest';
import {
  broadcastOf,
  hostsOf,
  inSubnet,
  intToIp,
  ipToInt,
  isUsableHost,
  maskToPrefix,
  parseCidr,
  prefixToMask,
  subnetOf,
} from './ipv4';

describe('ipv4', () => {
  it('converts addresses to uint32 and back', () => {
    expect(ipToInt('0.0.0.0')).toBe(0);
    expect(ipToInt('255.255.255.255')).toBe(0xffffffff);
    expect(ipToInt('198.51.100.10')).toBe(0xc633640a);
    expect(intToIp(0xc633640a)).toBe('198.51.100.10');
    expect(intToIp(0xffffffff)).toBe('255.255.255.255');
  });

  it('rejects malformed addresses and values with the value named', () => {
    for (const bad of ['', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', 'a.b.c.d', '1.2.3.-1']) {
      expect(() => ipToInt(bad)).toThrow(RangeError);
    }
    expect(() => ipToInt('1.2.3.256')).toThrow(/1\.2\.3\.256/);
    expect(() => intToIp(-1)).toThrow(RangeError);
    expect(() => intToIp(2 ** 32)).toThrow(RangeError);
    expect(() => intToIp(1.5)).toThrow(RangeError);
  });

  it('converts between masks and prefixes, null for non-contiguous masks', () => {
    expect(prefixToMask(0)).toBe('0.0.0.0');
    expect(prefixToMask(24)).toBe('255.255.255.0');
    expect(prefixToMask(25)).toBe('255.255.255.128');
    expect(prefixToMask(32)).toBe('255.255.255.255');
    for (let p = 0; p <= 32; p++) expect(maskToPrefix(prefixToMask(p))).toBe(p);
    expect(maskToPrefix('255.0.255.0')).toBeNull();
    expect(maskToPrefix('255.255.255.1')).toBeNull();
    expect(() => prefixToMask(33)).toThrow(/0–32/);
  });

  it('parses subnets and clears host bits', () => {
    expect(parseCidr('198.51.100.7/24')).toEqual({ network: ipToInt('198.51.100.0'), prefix: 24 });
    expect(() => parseCidr('198.51.100.0')).toThrow(/a\.b\.c\.d\/nn/);
    expect(() => parseCidr('198.51.100.0/33')).toThrow(RangeError);
    expect(subnetOf('203.0.113.68', 24)).toBe('203.0.113.0/24');
    expect(subnetOf('203.0.113.68', 26)).toBe('203.0.113.64/26');
  });

  it('tests membership and broadcast', () => {
    expect(inSubnet('198.51.100.50', '198.51.100.0', 24)).toBe(true);
    expect(inSubnet('203.0.113.68', '198.51.100.10', 24)).toBe(false);
    expect(inSubnet('203.0.113.68', '203.0.113.64', 26)).toBe(true);
    expect(inSubnet('203.0.113.130', '203.0.113.64', 26)).toBe(false);
    expect(broadcastOf('198.51.100.7', 24)).toBe('198.51.100.255');
    expect(broadcastOf('203.0.113.68', 26)).toBe('203.0.113.127');
  });

  it('knows which addresses are usable by hosts', () => {
    expect(isUsableHost('198.51.100.0', 24)).toBe(false);
    expect(isUsableHost('198.51.100.255', 24)).toBe(false);
    expect(isUsableHost('198.51.100.1', 24)).toBe(true);
    expect(isUsableHost('198.51.100.0', 31)).toBe(true);
    expect(isUsableHost('198.51.100.0', 32)).toBe(true);
  });

  it('lists hosts, excluding network and broadcast, and refuses more than the cap', () => {
    expect(hostsOf('192.0.2.0/30')).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(hostsOf('192.0.2.4/31')).toEqual(['192.0.2.4', '192.0.2.5']);
    expect(hostsOf('192.0.2.9/32')).toEqual(['192.0.2.9']);
    const h = hostsOf('198.51.100.0/24');
    expect(h).toHaveLength(254);
    expect(h[0]).toBe('198.51.100.1');
    expect(h.at(-1)).toBe('198.51.100.254');
    expect(hostsOf('10.0.0.0/20')).toHaveLength(4094);
    expect(() => hostsOf('10.0.0.0/16')).toThrow(/cap of 4096/);
    expect(() => hostsOf('198.51.100.0/24', 100)).toThrow(/cap of 100/);
  });
});
