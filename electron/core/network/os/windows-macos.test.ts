// The network OS layer on Windows and macOS, from their commands' recorded output: ARP cache, ARP probe, ping, gateways.
import { describe, expect, it } from 'vitest';
import { cacheMac, parseDarwinArp, parseWindowsArp, probeByArpCache } from './arp-cache';
import { parseDarwinRouteGet, parseWindowsRoutePrint } from './interfaces';
import { createNetworkOs, pingAnswered, pingArgv } from './network-os';
import type { RunCommand } from './run-command';

/** `arp -a` as Windows 10/11 prints it: one section per interface, headed by the interface's address. */
const WINDOWS_ARP = [
  '',
  'Interface: 198.51.100.10 --- 0x7',
  '  Internet Address      Physical Address      Type',
  '  198.51.100.1          00-1a-2b-3c-4d-5e     dynamic',
  '  198.51.100.50         02-00-5e-00-53-01     dynamic',
  '  198.51.100.77         00-00-00-00-00-00     invalid',
  '  198.51.100.255        ff-ff-ff-ff-ff-ff     static',
  '  224.0.0.22            01-00-5e-00-00-16     static',
  '  239.255.255.250       01-00-5e-7f-ff-fa     static',
  '',
  'Interface: 203.0.113.250 --- 0xc',
  '  Internet Address      Physical Address      Type',
  '  203.0.113.68          02-00-5e-00-53-02     dynamic',
  '',
].join('\r\n');

/** `arp -an` as macOS prints it (octets without leading zeros). */
const DARWIN_ARP = [
  '? (198.51.100.1) at 0:1a:2b:3c:4d:5e on en0 ifscope [ethernet]',
  '? (198.51.100.50) at 2:0:5e:0:53:1 on en0 ifscope [ethernet]',
  '? (198.51.100.77) at (incomplete) on en0 ifscope [ethernet]',
  '? (198.51.100.255) at ff:ff:ff:ff:ff:ff on en0 ifscope [ethernet]',
  '? (203.0.113.68) at 2:0:5e:0:53:2 on en7 ifscope [ethernet]',
  '? (224.0.0.251) at 1:0:5e:0:0:fb on en0 ifscope permanent [ethernet]',
].join('\n');

describe('ARP cache parsers (Windows, macOS)', () => {
  it('normalises both MAC spellings and drops placeholders', () => {
    expect(cacheMac('02-00-5E-00-53-01')).toBe('02:00:5e:00:53:01');
    expect(cacheMac('2:0:5e:0:53:1')).toBe('02:00:5e:00:53:01');
    expect(cacheMac('00-00-00-00-00-00')).toBeNull();
    expect(cacheMac('ff:ff:ff:ff:ff:ff')).toBeNull();
    expect(cacheMac('(incomplete)')).toBeNull();
    expect(cacheMac('2:0:5e:0:53')).toBeNull();
  });

  it('Windows: the section of the interface’s address only; failed entries have no MAC; no multicast', () => {
    expect(parseWindowsArp(WINDOWS_ARP, ['198.51.100.10'])).toEqual([
      { ip: '198.51.100.1', mac: '00:1a:2b:3c:4d:5e', states: ['DYNAMIC'] },
      { ip: '198.51.100.50', mac: '02:00:5e:00:53:01', states: ['DYNAMIC'] },
      { ip: '198.51.100.77', mac: null, states: ['FAILED'] },
      { ip: '198.51.100.255', mac: null, states: ['STATIC'] },
    ]);
    // An interface with an alias has two addresses: both sections count.
    expect(parseWindowsArp(WINDOWS_ARP, ['198.51.100.10', '203.0.113.250']).map((n) => n.ip)).toContain('203.0.113.68');
    expect(parseWindowsArp(WINDOWS_ARP, ['192.0.2.1'])).toEqual([]);
  });

  it('macOS: entries on the interface only; incomplete ones have no MAC; no multicast', () => {
    expect(parseDarwinArp(DARWIN_ARP, 'en0')).toEqual([
      { ip: '198.51.100.1', mac: '00:1a:2b:3c:4d:5e', states: ['REACHABLE'] },
      { ip: '198.51.100.50', mac: '02:00:5e:00:53:01', states: ['REACHABLE'] },
      { ip: '198.51.100.77', mac: null, states: ['INCOMPLETE'] },
      { ip: '198.51.100.255', mac: null, states: ['REACHABLE'] },
    ]);
    expect(parseDarwinArp(DARWIN_ARP, 'en7')).toEqual([
      { ip: '203.0.113.68', mac: '02:00:5e:00:53:02', states: ['REACHABLE'] },
    ]);
  });

  it('ignores noise and empty output', () => {
    expect(parseWindowsArp('No ARP Entries Found.\r\n')).toEqual([]);
    expect(parseDarwinArp('198.51.100.9 (198.51.100.9) -- no entry\n')).toEqual([]);
  });
});

