// The network lab itself, proven with real iproute2, arping, ping and the simulated cameras: a PC in
// 198.51.100.0/24, one camera in another subnet (203.0.113.68) and two sharing 198.51.100.50 with
// different MACs. Needs root and a built out/node (npm run build).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProbe, parseProbeMatches } from '../../devices/protocols/ws-discovery';
import { createNetworkOs } from '../os/network-os';
import { startCoreProcess } from '../../../test-support/core-process';
import { createLab, type Lab } from '../../../test-support/netns-lab';
import type { IpSetupInfo } from '../discovery/ip-setup-client';

const PREFIX = 'labt';
const PTZCTL = path.resolve(import.meta.dirname, '../../../../out/node/ptzctl.mjs');
const OTHER = { mac: '02:00:5e:10:00:01', ip: '203.0.113.68' };
const DUP_A = { mac: '02:00:5e:10:00:02', ip: '198.51.100.50' };
const DUP_B = { mac: '02:00:5e:10:00:03', ip: '198.51.100.50' };

let lab: Lab;
const pcOs = () => createNetworkOs((argv) => lab.execInPc(argv));
const ptzctl = (...args: string[]) => lab.execInPc([process.execPath, PTZCTL, ...args]);

beforeAll(async () => {
  lab = await createLab({
    prefix: PREFIX,
    pc: { addresses: [{ address: '198.51.100.10', prefix: 24 }] },
    cameraHosts: [
      {
        cameras: [
          { ...OTHER, prefix: 24, gateway: '203.0.113.1', name: 'OTHER', model: 'SRG-X400', applyDelayMs: 200 },
        ],
      },
      { cameras: [{ ...DUP_A, prefix: 24, gateway: null, name: 'DUPA', model: 'SRG-300H', applyDelayMs: 200 }] },
      { cameras: [{ ...DUP_B, prefix: 24, gateway: null, name: 'DUPB', model: 'SRG-300H', applyDelayMs: 200 }] },
    ],
  });
}, 60_000);

afterAll(async () => {
  await lab?.destroy();
});

