// presets.reteach over real loopback sockets: presets saved on one simulated camera are taught to its
// replacement (a new simulator, empty memories) from the names and positions kept on the PC.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallerContext } from '../../../shared/ipc/contract-types';
import type { DeviceConfig } from '../../../shared/model/device';
import type { DeviceState } from '../../../shared/model/device-status';
import { systemClock } from '../devices/clock';
import { createDeviceFactory } from '../devices/device-factory';
import { DeviceManager } from '../devices/device-manager';
import { StreamTransportPool } from '../devices/transports/stream-transport-pool';
import { UdpTransportPool } from '../devices/transports/udp-transport';
import { silentLogger } from '../logger';
import { startSimulator, type Simulator } from '../sim/simulator';
import { createPresetsService } from './presets-service';

const ctx: CallerContext = { clientId: 'test-client', bridge: 'web' };

async function until<T>(read: () => T | undefined | null | false): Promise<T> {
  for (;;) {
    const v = read();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('presets.reteach', () => {
  let sims: Simulator[];
  let pool: UdpTransportPool;
  let streams: StreamTransportPool;
  let manager: DeviceManager;
  let presets: ReturnType<typeof createPresetsService>;

  const config = (sim: Simulator): DeviceConfig => ({
    id: 'cam-1',
    name: 'Stage left',
    protocol: 'visca-ip',
    host: '127.0.0.1',
    port: sim.cameras[0]!.port,
    enabled: true,
  });
  const state = (): DeviceState => manager.get('cam-1').snapshot();
  const online = () => until(() => state().status === 'online' && state().position !== null);
  const arrive = (p: { pan: number; tilt: number; zoom: number }) =>
    until(() => {
      const at = state().position;
      return at && Math.abs(at.pan - p.pan) < 0.003 && Math.abs(at.tilt - p.tilt) < 0.003 && at.zoom === p.zoom;
    });

  beforeEach(async () => {
    sims = [await startSimulator({ cameras: 1, host: '127.0.0.1' })];
    pool = new UdpTransportPool(silentLogger);
    streams = new StreamTransportPool(silentLogger);
    manager = new DeviceManager(
      createDeviceFactory({ clock: systemClock, log: silentLogger, pool, streams }),
      silentLogger,
    );
    presets = createPresetsService({ manager, persist: async () => undefined });
    await manager.add(config(sims[0]!));
    await online();
  });
  afterEach(async () => {
    await manager.shutdown();
    await pool.closeAll();
    await streams.closeAll();
    for (const s of sims) await s.close();
  });

  it('teaches a replacement camera the PC’s presets; recalling one there drives to the saved position', async () => {
    const device = manager.get('cam-1');
    const stage = { pan: 0.7, tilt: 0.6, zoom: 0.25 };
    await device.moveTo(stage);
    await arrive(stage);
    await presets.save(ctx, { deviceId: 'cam-1', preset: 2, name: 'Pulpit' });
    const saved = state().presets.find((p) => p.number === 2)!;
    expect(saved.position).not.toBeNull();
    // A preset saved while the camera had reported no position cannot be re-taught.
    device.setPresetRecords([...state().presets, { number: 5, name: 'Blind', savedAt: 1, position: null }]);

    // The camera is swapped: a new head with empty memories, at its factory position.
    const replacement = await startSimulator({ cameras: 1, host: '127.0.0.1' });
    sims.push(replacement);
    await manager.update(config(replacement));
    await online();
    const head = replacement.cameras[0]!.camera;
    expect(Math.abs(head.snapshot().panDeg - saved.position!.panDeg!)).toBeGreaterThan(10);

    const result = await presets.reteach(ctx, { deviceId: 'cam-1' });
    expect(result).toEqual({ taught: [2], skipped: [5] });
    expect(state().presets.find((p) => p.number === 2)?.name).toBe('Pulpit');

    // Elsewhere, then recall from the new camera's own memory.
    const home = { pan: 0.2, tilt: 0.3, zoom: 0 };
    await device.moveTo(home);
    await arrive(home);
    await presets.recall(ctx, { deviceId: 'cam-1', preset: 2 });
    await until(() => Math.abs(head.snapshot().panDeg - saved.position!.panDeg!) < 0.5 && !head.snapshot().moving);
    expect(head.snapshot().tiltDeg).toBeCloseTo(saved.position!.tiltDeg!, 0);
  }, 60_000);

  it('ends when the camera is stopped meanwhile, without saving a half-way point', async () => {
    const device = manager.get('cam-1');
    device.setPresetRecords([
      {
        number: 1,
        name: 'Far left',
        savedAt: 1,
        position: { pan: 0.02, tilt: 0.5, zoom: 0, panDeg: null, tiltDeg: null, zoomRatio: null },
      },
    ]);
    const before = state().presets[0]!;
    const startPan = state().position!.pan;
    const run = Promise.resolve(presets.reteach(ctx, { deviceId: 'cam-1' }));
    run.catch(() => undefined); // asserted below
    // On its way: the reported pan has left the start but is far from the target.
    await until(() => Math.abs(state().position!.pan - startPan) > 0.01);
    await device.stop('operator');
    await expect(run).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/was stopped/) });
    // The record is as it was (no save at the point where the head stopped).
    expect(state().presets[0]).toEqual(before);
  }, 60_000);
});
