// Discovery in a network lab of namespaces: the real core runs in the PC namespace (198.51.100.10/24) and
// scans with every method; simulated cameras answer IP-setup, WS-Discovery and VISCA over IP. Needs root
// and a built out/node (npm run build).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveryState } from '../../../../shared/model/network';
import { startCoreProcess, type CoreProcess } from '../../../test-support/core-process';
import { createLab, type Lab } from '../../../test-support/netns-lab';

const PREFIX = 'dsc'; // this file's namespace prefix
const mac = (n: number) => `02:00:5e:10:00:${n.toString(16).padStart(2, '0')}`;

/** Every simulated camera: [ip, mac]. Two share .50; one lives in another subnet. */
const CAMERAS = {
  far: { ip: '203.0.113.68', prefix: 24, gateway: '203.0.113.1', mac: mac(0x68) },
  dupA: { ip: '198.51.100.50', prefix: 24, gateway: null, mac: mac(0x0a) },
  dupB: { ip: '198.51.100.50', prefix: 24, gateway: null, mac: mac(0x0b) },
  c51: { ip: '198.51.100.51', prefix: 24, gateway: null, mac: mac(0x51) },
  c52: { ip: '198.51.100.52', prefix: 24, gateway: null, mac: mac(0x52) },
  c120: { ip: '198.51.100.120', prefix: 24, gateway: null, mac: mac(0x78) },
};

describe('discovery in the lab (root)', () => {
  let lab: Lab;
  let core: CoreProcess;
  let dataDir: string;

  beforeAll(async () => {
    if (process.getuid?.() !== 0) throw new Error('discovery.int.test needs root (network namespaces): run as root');
    dataDir = await mkdtemp(join(tmpdir(), 'ptz-dsc-'));
    lab = await createLab({
      prefix: PREFIX,
      pc: { addresses: [{ address: '198.51.100.10', prefix: 24 }] },
      cameraHosts: [
        { cameras: [CAMERAS.far] },
        { cameras: [CAMERAS.dupA] },
        { cameras: [CAMERAS.dupB] },
        // Several cameras in one namespace, each with its own MAC.
        { cameras: [CAMERAS.c51, CAMERAS.c52, CAMERAS.c120] },
      ],
    });
    core = await startCoreProcess({ lab, dataDir });
  }, 120_000);

  afterAll(async () => {
    await core?.close();
    await lab?.destroy();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('finds every simulated camera with its MAC, flags the far one and the duplicate pair, invents none', async () => {
    const { scanId } = await core.call<{ scanId: string }>('discovery', 'start', {});
    const final = await core.waitForEvent<DiscoveryState>(
      'discoveryChanged',
      (s) => s.scanId === scanId && s.state !== 'running',
      60_000,
    );
    expect(final.state, JSON.stringify(final.methods)).toBe('done');
    for (const m of final.methods.filter((x) => x.method !== 'serial')) {
      expect(m.state, `${m.method}: ${m.detail}`).toBe('done');
      expect(m.done).toBe(m.total);
    }

    const byMac = new Map(final.cameras.map((c) => [c.mac, c]));
    // Exactly the simulated cameras (a serial port on the test machine could add serial entries: none here).
    expect([...byMac.keys()].sort()).toEqual(
      Object.values(CAMERAS)
        .map((c) => c.mac)
        .sort(),
    );
    expect(final.cameras.filter((c) => c.mac === null)).toEqual([]);

    for (const spec of Object.values(CAMERAS)) {
      const cam = byMac.get(spec.mac)!;
      expect(cam.ip, spec.mac).toBe(spec.ip);
      expect(cam.prefix).toBe(spec.prefix);
      expect(cam.foundBy).toContain('ip-setup');
    }

    const far = byMac.get(CAMERAS.far.mac)!;
    expect(far.reachable).toBe(false);
    expect(far.conflicts).toContainEqual({
      kind: 'outside-subnet',
      ip: '203.0.113.68',
      pcSubnets: ['198.51.100.0/24'],
    });

    for (const m of [CAMERAS.dupA.mac, CAMERAS.dupB.mac]) {
      const cam = byMac.get(m)!;
      expect(cam.reachable).toBe(true);
      expect(cam.conflicts).toContainEqual({
        kind: 'duplicate-ip',
        ip: '198.51.100.50',
        macs: [CAMERAS.dupA.mac, CAMERAS.dupB.mac].sort(),
      });
    }

    // The reachable single cameras were also found by the sweep (VISCA over IP answered) and WS-Discovery.
    for (const spec of [CAMERAS.c51, CAMERAS.c52, CAMERAS.c120]) {
      const cam = byMac.get(spec.mac)!;
      expect(cam.reachable).toBe(true);
      expect(cam.conflicts).toEqual([]);
      expect(cam.foundBy).toEqual(expect.arrayContaining(['ip-setup', 'sweep', 'ws-discovery']));
      expect(cam.openPorts).toContain(52381);
      expect(cam.endpoints[0]).toEqual({ protocol: 'visca-ip', host: spec.ip, port: 52381 });
      expect(cam.interface).toBe('eth0');
    }
  }, 90_000);

  it('cancel mid-scan stops it with state cancelled', async () => {
    const { scanId } = await core.call<{ scanId: string }>('discovery', 'start', {
      methods: ['sweep', 'ws-discovery'],
    });
    await core.waitForEvent<DiscoveryState>('discoveryChanged', (s) => s.scanId === scanId && s.state === 'running');
    await core.call('discovery', 'cancel');
    const final = await core.waitForEvent<DiscoveryState>(
      'discoveryChanged',
      (s) => s.scanId === scanId && s.state !== 'running',
      30_000,
    );
    expect(final.state).toBe('cancelled');
    expect(final.finishedAt).not.toBeNull();
    for (const m of final.methods) expect(['cancelled', 'done']).toContain(m.state);
    expect(final.methods.some((m) => m.state === 'cancelled')).toBe(true);
  }, 60_000);
});
