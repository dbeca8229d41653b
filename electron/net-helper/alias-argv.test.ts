import { describe, expect, it } from 'vitest';
import { aliasArgv, arpingDadArgv, ifconfigAliasArgv, ipAliasArgv, netshAliasArgv, nmcliAliasArgv } from './alias-argv';
import { isNmManaged, parseArpingMacs, parseIpAddrJson } from './linux-parse';

const add = { op: 'add' as const, iface: 'eth0', ip: '203.0.113.250', prefix: 24 };
const remove = { ...add, op: 'remove' as const };

describe('alias argv builders', () => {
  it('Linux ip: runtime address add/del', () => {
    expect(ipAliasArgv(add)).toEqual(['ip', 'addr', 'add', '203.0.113.250/24', 'dev', 'eth0']);
    expect(ipAliasArgv(remove)).toEqual(['ip', 'addr', 'del', '203.0.113.250/24', 'dev', 'eth0']);
  });

  it('Linux NetworkManager: device-level modify with +/- ipv4.addresses', () => {
    expect(nmcliAliasArgv(add)).toEqual(['nmcli', 'device', 'modify', 'eth0', '+ipv4.addresses', '203.0.113.250/24']);
    expect(nmcliAliasArgv(remove)).toEqual([
      'nmcli',
      'device',
      'modify',
      'eth0',
      '-ipv4.addresses',
      '203.0.113.250/24',
    ]);
  });

  it('Windows netsh: active store, skip as source, mask from the prefix; an interface name with a space is one argument', () => {
    expect(netshAliasArgv({ ...add, iface: 'Ethernet 2', prefix: 20 })).toEqual([
      'netsh',
      'interface',
      'ipv4',
      'add',
      'address',
      'name=Ethernet 2',
      'address=203.0.113.250',
      'mask=255.255.240.0',
      'store=active',
      'skipassource=true',
    ]);
    expect(netshAliasArgv(remove)).toEqual([
      'netsh',
      'interface',
      'ipv4',
      'delete',
      'address',
      'name=eth0',
      'address=203.0.113.250',
      'store=active',
    ]);
  });

  it('macOS ifconfig alias / -alias', () => {
    expect(ifconfigAliasArgv({ ...add, iface: 'en0' })).toEqual([
      'ifconfig',
      'en0',
      'inet',
      '203.0.113.250',
      'netmask',
      '255.255.255.0',
      'alias',
    ]);
    expect(ifconfigAliasArgv({ ...remove, iface: 'en0' })).toEqual([
      'ifconfig',
      'en0',
      'inet',
      '203.0.113.250',
      '-alias',
    ]);
  });

  it('picks the mechanism per platform and manager', () => {
    expect(aliasArgv('linux', add, true)[0]).toBe('nmcli');
    expect(aliasArgv('linux', add, false)[0]).toBe('ip');
    expect(aliasArgv('win32', add, false)[0]).toBe('netsh');
    expect(aliasArgv('darwin', add, false)[0]).toBe('ifconfig');
    expect(() => aliasArgv('aix', add, false)).toThrow(/no alias command for platform aix/);
  });

  it('DAD probe is arping -D on the interface', () => {
    expect(arpingDadArgv('eth0', '198.51.100.7')).toEqual([
      'arping',
      '-D',
      '-I',
      'eth0',
      '-c',
      '3',
      '-w',
      '4',
      '198.51.100.7',
    ]);
  });
});

describe('Linux output parsers', () => {
  const ipJson = JSON.stringify([
    {
      ifindex: 2,
      ifname: 'eth0',
      addr_info: [
        { family: 'inet', local: '198.51.100.10', prefixlen: 24, valid_life_time: 4294967295 },
        { family: 'inet', local: '192.0.2.7', prefixlen: 24, dynamic: true, valid_life_time: 3600 },
        { family: 'inet', local: '203.0.113.250', prefixlen: 24 },
      ],
    },
  ]);

  it('reads addresses in order, the first primary, DHCP ones dynamic', () => {
    expect(parseIpAddrJson(ipJson, 'eth0')).toEqual([
      { address: '198.51.100.10', prefix: 24, primary: true, dynamic: false },
      { address: '192.0.2.7', prefix: 24, primary: false, dynamic: true },
      { address: '203.0.113.250', prefix: 24, primary: false, dynamic: false },
    ]);
    expect(() => parseIpAddrJson(ipJson, 'eth9')).toThrow(/no interface named eth9/);
    expect(() => parseIpAddrJson('Device "x" does not exist.', 'x')).toThrow(/not JSON/);
  });

  it('reads arping reply MACs, lower case, once each', () => {
    const out = [
      'ARPING 198.51.100.50 from 0.0.0.0 veth0',
      'Unicast reply from 198.51.100.50 [02:00:5E:00:53:01]  0.601ms',
      'Unicast reply from 198.51.100.50 [02:00:5e:00:53:02]  0.711ms',
      'Unicast reply from 198.51.100.50 [02:00:5e:00:53:01]  0.612ms',
    ].join('\n');
    expect(parseArpingMacs(out)).toEqual(['02:00:5e:00:53:01', '02:00:5e:00:53:02']);
    expect(parseArpingMacs('Sent 3 probes (3 broadcast(s))\nReceived 0 response(s)')).toEqual([]);
  });

  it('tells NetworkManager-managed devices from the rest', () => {
    const out = 'eth0:connected\nwlan0:disconnected\nveth\\:x:unmanaged\nlo:connected (externally)\n';
    expect(isNmManaged(out, 'eth0')).toBe(true);
    expect(isNmManaged(out, 'wlan0')).toBe(false);
    expect(isNmManaged(out, 'veth:x')).toBe(false);
    expect(isNmManaged(out, 'nope')).toBe(false);
  });
});