/** A cache that learns `ip`'s MAC after `afterReads` reads (the ARP answer arriving). */
function cache(platform: 'win32' | 'darwin', ip: string, mac: string | null, afterReads: number) {
  let reads = 0;
  const argvs: string[][] = [];
  const run: RunCommand = async (argv) => {
    argvs.push([...argv]);
    reads++;
    const known = mac !== null && reads > afterReads;
    const stdout =
      platform === 'win32'
        ? `Interface: 198.51.100.10 --- 0x7\r\n  Internet Address  Physical Address  Type\r\n${known ? `  ${ip}  ${mac.replace(/:/g, '-')}  dynamic\r\n` : ''}`
        : known
          ? `? (${ip}) at ${mac} on en0 ifscope [ethernet]\n`
          : '';
    return { code: 0, stdout, stderr: '' };
  };
  return { run, argvs, reads: () => reads };
}

describe('ARP probe through the cache', () => {
  it.each(['win32', 'darwin'] as const)(
    '%s: triggers resolution, then reads until the MAC appears',
    async (platform) => {
      const c = cache(platform, '198.51.100.50', '02:00:5e:00:53:01', 2);
      const sent: string[] = [];
      const r = await probeByArpCache({
        run: c.run,
        platform,
        iface: 'en0',
        ip: '198.51.100.50',
        pollMs: 1,
        ifaceAddresses: ['198.51.100.10'],
        send: async (ip) => void sent.push(ip),
      });
      expect(sent).toEqual(['198.51.100.50']);
      expect(r).toEqual({ macs: ['02:00:5e:00:53:01'] });
      expect(c.reads()).toBe(3);
      expect(c.argvs[0]).toEqual(platform === 'win32' ? ['arp', '-a'] : ['arp', '-an']);
    },
  );

  it('nobody answers: no MAC once the wait is over (DAD then says free)', async () => {
    const c = cache('darwin', '198.51.100.60', null, 0);
    const r = await probeByArpCache({
      run: c.run,
      platform: 'darwin',
      iface: 'en0',
      ip: '198.51.100.60',
      waitMs: 5,
      pollMs: 1,
      send: async () => undefined,
    });
    expect(r).toEqual({ macs: [] });
    expect(c.reads()).toBeGreaterThan(1);
  });

  it('refuses a bad address before sending anything, and reports a failing arp', async () => {
    const sent: string[] = [];
    const send = async (ip: string) => void sent.push(ip);
    const ok: RunCommand = async () => ({ code: 0, stdout: '', stderr: '' });
    await expect(
      probeByArpCache({ run: ok, platform: 'win32', iface: 'Ethernet 2', ip: '198.51.100.300', send }),
    ).rejects.toThrow(/invalid IPv4 address "198.51.100.300"/);
    expect(sent).toEqual([]);
    const broken: RunCommand = async () => ({ code: 1, stdout: '', stderr: 'The ARP entry addition failed' });
    await expect(
      probeByArpCache({
        run: broken,
        platform: 'win32',
        iface: 'Ethernet 2',
        ip: '198.51.100.5',
        send,
        ifaceAddresses: ['198.51.100.10'],
      }),
    ).rejects.toThrow(/arp -a failed: The ARP entry addition failed/);
  });
});

