// The factory's drivers follow a reconfiguration: a device moved to another host/port (devices.update,
// or the IP-repair wizard after readdressing a camera) connects there, not to where it was created.
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceConfig } from '../../../shared/model/device';
import { silentLogger } from '../logger';
import { startPelcoSerialServer } from '../sim/pelco-serial-server';
import { createPtyPair, type PtyPair } from '../sim/pty-pair';
import { openSerialPort } from './transports/serial-port';
import { startSimulator, type Simulator } from '../sim/simulator';
import { systemClock } from './clock';
import { createDeviceFactory } from './device-factory';
import { DeviceManager } from './device-manager';
import { StreamTransportPool } from './transports/stream-transport-pool';
import { UdpTransportPool } from './transports/udp-transport';

const sims: Simulator[] = [];
const cleanups: (() => Promise<unknown> | unknown)[] = [];
let manager: DeviceManager | null = null;
let pool: UdpTransportPool;
let streams: StreamTransportPool;

afterEach(async () => {
  await manager?.shutdown();
  await pool.closeAll();
  await streams.closeAll();
  for (const s of sims.splice(0)) await s.close();
  for (const c of cleanups.splice(0).reverse()) await c();
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

  it('a reconfigured Pelco-D device opens its new serial port', async () => {
    const pty: PtyPair = await createPtyPair();
    cleanups.push(() => pty.close());
    const line = await openSerialPort(pty.b, { baudRate: 9600 });
    cleanups.push(() => line.close());
    const receiver = startPelcoSerialServer(line, { variant: 'd', addresses: [3] });
    cleanups.push(() => receiver.close());
    pool = new UdpTransportPool(silentLogger);
    streams = new StreamTransportPool(silentLogger);
    manager = new DeviceManager(
      createDeviceFactory({ clock: systemClock, log: silentLogger, pool, streams }),
      silentLogger,
    );
    const config: DeviceConfig = {
      id: 'dome',
      name: 'Dome',
      enabled: true,
      protocol: 'pelco-d',
      path: '/dev/ptz-console-test-no-such-port',
      baudRate: 9600,
      address: 3,
    };
    await manager.add(config);
    await expect.poll(() => manager!.get('dome').snapshot().status, { timeout: 10_000 }).not.toBe('online');

    await manager.update({ ...config, path: pty.a });
    await expect.poll(() => manager!.get('dome').snapshot().status, { timeout: 10_000 }).toBe('online');
  });
});
