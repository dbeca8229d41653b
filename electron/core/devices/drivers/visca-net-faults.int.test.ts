// The app's VISCA drivers over loopback against the simulator with faults switched on: 30 % loss each
// way (every stop lands, no move replays after it), garbage between replies, a camera reboot, and the raw
// VISCA TCP/UDP carriers including a dropped TCP connection.
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceConfig } from '../../../../shared/model/device';
import { silentLogger } from '../../logger';
import { startSimulator, type Simulator } from '../../sim/simulator';
import { systemClock } from '../clock';
import { createDeviceFactory } from '../device-factory';
import type { PtzDevice } from '../ptz-device';
import { StreamTransportPool } from '../transports/stream-transport-pool';
import { UdpTransportPool } from '../transports/udp-transport';

/** A seeded PRNG, so a failing loss pattern can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('VISCA network drivers under faults', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(sim: Simulator, protocol: 'visca-ip' | 'visca-tcp' | 'visca-udp') {
    cleanups.push(() => sim.close());
    const pool = new UdpTransportPool(silentLogger);
    const streams = new StreamTransportPool(silentLogger, { tcp: { backoffInitialMs: 50, backoffMaxMs: 500 } });
    cleanups.push(
      () => streams.closeAll(),
      () => pool.closeAll(),
    );
    const cam = sim.cameras[0]!;
    const config: DeviceConfig = {
      id: 'net',
      name: 'Net camera',
      protocol,
      host: '127.0.0.1',
      port: cam.port,
      enabled: true,
    };
    const device: PtzDevice = createDeviceFactory({ clock: systemClock, log: silentLogger, pool, streams })(config);
    cleanups.push(() => device.destroy());
    await device.start();
    await expect.poll(() => device.status, { timeout: 5000 }).toBe('online');
    return { device, cam };
  }

  it(
    '30 % loss each way: every stop lands and no move replays after it (25 trials)',
    { timeout: 120_000 },
    async () => {
      const sim = await startSimulator({
        cameras: 1,
        kind: 'visca-ip',
        faults: { lossIn: 0.3, lossOut: 0.3 },
        random: mulberry32(7),
      });
      const { device, cam } = await setup(sim, 'visca-ip');
      let started = 0;
      for (let trial = 0; trial < 25; trial++) {
        try {
          if (device.status !== 'online') await expect.poll(() => device.status, { timeout: 10_000 }).toBe('online');
          try {
            device.setVelocity({ pan: trial % 2 ? 1 : -1 });
          } catch {
            continue; // went offline under loss between the check and the call; the next trial waits for it
          }
          // Hold the control (heartbeats, as the joystick does) until the head moves or the driver drops the
          // velocity because the link cycled under loss (then the trial did not start).
          await expect
            .poll(
              () => {
                if (device.moving) device.heartbeat();
                return cam.camera.snapshot().moving || !device.moving;
              },
              { timeout: 10_000 },
            )
            .toBe(true);
          if (!cam.camera.snapshot().moving) continue;
          started++;
          await device.stop('operator');
          await expect.poll(() => cam.camera.snapshot().moving, { timeout: 10_000 }).toBe(false);
          const stoppedAt = cam.camera.now();
          // Past several retransmission timeouts: nothing starts it again.
          await new Promise((r) => setTimeout(r, 300));
          const replayed = cam.server.received.filter(
            (r) =>
              r.t > stoppedAt && r.outcome === 'executed' && r.command?.kind === 'pan-tilt-drive' && r.pan !== 'stop',
          );
          expect(replayed, `trial ${trial}: a move executed after the stop`).toEqual([]);
          expect(cam.camera.snapshot().moving).toBe(false);
        } catch (e) {
          // Loss patterns depend on timing; leave enough behind to understand a failure.
          const trace = cam.server.received
            .slice(-20)
            .map(
              (r) =>
                `${r.t.toFixed(0)} seq=${r.seq} ${r.kind} ${r.outcome} ${r.command?.kind ?? r.inquiry ?? ''} ${r.pan ?? ''}`,
            )
            .join('\n');
          console.error(`trial ${trial}: device ${device.status}, moving=${device.moving}\n${trace}`);
          throw e;
        }
      }
      expect(started).toBeGreaterThanOrEqual(15);
    },
  );

  it('survives garbage between replies and a camera reboot', async () => {
    const sim = await startSimulator({ cameras: 1, kind: 'visca-ip', faults: { garbage: 0.5 }, random: mulberry32(3) });
    const { device, cam } = await setup(sim, 'visca-ip');
    device.setVelocity({ tilt: 1 });
    await expect.poll(() => cam.camera.snapshot().moving).toBe(true);
    await device.stop('operator');
    await expect.poll(() => cam.camera.snapshot().moving).toBe(false);
    cam.server.reboot();
    device.setVelocity({ pan: 1 });
    await expect.poll(() => cam.camera.snapshot().panVelocityDegS, { timeout: 5000 }).toBeGreaterThan(0);
    await device.stop('operator');
    await expect.poll(() => cam.camera.snapshot().moving, { timeout: 5000 }).toBe(false);
    expect(device.status).toBe('online');
  });

  it('raw VISCA over TCP: drives, loses the connection (offline), reconnects and stops first', async () => {
    const sim = await startSimulator({ cameras: 1, kind: 'visca-tcp' });
    const { device, cam } = await setup(sim, 'visca-tcp');
    device.setVelocity({ pan: 1 });
    await expect.poll(() => cam.camera.snapshot().moving).toBe(true);
    cam.server.unplug();
    await expect.poll(() => device.status, { timeout: 5000 }).toBe('offline');
    cam.server.replug();
    await expect.poll(() => device.status, { timeout: 10_000 }).toBe('online');
    expect(device.snapshot().lastStop?.reason).toBe('reconnect');
    await expect.poll(() => cam.camera.snapshot().moving).toBe(false);
  });

  it('raw VISCA over UDP: drives and stops', async () => {
    const sim = await startSimulator({ cameras: 1, kind: 'visca-udp' });
    const { device, cam } = await setup(sim, 'visca-udp');
    device.setVelocity({ zoom: 1 });
    await expect.poll(() => cam.camera.snapshot().zoomVelocity).toBeGreaterThan(0);
    await device.stop('operator');
    await expect.poll(() => cam.camera.snapshot().moving).toBe(false);
  });
});
