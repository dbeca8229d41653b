// devices.test over real loopback sockets: a simulated camera answers, a dead port does not, and an
// endpoint another configured device owns is refused rather than fought over.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallerContext } from '../../../shared/ipc/contract-types';
import { isIpcError } from '../../../shared/ipc/ipc-error';
import type { DeviceConfig } from '../../../shared/model/device';
import { systemClock } from '../devices/clock';
import { createDeviceFactory } from '../devices/device-factory';
import { DeviceManager } from '../devices/device-manager';
import type { PtzDevice } from '../devices/ptz-device';
import { StreamTransportPool } from '../devices/transports/stream-transport-pool';
import { UdpTransportPool } from '../devices/transports/udp-transport';
import { silentLogger } from '../logger';
import { startSimulator, type Simulator } from '../sim/simulator';
import { createDevicesService } from './devices-service';

const ctx: CallerContext = { clientId: 'test-client', bridge: 'web' };

describe('devices.test', () => {
  let sim: Simulator;
  let pool: UdpTransportPool;
  let streams: StreamTransportPool;
  let manager: DeviceManager;
  let built: PtzDevice[];
  let service: ReturnType<typeof createDevicesService>;

  const make = (testDeadlineMs?: number) => {
    const factory = createDeviceFactory({ clock: systemClock, log: silentLogger, pool, streams });
    const createDevice = (config: DeviceConfig) => {
      const device = factory(config);
      vi.spyOn(device, 'destroy');
      built.push(device);
      return device;
    };
    manager = new DeviceManager(factory, silentLogger);
    service = createDevicesService({
      manager,
      persist: async () => undefined,
      createDevice,
      testDeadlineMs,
    });
  };

  /** A loopback port nothing listens on: a simulator's, after it closed. */
  const deadPort = async (kind: 'visca-ip' | 'visca-tcp') => {
    const gone = await startSimulator({ cameras: 1, host: '127.0.0.1', kind });
    const port = gone.cameras[0]!.port;
    await gone.close();
    return port;
  };

  beforeEach(async () => {
    sim = await startSimulator({ cameras: 1, host: '127.0.0.1' });
    pool = new UdpTransportPool(silentLogger);
    streams = new StreamTransportPool(silentLogger);
    built = [];
    make();
  });
  afterEach(async () => {
    await manager.shutdown();
    await pool.closeAll();
    await streams.closeAll();
    await sim.close();
  });

  const simConfig = () =>
    ({
      name: 'Probe',
      protocol: 'visca-ip',
      host: '127.0.0.1',
      port: sim.cameras[0]!.port,
      enabled: true,
    }) as const;

  it('answers ok with the round trip from a simulated camera, then destroys its temporary device', async () => {
    const result = await service.test(ctx, { config: simConfig() });
    expect(result.ok).toBe(true);
    expect(result.latencyMs).toEqual(expect.any(Number));
    expect(result.detail).toMatch(/^answered in \d+ ms$/);
    expect(built).toHaveLength(1);
    expect(built[0]!.destroy).toHaveBeenCalledTimes(1);
    // Nothing was configured by testing.
    expect(manager.list()).toEqual([]);
  });

  it('only looks: a camera another controller is driving keeps moving through a test', async () => {
    const head = sim.cameras[0]!.camera;
    head.apply({ kind: 'pan-tilt-drive', pan: 'right', tilt: 'stop', panSpeed: 1, tiltSpeed: 1 });
    expect(head.snapshot().moving).toBe(true);
    const result = await service.test(ctx, { config: simConfig() });
    expect(result.ok).toBe(true);
    expect(built[0]!.destroy).toHaveBeenCalledTimes(1);
    // Neither the connect-time stop nor the stop before closing went out.
    expect(head.snapshot().moving).toBe(true);
  });

  it('tests a disabled configuration too (the test itself connects)', async () => {
    const result = await service.test(ctx, { config: { ...simConfig(), enabled: false } });
    expect(result.ok).toBe(true);
  });

  it('fails with the device’s own detail on a dead TCP port, and still destroys the device', async () => {
    const port = await deadPort('visca-tcp');
    const result = await service.test(ctx, {
      config: { name: 'Nobody', protocol: 'visca-tcp', host: '127.0.0.1', port, enabled: true },
    });
    expect(result.ok).toBe(false);
    expect(result.latencyMs).toBeNull();
    expect(result.detail).not.toBe('');
    expect(built[0]!.destroy).toHaveBeenCalledTimes(1);
  });

  it('gives up at the deadline when nothing answers on UDP', async () => {
    make(200);
    const port = await deadPort('visca-ip');
    const result = await service.test(ctx, {
      config: { name: 'Nobody', protocol: 'visca-ip', host: '127.0.0.1', port, enabled: true },
    });
    expect(result.ok).toBe(false);
    expect(result.detail).not.toBe('');
    expect(built[0]!.destroy).toHaveBeenCalledTimes(1);
  });

  it('refuses an endpoint another configured device uses, without building anything', async () => {
    const cam = await service.add(ctx, { ...simConfig(), name: 'Cam A' });
    const error = await Promise.resolve(service.test(ctx, { config: { ...simConfig(), name: 'Other' } })).catch(
      (e: unknown) => e,
    );
    expect(isIpcError(error) && error.code).toBe('conflict');
    expect(isIpcError(error) && error.message).toContain('"Cam A" already uses');
    // The same endpoint under another device being edited is still someone else's.
    const other = await Promise.resolve(service.test(ctx, { config: simConfig(), excludeId: 'cam-other' })).catch(
      (e: unknown) => e,
    );
    expect(isIpcError(other) && other.code).toBe('conflict');
    expect(built).toEqual([]);
    expect(cam.id).toBeTruthy();
  });

  it('answers for an edited device that keeps its endpoint with its own live status', async () => {
    const cam = await service.add(ctx, { ...simConfig(), name: 'Cam A' });
    await expect.poll(() => manager.get(cam.id).status).toBe('online');
    const result = await service.test(ctx, { config: { ...simConfig(), name: 'Renamed' }, excludeId: cam.id });
    expect(result.ok).toBe(true);
    expect(built).toEqual([]);
    expect(manager.get(cam.id).status).toBe('online');
  });
});
