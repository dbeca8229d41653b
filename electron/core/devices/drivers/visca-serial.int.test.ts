// The app's VISCA serial driver over a real socat pty pair at 9600 baud, three simulated cameras daisy
// chained on the far end (camera-like timing: one command per video cycle, two sockets, wire pacing).
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceConfig } from '../../../../shared/model/device';
import { silentLogger } from '../../logger';
import { createPtyPair, type PtyPair } from '../../sim/pty-pair';
import { startViscaSerialServer, type ViscaSerialServer } from '../../sim/visca-serial-server';
import { systemClock } from '../clock';
import { createDeviceFactory } from '../device-factory';
import type { PtzDevice } from '../ptz-device';
import { openSerialPort } from '../transports/serial-port';
import { StreamTransportPool } from '../transports/stream-transport-pool';
import type { RawSerialPort } from '../transports/transport';
import { UdpTransportPool } from '../transports/udp-transport';

const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('VISCA serial driver on a 3-camera daisy chain over a pty', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup() {
    const pty: PtyPair = await createPtyPair();
    cleanups.push(() => pty.close());
    let line: RawSerialPort = await openSerialPort(pty.b, { baudRate: 9600 });
    let sim: ViscaSerialServer = startViscaSerialServer({ endpoint: line, addresses: 3, baudRate: 9600 });
    cleanups.push(async () => {
      await sim.close();
      await line.close().catch(() => undefined);
    });
    const streams = new StreamTransportPool(silentLogger, {
      serial: { presencePollMs: 100, backoffInitialMs: 50, backoffMaxMs: 500 },
    });
    const pool = new UdpTransportPool(silentLogger);
    cleanups.push(
      () => streams.closeAll(),
      () => pool.closeAll(),
    );
    const factory = createDeviceFactory({ clock: systemClock, log: silentLogger, pool, streams });
    const devices = [1, 2, 3].map((address) => {
      const config: DeviceConfig = {
        id: `v${address}`,
        name: `Chain ${address}`,
        protocol: 'visca-serial',
        path: pty.a,
        baudRate: 9600,
        address,
        enabled: true,
      };
      const d: PtzDevice = factory(config);
      cleanups.push(() => d.destroy());
      return d;
    });
    for (const d of devices) await d.start();
    for (const d of devices) await expect.poll(() => d.status, { timeout: 5000 }).toBe('online');
    /** Re-opens the simulator's end after a replug (the old handle died with the pty). */
    const reattach = async () => {
      await sim.close();
      line = await openSerialPort(pty.b, { baudRate: 9600 });
      sim = startViscaSerialServer({ endpoint: line, baudRate: 9600, cameras: [...sim.cameras] });
      return sim;
    };
    return { pty, devices, sim: () => sim, reattach };
  }

  it('moves three chained cameras independently and stops each', async () => {
    const { devices, sim } = await setup();
    const [a, b, c] = devices as [PtzDevice, PtzDevice, PtzDevice];
    a.setVelocity({ pan: 1 });
    b.setVelocity({ tilt: -1 });
    c.setVelocity({ zoom: 1 });
    const heads = () => sim().cameras;
    await expect.poll(() => heads()[0]!.snapshot().panVelocityDegS).toBeGreaterThan(0);
    await expect.poll(() => heads()[1]!.snapshot().tiltVelocityDegS).toBeLessThan(0);
    await expect.poll(() => heads()[2]!.snapshot().zoomVelocity).toBeGreaterThan(0);
    expect(heads()[0]!.snapshot().tiltVelocityDegS).toBe(0);
    expect(heads()[1]!.snapshot().panVelocityDegS).toBe(0);
    await Promise.all(devices.map((d) => d.stop('operator')));
    await expect.poll(() => heads().map((h) => h.snapshot().moving)).toEqual([false, false, false]);
    expect(sim().chain.units.map((u) => u.engine.counters.bufferFull)).toEqual([0, 0, 0]);
  });

  it('runs home, presets, zoom, focus and iris through the chain and reads positions back', async () => {
    const { devices, sim } = await setup();
    const d = devices[1]!;
    const head = () => sim().cameras[1]!;
    d.setVelocity({ pan: 1, tilt: 1 });
    await expect.poll(() => head().snapshot().panDeg).toBeGreaterThan(3);
    await d.stop('operator');
    await expect.poll(() => head().snapshot().moving).toBe(false);
    await d.savePreset(2);
    await d.home();
    await expect.poll(() => [head().snapshot().panDeg, head().snapshot().tiltDeg], { timeout: 5000 }).toEqual([0, 0]);
    await d.recallPreset(2);
    await expect.poll(() => head().snapshot().panDeg, { timeout: 5000 }).toBeGreaterThan(3);
    await d.zoomTo(0.25);
    await d.setFocusMode('manual');
    await d.setIris(1);
    await expect.poll(() => head().snapshot().irisF).toBe(1.6);
    await expect.poll(() => d.snapshot().position?.irisF, { timeout: 5000 }).toBe(1.6);
    await expect.poll(() => d.snapshot().position?.panDeg, { timeout: 5000 }).toBeCloseTo(head().snapshot().panDeg, 1);
  });

  it('goes offline when the adapter is pulled mid-drive, comes back on replug with AddressSet, IF_Clear and STOP', async () => {
    const { pty, devices, sim, reattach } = await setup();
    const d = devices[0]!;
    d.setVelocity({ pan: 0.5 });
    await expect.poll(() => sim().cameras[0]!.snapshot().moving).toBe(true);
    await pty.unplug();
    await expect.poll(() => devices.map((x) => x.status), { timeout: 5000 }).toEqual(['offline', 'offline', 'offline']);
    expect(d.moving).toBe(false); // the held velocity is dropped: nothing replays on reconnect
    await pty.replug();
    const after = await reattach();
    await expect.poll(() => devices.map((x) => x.status), { timeout: 10_000 }).toEqual(['online', 'online', 'online']);
    const frames = after.received.map((r) => hexOf(r.bytes));
    expect(frames.slice(0, 2)).toEqual(['883001ff', '88010001ff']);
    await expect.poll(() => after.received.map((r) => hexOf(r.bytes))).toContain('8101060101010303ff');
    expect(d.snapshot().lastStop?.reason).toBe('reconnect');
  });
});
