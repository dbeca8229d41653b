import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arpDad, arpProbe, parseArpingReplies } from './arp';
import { listInterfaces, parseIpAddrJson, parseIpRouteJson, parseNmcliDevices } from './interfaces';
import { createNetworkOs } from './network-os';
import { MissingCommandError, runCommand, type RunCommand, type RunResult } from './run-command';

const fixture = (name: string): string => readFileSync(new URL(`./test/${name}`, import.meta.url), 'utf8');
const ADDR = fixture('ip-addr.json');
const ROUTE = fixture('ip-route.json');

/** A fake runner answering by argv[0] (and recording every argv). */
function fakeRun(answers: Record<string, RunResult | Error>): RunCommand & { calls: string[][] } {
  const calls: string[][] = [];
  const run = (async (argv: readonly string[]) => {
    calls.push([...argv]);
    const key = argv[0] === 'ip' ? `ip ${argv.includes('route') ? 'route' : 'addr'}` : argv[0]!;
    const a = answers[key];
    if (!a) throw new MissingCommandError(argv[0]!);
    if (a instanceof Error) throw a;
    return a;
  }) as RunCommand & { calls: string[][] };
  run.calls = calls;
  return run;
}
const ok = (stdout: string, code: number | null = 0, stderr = ''): RunResult => ({ code, stdout, stderr });

const ARPING_DUP = `ARPING 198.51.100.50 from 198.51.100.10 eth0
Unicast reply from 198.51.100.50 [02:00:5E:00:53:01]  0.612ms
Unicast reply from 198.51.100.50 [02:00:5E:00:53:02]  0.790ms
Unicast reply from 198.51.100.50 [02:00:5E:00:53:01]  0.401ms
Sent 2 probes (1 broadcast(s))
Received 3 response(s)
`;

