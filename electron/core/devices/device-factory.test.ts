// The factory's drivers follow a reconfiguration: a device moved to another host/port (devices.update,
// or the IP-repair wizard after readdressing a camera) connects there, not to where it was created.
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceConfig } from '../../../shared/model/device';
import { silentLogger } from '../logger';
import { startSimulator, type Simulator } from '../sim/simulator';
import { systemClock } from './clock';
import { createDeviceFactory } from './device-factory';
import { DeviceManager } from './device-manager';
import { StreamTransportPool } from './transports/stream-transport-pool';
import { UdpTransportPool } from './transports/udp-transport';

const sims: Simulator[] = [];
let manager: DeviceManager | null = null;
let pool: UdpTransportPool;
let streams: StreamTransportPool;

afterEach(async () => {
  await manager?.shutdown();
  await pool.closeAll();
  await streams.closeAll();
  for (const s of sims.splice(0)) await s.close();
});

describe('device factory', () => {
  it.each(['visca-ip', 'visca-tcp'] as const)('a reconfigured %s device connects to its new address', async (kind) => {
    const gone = await startSimulator({ cameras: 1, host: '127.0.0.1', kind });
    const deadPort = gone.cameras[0]!.port;
    await gone.close();
    const sim = await startSimulator({ cameras: 1, host: '127.0.0.1', kind });
    sims.push(sim);
    pool = new UdpTransportPool(silentLogger);
    streams = new StreamTransportPool(silentLogger);
    manager = new DeviceManager(
      createDeviceFactory({ clock: systemClock, log: silentLogger, pool, streams }),
      silentLogger,
    );

    const config = {
      id: 'cam',
      name: 'Cam',
      enabled: true,
      protocol: kind,
      host: '127.0.0.1',
      port: deadPort,
    } as DeviceConfig;
    await manager.add(config);
    await expect.poll(() => manager!.get('cam').snapshot().status, { timeout: 10_000 }).toBe('offline');

    await manager.update({ ...config, port: sim.cameras[0]!.port } as DeviceConfig);
    await expect.poll(() => manager!.get('cam').snapshot().status, { timeout: 10_000 }).toBe('online');
  });
});