describe('ping per platform', () => {
  it('builds each platform’s argv', () => {
    expect(pingArgv('linux', 'eth0', '203.0.113.68')).toEqual([
      'ping',
      '-c',
      '1',
      '-W',
      '1',
      '-I',
      'eth0',
      '203.0.113.68',
    ]);
    expect(pingArgv('win32', 'Ethernet 2', '203.0.113.68')).toEqual(['ping', '-n', '1', '-w', '1000', '203.0.113.68']);
    expect(pingArgv('darwin', 'en0', '203.0.113.68')).toEqual(['ping', '-c', '1', '-t', '1', '203.0.113.68']);
  });

  it('Windows: exit 0 with "Destination host unreachable" is not an answer; a reply with TTL is', () => {
    const unreachable = 'Reply from 198.51.100.10: Destination host unreachable.\r\n';
    expect(pingAnswered('win32', { code: 0, stdout: unreachable })).toBe(false);
    expect(pingAnswered('win32', { code: 0, stdout: 'Reply from 203.0.113.68: bytes=32 time<1ms TTL=64\r\n' })).toBe(
      true,
    );
    expect(pingAnswered('linux', { code: 0, stdout: '' })).toBe(true);
    expect(pingAnswered('darwin', { code: 2, stdout: '' })).toBe(false);
  });

  it('a NetworkOs for Windows pings with its argv and answers DAD from the cache', async () => {
    const argvs: string[][] = [];
    const run: RunCommand = async (argv) => {
      argvs.push([...argv]);
      return argv[0] === 'ping'
        ? { code: 0, stdout: 'Reply from 198.51.100.10: Destination host unreachable.', stderr: '' }
        : { code: 0, stdout: 'No ARP Entries Found.', stderr: '' };
    };
    const os = createNetworkOs(run, 'win32');
    expect(await os.ping('Ethernet 2', '203.0.113.68', 2)).toBe(false);
    expect(argvs.filter((a) => a[0] === 'ping')).toHaveLength(2);
    expect(argvs.some((a) => a[0] === 'arping')).toBe(false);
  });
});

describe('default gateway on Windows and macOS', () => {
  const ROUTE_PRINT = [
    '===========================================================================',
    'Interface List',
    '  7...00 1a 2b 3c 4d 5e ......Intel(R) Ethernet Connection',
    '===========================================================================',
    '',
    'IPv4 Route Table',
    '===========================================================================',
    'Active Routes:',
    'Network Destination        Netmask          Gateway       Interface  Metric',
    '          0.0.0.0          0.0.0.0     198.51.100.1    198.51.100.10     25',
    '          0.0.0.0          0.0.0.0      192.0.2.254        192.0.2.7     50',
    '          0.0.0.0          0.0.0.0      192.0.2.1          192.0.2.7     35',
    '        127.0.0.0        255.0.0.0         On-link         127.0.0.1    331',
    '     198.51.100.0    255.255.255.0         On-link     198.51.100.10    281',
    '===========================================================================',
    'Persistent Routes:',
    '  Network Address          Netmask  Gateway Address  Metric',
    '          0.0.0.0          0.0.0.0      203.0.113.1  Default',
  ].join('\r\n');

  it('Windows: the lowest-metric default per interface address; persistent rows ignored', () => {
    expect(parseWindowsRoutePrint(ROUTE_PRINT)).toEqual(
      new Map([
        ['198.51.100.10', '198.51.100.1'],
        ['192.0.2.7', '192.0.2.1'],
      ]),
    );
    expect(parseWindowsRoutePrint('')).toEqual(new Map());
  });

  it('macOS: route -n get default', () => {
    const out =
      '   route to: default\ndestination: default\n       mask: default\n    gateway: 198.51.100.1\n  interface: en0\n      flags: <UP,GATEWAY,DONE,STATIC,PRCLONING>\n';
    expect(parseDarwinRouteGet(out)).toEqual({ iface: 'en0', gateway: '198.51.100.1' });
    expect(parseDarwinRouteGet('route: writing to routing socket: not in table\n')).toBeNull();
  });
});