describe('ip -j parsers (fixtures from a real iproute2)', () => {
  it('reads interfaces without loopback, IPv4 only, with MAC and state', () => {
    const ifs = parseIpAddrJson(ADDR);
    expect(ifs.map((i) => i.name)).toEqual(['eth1', 'eth0']);
    const eth0 = ifs.find((i) => i.name === 'eth0')!;
    expect(eth0.addresses).toEqual([
      { address: '198.51.100.10', prefix: 24 },
      { address: '203.0.113.200', prefix: 24 },
    ]);
    expect(eth0.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(eth0.up).toBe(true);
    expect(ifs.find((i) => i.name === 'eth1')!.addresses).toEqual([]);
  });

  it('reads the default gateway per device', () => {
    expect([...parseIpRouteJson(ROUTE)]).toEqual([['eth0', '198.51.100.1']]);
  });

  it('refuses output that is not ip JSON', () => {
    expect(() => parseIpAddrJson('Device "x" does not exist.')).toThrow(/ip -j addr: output is not JSON/);
    expect(() => parseIpRouteJson('{}')).toThrow(/expected a JSON array/);
  });

  it('reads nmcli terse output: managed unless unmanaged/unavailable', () => {
    const m = parseNmcliDevices(
      'eth0:connected\neth1:unmanaged\nwlan0:disconnected\nlo:unmanaged\nbr\\:x:connecting (getting IP configuration)\n',
    );
    expect([...m].sort()).toEqual(['br:x', 'eth0', 'wlan0']);
  });
});

describe('listInterfaces', () => {
  it('merges addresses, gateways and the NetworkManager state', async () => {
    const run = fakeRun({ 'ip addr': ok(ADDR), 'ip route': ok(ROUTE), nmcli: ok('eth0:connected\neth1:unmanaged\n') });
    const ifs = await listInterfaces(run, 'linux');
    expect(ifs.find((i) => i.name === 'eth0')).toMatchObject({ gateway: '198.51.100.1', managedBy: 'networkmanager' });
    expect(ifs.find((i) => i.name === 'eth1')).toMatchObject({ gateway: null, managedBy: 'none' });
    expect(run.calls[0]).toEqual(['ip', '-j', 'addr', 'show']);
  });

  it("says 'none' everywhere when nmcli is not installed", async () => {
    const ifs = await listInterfaces(fakeRun({ 'ip addr': ok(ADDR), 'ip route': ok(ROUTE) }), 'linux');
    expect(ifs.every((i) => i.managedBy === 'none')).toBe(true);
  });

  it('fails clearly when ip itself is missing or fails', async () => {
    await expect(listInterfaces(fakeRun({}), 'linux')).rejects.toThrow(/apt-get install iproute2/);
    await expect(listInterfaces(fakeRun({ 'ip addr': ok('', 1, 'boom') }), 'linux')).rejects.toThrow(
      /ip -j addr show failed: boom/,
    );
  });
});

describe('arping', () => {
  it('parses every unicast reply into distinct lower-case MACs', () => {
    expect(parseArpingReplies(ARPING_DUP)).toEqual(['02:00:5e:00:53:01', '02:00:5e:00:53:02']);
    expect(parseArpingReplies('Sent 2 probes\nReceived 0 response(s)\n')).toEqual([]);
  });

  it('arpProbe builds the argv and treats exit 1 without error as "nobody answered"', async () => {
    const run = fakeRun({ arping: ok(ARPING_DUP) });
    expect(await arpProbe({ iface: 'eth0', ip: '198.51.100.50', run })).toEqual({
      macs: ['02:00:5e:00:53:01', '02:00:5e:00:53:02'],
    });
    expect(run.calls[0]).toEqual(['arping', '-I', 'eth0', '-c', '2', '-w', '3', '198.51.100.50']);
    expect(
      await arpProbe({
        iface: 'eth0',
        ip: '198.51.100.51',
        run: fakeRun({ arping: ok('Received 0 response(s)\n', 1) }),
      }),
    ).toEqual({
      macs: [],
    });
  });

  it('arpDad says free only when nobody answered, with -D', async () => {
    const run = fakeRun({ arping: ok('Received 0 response(s)\n', 0) });
    expect(await arpDad({ iface: 'eth0', ip: '198.51.100.60', run })).toEqual({ free: true, macs: [] });
    expect(run.calls[0]).toEqual(['arping', '-D', '-I', 'eth0', '-c', '2', '-w', '3', '198.51.100.60']);
    expect(await arpDad({ iface: 'eth0', ip: '198.51.100.50', run: fakeRun({ arping: ok(ARPING_DUP, 1) }) })).toEqual({
      free: false,
      macs: ['02:00:5e:00:53:01', '02:00:5e:00:53:02'],
    });
  });

  it('refuses unvalidated values before running anything, and names missing arping and EPERM fixes', async () => {
    const run = fakeRun({ arping: ok('') });
    await expect(arpProbe({ iface: 'eth0; rm -rf /', ip: '198.51.100.50', run })).rejects.toThrow(
      /invalid interface name "eth0; rm -rf \/"/,
    );
    await expect(arpProbe({ iface: 'eth0', ip: '198.51.100.500', run })).rejects.toThrow(
      /invalid IPv4 address "198.51.100.500"/,
    );
    expect(run.calls).toEqual([]);
    await expect(arpProbe({ iface: 'eth0', ip: '198.51.100.50', run: fakeRun({}) })).rejects.toThrow(
      /apt-get install iputils-arping/,
    );
    await expect(
      arpProbe({
        iface: 'eth0',
        ip: '198.51.100.50',
        run: fakeRun({ arping: ok('', 2, 'arping: socket: Operation not permitted') }),
      }),
    ).rejects.toThrow(/CAP_NET_RAW/);
  });

  it('ping builds ping -c 1 -W 1 -I <if> <ip> and reports the answer', async () => {
    const run = fakeRun({ ping: ok('', 0) });
    expect(await createNetworkOs(run).ping('eth0', '198.51.100.50')).toBe(true);
    expect(run.calls[0]).toEqual(['ping', '-c', '1', '-W', '1', '-I', 'eth0', '198.51.100.50']);
    expect(await createNetworkOs(fakeRun({ ping: ok('', 1) })).ping('eth0', '198.51.100.50', 2)).toBe(false);
  });
});

describe('runCommand (real processes, no shell)', () => {
  it('returns code and output, passes arguments literally', async () => {
    const r = await runCommand([
      process.execPath,
      '-e',
      'process.stdout.write(process.argv[1]); process.exit(3)',
      '$(echo hi); *',
    ]);
    expect(r).toEqual({ code: 3, stdout: '$(echo hi); *', stderr: '' });
  });

  it('names the Debian package of a missing command', async () => {
    await expect(runCommand(['arping-not-installed-here'])).rejects.toThrow(/not installed/);
    expect(new MissingCommandError('arping').message).toMatch(/apt-get install iputils-arping/);
  });

  it('gives code null when the timeout kills the command', async () => {
    const r = await runCommand([process.execPath, '-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 200 });
    expect(r.code).toBeNull();
  });
});