describe('network lab (namespaces, real ip/arping/ping)', () => {
  it('gives the PC its address and lists it through listInterfaces', async () => {
    const ifs = await pcOs().listInterfaces();
    expect(ifs).toEqual([
      {
        name: 'eth0',
        mac: lab.pcMac,
        up: true,
        addresses: [{ address: '198.51.100.10', prefix: 24 }],
        gateway: null,
        managedBy: 'none',
      },
    ]);
  });

  it('lets the PC ping a camera on its subnet; the one outside it has no route from the PC', async () => {
    expect(await pcOs().ping('eth0', '198.51.100.50', 3)).toBe(true);
    const routed = await lab.execInPc(['ping', '-c', '1', '-W', '1', '203.0.113.68']);
    expect(routed.code).not.toBe(0);
    expect(routed.stderr).toMatch(/unreachable/i);
    // Linux treats a destination as on-link when the interface is forced (ping -I <if>): the camera is on
    // the PC's segment, so it answers although the PC has no address in its subnet.
    expect(await pcOs().ping('eth0', '203.0.113.68', 2)).toBe(true);
  });

  it('shows the duplicate address as two MACs to an ARP probe, and a free address as free', async () => {
    const { macs } = await pcOs().arpProbe('eth0', '198.51.100.50', 3);
    expect(macs.sort()).toEqual([DUP_A.mac, DUP_B.mac]);
    expect(await pcOs().arpDad('eth0', '198.51.100.77')).toEqual({ free: true, macs: [] });
  });

  it('finds all three cameras with ptzctl ip-setup scan, across subnets, and invents none', async () => {
    const r = await ptzctl('ip-setup', 'scan', '--iface', 'eth0', '--json');
    expect(r.stderr).toBe('');
    const found = JSON.parse(r.stdout) as IpSetupInfo[];
    expect(found.map((c) => [c.mac, c.ip, c.prefix, c.interface, c.writable])).toEqual([
      [OTHER.mac, OTHER.ip, 24, 'eth0', true],
      [DUP_A.mac, DUP_A.ip, 24, 'eth0', true],
      [DUP_B.mac, DUP_B.ip, 24, 'eth0', true],
    ]);
    expect(found[0]).toMatchObject({ model: 'SRG-X400', name: 'OTHER', gateway: '203.0.113.1' });
  });

  it('answers an ONVIF WS-Discovery probe from every camera by unicast', async () => {
    // A minimal multicast client run inside the PC namespace; the test builds and parses the XML.
    const script = `
      const d = require('node:dgram'); const s = d.createSocket('udp4'); const out = [];
      s.on('message', (m) => out.push(m.toString('utf8')));
      s.bind(0, '198.51.100.10', () => { s.send(Buffer.from(process.argv[1]), 3702, '239.255.255.250');
        setTimeout(() => { console.log(JSON.stringify(out)); s.close(); }, 1500); });`;
    const id = 'urn:uuid:7e57e57e-0000-4000-8000-000000000001';
    const r = await lab.execInPc([process.execPath, '-e', script, buildProbe(id)]);
    const replies = (JSON.parse(r.stdout) as string[]).map(parseProbeMatches);
    expect(replies.every((x) => x.relatesTo === id)).toBe(true);
    const xaddrs = replies.flatMap((x) => x.matches.flatMap((m) => m.xaddrs)).sort();
    expect(xaddrs).toEqual([
      'http://198.51.100.50/onvif/device_service',
      'http://198.51.100.50/onvif/device_service',
      'http://203.0.113.68/onvif/device_service',
    ]);
  });

  it('readdresses exactly the camera named by MAC, which then answers VISCA at its new address', async () => {
    const before = await lab.snapshotPc();
    const readdressed = lab.camera(DUP_B.mac).waitFor((e) => e.event === 'readdressed', 20_000, true);
    const set = await ptzctl(
      'ip-setup',
      'set',
      DUP_B.mac,
      '198.51.100.60',
      '255.255.255.0',
      '0.0.0.0',
      '--name',
      'MOVED',
    );
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(await readdressed).toMatchObject({ mac: DUP_B.mac, ip: '198.51.100.60' });
    expect(await lab.camera(DUP_B.mac).state()).toMatchObject({ ip: '198.51.100.60', prefix: 24, gateway: null });
    expect(await lab.camera(DUP_A.mac).state()).toMatchObject({ ip: '198.51.100.50' });
    expect((await pcOs().arpProbe('eth0', '198.51.100.50', 2)).macs).toEqual([DUP_A.mac]);
    expect((await pcOs().arpProbe('eth0', '198.51.100.60', 2)).macs).toEqual([DUP_B.mac]);
    const visca = await ptzctl(
      'send',
      'visca-ip://198.51.100.60',
      '{"protocol":"visca","address":1,"inquiry":"pan-tilt-position"}',
    );
    expect(visca.code).toBe(0);
    // The PC itself was not touched.
    expect(await lab.snapshotPc()).toBe(before);
  });

  it('refuses a second setting inside the apply window and any setting with WRITE:off (NAK)', async () => {
    const again = await ptzctl('ip-setup', 'set', DUP_B.mac, '198.51.100.61', '255.255.255.0', '0.0.0.0');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/NAK/);
    lab.camera(OTHER.mac).send({ cmd: 'writable', mac: OTHER.mac, on: false });
    await lab.camera(OTHER.mac).waitFor((e) => e.event === 'writable', 5000);
    const off = await ptzctl('ip-setup', 'set', OTHER.mac, '198.51.100.62', '255.255.255.0', '0.0.0.0');
    expect(off.stderr).toMatch(/NAK.*WRITE off/);
    expect(await lab.camera(OTHER.mac).state()).toMatchObject({ ip: OTHER.ip });
  });

  it('silences a camera host on command (the "camera stops answering" fault) and brings it back', async () => {
    const cam = lab.camera(DUP_A.mac);
    cam.send({ cmd: 'silence', on: true });
    await cam.waitFor((e) => e.event === 'silenced' && e.on === true, 5000, true);
    const r = await ptzctl('ip-setup', 'scan', '--json', '--timeout', '900');
    expect((JSON.parse(r.stdout) as IpSetupInfo[]).map((c) => c.mac)).not.toContain(DUP_A.mac);
    cam.send({ cmd: 'silence', on: false });
    await cam.waitFor((e) => e.event === 'silenced' && e.on === false, 5000, true);
    const back = await ptzctl('ip-setup', 'scan', '--json', '--timeout', '900');
    expect((JSON.parse(back.stdout) as IpSetupInfo[]).map((c) => c.mac)).toContain(DUP_A.mac);
  });

  it('snapshots the PC exactly: equal when unchanged, different after an alias', async () => {
    const a = await lab.snapshotPc();
    expect(await lab.snapshotPc()).toBe(a);
    await lab.execInPc(['ip', 'addr', 'add', '203.0.113.200/24', 'dev', 'eth0']);
    expect(await lab.snapshotPc()).not.toBe(a);
    await lab.execInPc(['ip', 'addr', 'del', '203.0.113.200/24', 'dev', 'eth0']);
    expect(await lab.snapshotPc()).toBe(a);
  });

  it('runs the real core inside the PC namespace over stdio', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ptz-lab-core-'));
    const core = await startCoreProcess({ lab, dataDir });
    try {
      expect(await core.call('app', 'info')).toMatchObject({ demo: false, platform: 'linux' });
      await expect(core.call('nope', 'nothing')).rejects.toThrow(/unknown-method/);
    } finally {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(await core.exited).toBe(0);
  });

  it('removes every namespace of the lab on destroy', async () => {
    await lab.destroy();
    const left = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout;
    expect(left.split('\n').filter((l) => l.startsWith(`${PREFIX}-`))).toEqual([]);
  });
});

