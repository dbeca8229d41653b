/** What ptzctl sub-commands share: output streams, a driver environment, and clean shutdown. */
import { systemClock } from '../devices/clock';
import { createDeviceFactory } from '../devices/device-factory';
import type { PtzDevice } from '../devices/ptz-device';
import { StreamTransportPool } from '../devices/transports/stream-transport-pool';
import { UdpTransportPool } from '../devices/transports/udp-transport';
import { createConsoleLogger } from '../logger';
import type { ParsedDeviceConfig } from './device-url';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: CliIo = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
};

/** A device built from a URL with the app's own drivers, and a `close()` that stops it and frees its port. */
export async function openDevice(config: ParsedDeviceConfig): Promise<{ device: PtzDevice; close(): Promise<void> }> {
  const log = createConsoleLogger('ptzctl', (process.env.PTZ_LOG as 'debug' | undefined) ?? 'warn');
  const pool = new UdpTransportPool(log);
  const streams = new StreamTransportPool(log);
  const device = createDeviceFactory({ clock: systemClock, log, pool, streams })({ ...config, id: 'ptzctl' });
  await device.start();
  return {
    device,
    async close() {
      await device.destroy(); // stops the head first
      await streams.closeAll();
      await pool.closeAll();
    },
  };
}

/** Resolves on Ctrl+C or SIGTERM. */
export function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
