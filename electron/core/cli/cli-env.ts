/** What ptzctl sub-commands share: output streams, a driver environment, and clean shutdown. */
import { systemClock } from '../devices/clock';
import { createDeviceFactory } from '../devices/device-factory';
import type { PtzDevice } from '../devices/ptz-device';
import { StreamTransportPool } from '../devices/transports/stream-transport-pool';
import { UdpTransportPool } from '../devices/transports/udp-transport';
import { createConsoleLogger } from '../logger';
import type { ParsedDeviceConfig } from './device-url';

/** How long a stop gets on an open link before `close()` tears it down, ms (a LAN round trip is ~10 ms). */
const STOP_GRACE_MS = 300;

/** Where a ptzctl command prints: `out` for results, `err` for the one-line failure. One line per call. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** stdout / stderr. */
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
      if (device.snapshot().status === 'online') {
        // destroy() queues a stop and closes the link at once, which can drop the stop still on its way
        // (seen with VISCA over IP). Stop first and keep the link open a moment: the driver repeats a stop
        // until it is acknowledged.
        await device.stop('shutdown');
        await new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS));
      }
      await device.destroy();
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
