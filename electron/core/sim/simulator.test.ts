import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { PayloadType, encodeViscaIp } from '../devices/protocols/visca-ip';
import { encodeCommand, encodeInquiry } from '../devices/protocols/visca';
import { hexOf } from '../devices/protocols/visca/test-hex';
import { startSimulator } from './simulator';
import { UdpTestClient } from './test-udp-client';

describe('startSimulator', () => {
  it('starts N independent cameras on their own ports, sharing the injected clock', async () => {
    let t = 0;
    const sim = await startSimulator({ cameras: 3, now: () => t });
    const client = await UdpTestClient.open();
    try {
      expect(sim.cameras.map((c) => [c.index, c.name, c.host])).toEqual([
        [1, 'Sim camera 1', '127.0.0.1'],
        [2, 'Sim camera 2', '127.0.0.1'],
        [3, 'Sim camera 3', '127.0.0.1'],
      ]);
      expect(new Set(sim.cameras.map((c) => c.port)).size).toBe(3);
      const cam2 = sim.cameras[1]!;
      const payload = encodeCommand(1, {
        kind: 'pan-tilt-drive',
        pan: 'left',
        tilt: 'stop',
        panSpeed: 0x18,
        tiltSpeed: 1,
      });
      const replies = await client.exchange(
        encodeViscaIp({ type: PayloadType.command, sequence: 1, payload }),
        cam2.port,
        2,
      );
      expect(replies.map(hexOf)).toEqual(['01 11 00 03 00 00 00 01 90 41 FF', '01 11 00 03 00 00 00 01 90 51 FF']);
      t += 100;
      expect(cam2.camera.snapshot().panDeg).toBeCloseTo(-10, 6);
      expect(sim.cameras[0]!.camera.snapshot().panDeg).toBe(0);
      expect(cam2.server.received[0]).toMatchObject({ t: 0, kind: 'command', pan: 'left' });
    } finally {
      await client.close();
      await sim.close();
      await sim.close();
    }
  });

  it('uses preferred ports and falls back to an ephemeral one when a port is busy', async () => {
    const blocker = createSocket('udp4');
    await new Promise<void>((resolve) => blocker.bind(0, '127.0.0.1', () => resolve()));
    const busy = blocker.address().port;
    // A free port to ask for: bind, read, release.
    const probe = createSocket('udp4');
    await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', () => resolve()));
    const free = probe.address().port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const sim = await startSimulator({ cameras: 2, ports: [busy, free] });
    try {
      const [first, second] = sim.cameras;
      expect(first!.port).not.toBe(busy);
      expect(first!.requestedPort).toBe(busy);
      expect(second!.port).toBe(free);
      expect(second!.requestedPort).toBeUndefined();
    } finally {
      await sim.close();
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('rejects bad counts and ports up front', async () => {
    await expect(startSimulator({ cameras: 0 })).rejects.toThrow(/camera count/);
    await expect(startSimulator({ cameras: 65 })).rejects.toThrow(/camera count/);
    await expect(startSimulator({ cameras: 1, ports: [70000] })).rejects.toThrow(/port must be/);
  });

  it('closes the cameras it started when a later one fails', async () => {
    const probe = createSocket('udp4');
    await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', () => resolve()));
    const free = probe.address().port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const failing = startSimulator({
      cameras: 2,
      ports: [free],
      filterFor: (index) => {
        if (index === 2) throw new Error('camera 2 cannot start');
        return undefined;
      },
    });
    await expect(failing).rejects.toThrow('camera 2 cannot start');
    // Camera 1 had bound `free`; it must have been released.
    const again = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      again.once('error', reject);
      again.bind(free, '127.0.0.1', () => resolve());
    });
    await new Promise<void>((resolve) => again.close(() => resolve()));
  });

  it('starts raw VISCA over UDP and TCP cameras', async () => {
    const udp = await startSimulator({ cameras: 2, kind: 'visca-udp' });
    const client = await UdpTestClient.open();
    try {
      expect(udp.kind).toBe('visca-udp');
      expect(udp.cameras.map((c) => c.server.kind)).toEqual(['visca-udp', 'visca-udp']);
      const [reply] = await client.exchange(encodeInquiry(1, 'power'), udp.cameras[1]!.port);
      expect(hexOf(reply!)).toBe('90 50 02 FF');
      expect(udp.cameras[1]!.server.received[0]).toMatchObject({ kind: 'inquiry', outcome: 'answered' });
    } finally {
      await client.close();
      await udp.close();
    }
    const tcp = await startSimulator({ cameras: 1, kind: 'visca-tcp', timing: { cycleMs: 0 } });
    try {
      const got = await new Promise<string>((resolve, reject) => {
        const s = connect(tcp.cameras[0]!.port, '127.0.0.1', () => s.write(encodeInquiry(1, 'power')));
        s.on('data', (d) => {
          resolve(hexOf(new Uint8Array(d)));
          s.destroy();
        });
        s.on('error', reject);
      });
      expect(got).toBe('90 50 02 FF');
    } finally {
      await tcp.close();
    }
  });

  it('applies fault switches per camera and refuses an unknown kind', async () => {
    const sim = await startSimulator({ cameras: 2, faults: (i) => (i === 2 ? { lossIn: 1 } : undefined) });
    try {
      expect(sim.cameras[0]!.server.faults.settings.lossIn).toBe(0);
      expect(sim.cameras[1]!.server.faults.settings.lossIn).toBe(1);
    } finally {
      await sim.close();
    }
    await expect(startSimulator({ cameras: 1, kind: 'visca-serial' as 'visca-ip' })).rejects.toThrow(
      /unknown simulator kind/,
    );
  });
});