describe('several cameras sharing one namespace (as the bench uses)', () => {
  const A = { mac: '02:00:5e:20:00:01', ip: '192.0.2.21' };
  const B = { mac: '02:00:5e:20:00:02', ip: '192.0.2.22' };
  let shared: Lab;

  beforeAll(async () => {
    shared = await createLab({
      prefix: 'labm',
      pc: { addresses: [{ address: '192.0.2.10', prefix: 24 }] },
      cameraHosts: [
        {
          cameras: [
            { ...A, prefix: 24, name: 'A', applyDelayMs: 100 },
            { ...B, prefix: 24, name: 'B', applyDelayMs: 100 },
          ],
        },
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await shared?.destroy();
  });

  it('gives each camera its own MAC on ARP, lists each once by IP-setup, and readdresses one alone', async () => {
    const os = createNetworkOs((argv) => shared.execInPc(argv));
    expect((await os.arpProbe('eth0', A.ip, 2)).macs).toEqual([A.mac]);
    expect((await os.arpProbe('eth0', B.ip, 2)).macs).toEqual([B.mac]);
    const scan = await shared.execInPc([process.execPath, PTZCTL, 'ip-setup', 'scan', '--json']);
    expect((JSON.parse(scan.stdout) as IpSetupInfo[]).map((c) => [c.mac, c.ip])).toEqual([
      [A.mac, A.ip],
      [B.mac, B.ip],
    ]);
    const moved = shared.camera(B.mac).waitFor((e) => e.event === 'readdressed' && e.mac === B.mac);
    const set = await shared.execInPc([
      process.execPath,
      PTZCTL,
      'ip-setup',
      'set',
      B.mac,
      '192.0.2.40',
      '255.255.255.0',
      '0.0.0.0',
    ]);
    expect(set.code).toBe(0);
    await moved;
    expect((await os.arpProbe('eth0', '192.0.2.40', 2)).macs).toEqual([B.mac]);
    expect(await os.ping('eth0', A.ip)).toBe(true);
    expect(await os.ping('eth0', '192.0.2.40')).toBe(true);
    const visca = await shared.execInPc([
      process.execPath,
      PTZCTL,
      'send',
      'visca-ip://192.0.2.40',
      '{"protocol":"visca","address":1,"inquiry":"pan-tilt-position"}',
    ]);
    expect(visca.code).toBe(0);
    expect(await shared.camera(A.mac).state()).toMatchObject({ ip: A.ip });
  });
});
