/**
 * A real serial line for the bench: a socat pty pair, the simulated VISCA camera on end B (opened with
 * the app's own serial-port layer, so it reads at wire speed and pauses like a UART), and whatever sender
 * the bench puts on end A — the app's real driver (`openRealDevice`) or a raw port.
 */
import type { DeviceConfig } from '../shared/model/device';
import { systemClock } from '../electron/core/devices/clock';
import { createDeviceFactory } from '../electron/core/devices/device-factory';
import type { PtzDevice } from '../electron/core/devices/ptz-device';
import { openSerialPort } from '../electron/core/devices/transports/serial-port';
import { StreamTransportPool } from '../electron/core/devices/transports/stream-transport-pool';
import type { RawSerialPort } from '../electron/core/devices/transports/transport';
import { UdpTransportPool } from '../electron/core/devices/transports/udp-transport';
import type { Logger } from '../electron/core/logger';
import type { SimCamera } from '../electron/core/sim/camera-model';
import { createPtyPair, type PtyPair } from '../electron/core/sim/pty-pair';
import type { ViscaEngine } from '../electron/core/sim/visca-engine';
import {
  startViscaSerialServer,
  type SerialFrameRecord,
  type ViscaSerialServer,
} from '../electron/core/sim/visca-serial-server';
import { now, poll, sleep } from './timing';

export const BAUD = 9600;
/** Wire time of one byte at 9600 8N1 (start + 8 data + stop bits), ms. */
export const BYTE_MS = (10 * 1000) / BAUD;

export interface SerialRig {
  pty: PtyPair;
  server: ViscaSerialServer;
  /** The VISCA processor of camera 1 (its counters hold the buffer-full replies sent). */
  engine: ViscaEngine;
  camera: SimCamera;
  /** Frames taken off the line, oldest first (never trimmed during a bench run). */
  readonly received: readonly SerialFrameRecord[];
  /**
   * Resolves true once nothing has moved on the line for `quietMs`: no byte in, no frame, no reply out,
   * nothing queued in or held by the camera. False after `timeoutMs`.
   */
  waitQuiet(quietMs: number, timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Starts socat and the simulated camera (address 1, 59.94 Hz cycles) on end B at 9600 baud. */
export async function openSerialRig(): Promise<SerialRig> {
  const pty = await createPtyPair();
  let line: RawSerialPort | null = null;
  try {
    line = await openSerialPort(pty.b, { baudRate: BAUD });
    const server = startViscaSerialServer({
      endpoint: line,
      addresses: 1,
      baudRate: BAUD,
      now: () => performance.now(), // the bench's clock: wireAt is comparable with its own timestamps
      maxRecords: 1_000_000, // keep every frame of the run, so indices stay valid
    });
    const unit = server.chain.units[0]!;
    const simLine = line;
    const signature = (): string => {
      const c = server.counters;
      return `${c.bytesIn}|${c.framesIn}|${c.packetsOut}|${unit.engine.queued}|${unit.engine.busySockets.length}`;
    };
    return {
      pty,
      server,
      engine: unit.engine,
      camera: unit.camera,
      received: server.received,
      async waitQuiet(quietMs, timeoutMs) {
        let last = signature();
        let since = now();
        const done = await poll(
          () => {
            const s = signature();
            if (s !== last) {
              last = s;
              since = now();
            }
            const idle = unit.engine.queued === 0 && unit.engine.busySockets.length === 0;
            return idle && now() - since >= quietMs ? true : undefined;
          },
          timeoutMs,
          2,
        );
        return done === true;
      },
      async close() {
        await server.close();
        await simLine.close();
        await pty.close();
      },
    };
  } catch (e) {
    await line?.close().catch(() => undefined);
    await pty.close();
    throw e;
  }
}

/** A logger that keeps count of warnings and errors (the driver reports problems through it). */
export interface CountingLogger extends Logger {
  readonly warnings: string[];
}

export function countingLogger(): CountingLogger {
  const warnings: string[] = [];
  const keep = (m: string) => {
    if (warnings.length < 1000) warnings.push(m);
  };
  return { warnings, debug() {}, info() {}, warn: keep, error: keep };
}

/** A device built by the app's own factory and pools, exactly as the core builds one. */
export interface BenchDevice {
  device: PtzDevice;
  log: CountingLogger;
  /** Waits until the device reports `online`; false after `timeoutMs`. */
  waitOnline(timeoutMs: number): Promise<boolean>;
  /** Destroys the device (which stops the head) and closes its transports. */
  close(): Promise<void>;
}

export async function openBenchDevice(config: DeviceConfig): Promise<BenchDevice> {
  const log = countingLogger();
  const pool = new UdpTransportPool(log);
  const streams = new StreamTransportPool(log);
  const device = createDeviceFactory({ clock: systemClock, log, pool, streams })(config);
  await device.start();
  return {
    device,
    log,
    waitOnline: async (timeoutMs) =>
      (await poll(() => (device.status === 'online' ? true : undefined), timeoutMs, 5)) === true,
    async close() {
      await device.destroy();
      await sleep(50); // let the shutdown stop reach the line before the port goes
      await streams.closeAll();
      await pool.closeAll();
    },
  };
}

/** The real VISCA serial driver on end A at 9600 baud, camera address 1. */
export function openRealSerialDevice(rig: SerialRig): Promise<BenchDevice> {
  return openBenchDevice({
    id: 'bench-serial',
    name: 'Bench VISCA serial',
    protocol: 'visca-serial',
    path: rig.pty.a,
    baudRate: BAUD,
    address: 1,
    enabled: true,
  });
}
