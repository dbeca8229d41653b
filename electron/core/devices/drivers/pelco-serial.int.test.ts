// Pelco-D and Pelco-P over a real socat pty pair at 2400 baud: the driver on one end, simulated
// receivers on the other.
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceConfig } from '../../../../shared/model/device';
import { silentLogger } from '../../logger';
import { createPtyPair, type PtyPair } from '../../sim/pty-pair';
import { startPelcoSerialServer } from '../../sim/pelco-serial-server';
import { systemClock } from '../clock';
import { createDeviceFactory } from '../device-factory';
import type { PtzDevice } from '../ptz-device';
import { openSerialPort } from '../transports/serial-port';
import { StreamTransportPool } from '../transports/stream-transport-pool';
import type { RawSerialPort } from '../transports/transport';
import { UdpTransportPool } from '../transports/udp-transport';

describe.each(['pelco-d', 'pelco-p'] as const)('%s over a pty at 2400 baud', (protocol) => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(addresses: number[]) {
    const pty: PtyPair = await createPtyPair();
    cleanups.push(() => pty.close());
    const line: RawSerialPort = await openSerialPort(pty.b, { baudRate: 2400 });
    cleanups.push(() => line.close());
    const server = startPelcoSerialServer(line, { variant: protocol === 'pelco-d' ? 'd' : 'p', addresses });
    cleanups.push(() => server.close());
    const streams = new StreamTransportPool(silentLogger, { serial: { presencePollMs: 100, backoffInitialMs: 50 } });
    const pool = new UdpTransportPool(silentLogger);
    cleanups.push(
      () => streams.closeAll(),
      () => pool.closeAll(),
    );
    const factory = createDeviceFactory({ clock: systemClock, log: silentLogger, pool, streams });
    const devices = addresses.map((address) => {
      const config: DeviceConfig = {
        id: `p${address}`,
        name: `Dome ${address}`,
        protocol,
        path: pty.a,
        baudRate: 2400,
        address,
        enabled: true,
      };
      const d: PtzDevice = factory(config);
      cleanups.push(() => d.destroy());
      return d;
    });
    for (const d of devices) await d.start();
    for (const d of devices) await expect.poll(() => d.status).toBe('online');
    return { pty, server, devices };
  }

  it('drives, stops and reads the position back', async () => {
    const { server, devices } = await setup([5]);
    const [dome] = devices as [PtzDevice];
    const head = server.responder.camera(5);
    dome.setVelocity({ pan: 1 });
    await expect.poll(() => head.snapshot().panVelocityDegS).toBeGreaterThan(0);
    await dome.stop('operator');
    await expect.poll(() => head.snapshot().moving).toBe(false);
    const stoppedAt = head.snapshot().panDeg;
    // Idle polling asks one axis a second (pan, tilt, zoom in turn), so allow a few rounds.
    await expect.poll(() => dome.snapshot().position?.panDeg, { timeout: 10_000 }).toBeCloseTo(stoppedAt, 0);
    // The stop is repeated (Pelco has no acknowledgement).
    const stops = server.responder.received.filter(
      (r) => r.command.kind === 'motion' && r.command.motion.pan === 'stop',
    );
    expect(stops.length).toBeGreaterThanOrEqual(3);
  });

  it('drives two receivers on one bus independently', async () => {
    const { server, devices } = await setup([1, 2]);
    const [a, b] = devices as [PtzDevice, PtzDevice];
    a.setVelocity({ tilt: 1 });
    b.setVelocity({ pan: -1 });
    await expect.poll(() => server.responder.camera(1).snapshot().tiltVelocityDegS).toBeGreaterThan(0);
    await expect.poll(() => server.responder.camera(2).snapshot().panVelocityDegS).toBeLessThan(0);
    expect(server.responder.camera(1).snapshot().panVelocityDegS).toBe(0);
    await Promise.all([a.stop('operator'), b.stop('operator')]);
    await expect.poll(() => [1, 2].map((n) => server.responder.camera(n).snapshot().moving)).toEqual([false, false]);
  });
});
