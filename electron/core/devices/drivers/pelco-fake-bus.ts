/**
 * Test support for the Pelco driver: a StreamTransport the test drives by hand (records timed writes,
 * changes state, delivers bytes, optionally echoes like a half-duplex RS-485 adapter), and a device
 * factory wired to it.
 */
import type { DeviceConfig } from '../../../../shared/model/device';
import { silentLogger } from '../../logger';
import { systemClock } from '../clock';
import { hexBytes } from '../protocols/pelco';
import type { StreamProblem, StreamState, StreamTransport } from '../transports/transport';
import { PelcoDevice, type PelcoDeviceOptions } from './pelco-device';

export interface TimedWrite {
  /** Clock time of the write, ms. */
  t: number;
  /** `FF 01 00 00 00 00 01` */
  hex: string;
}

/** A hand-driven StreamTransport: writes are recorded with their clock time; state and data come from the test. */
export class FakePelcoBus implements StreamTransport {
  state: StreamState = 'closed';
  problem: StreamProblem | null = null;
  writes: TimedWrite[] = [];
  /** Deliver every written frame back to the readers (half-duplex adapter without echo suppression). */
  echo = false;
  /** State `open()` moves to (null: stays as it is, e.g. to model a port that fails to open). */
  openTo: StreamState | null = 'open';
  private readonly dataListeners = new Set<(c: Uint8Array) => void>();
  private readonly stateListeners = new Set<(s: StreamState, p: StreamProblem | null) => void>();

  describe(): string {
    return '/dev/ttyUSB0 @ 2400 8N1';
  }
  async open(): Promise<void> {
    if (this.openTo && this.state !== this.openTo) this.setState(this.openTo);
  }
  async write(bytes: Uint8Array): Promise<void> {
    if (this.state !== 'open') throw new Error(`${this.describe()} is ${this.state}`);
    this.writes.push({ t: Date.now(), hex: hexBytes(bytes) });
    if (this.echo) {
      const copy = bytes.slice();
      queueMicrotask(() => this.emit(copy));
    }
  }
  async close(): Promise<void> {
    this.setState('closed');
  }
  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }
  onState(listener: (state: StreamState, problem: StreamProblem | null) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }
  markLost(reason: StreamProblem): void {
    this.setState('reconnecting', reason);
  }

  // ---- test controls ----
  setState(state: StreamState, problem: StreamProblem | null = null): void {
    this.state = state;
    this.problem = problem;
    for (const l of this.stateListeners) l(state, problem);
  }
  /** Bytes from the bus, as hex (`FF 01 00 59 23 28 A5`). */
  receive(hex: string): void {
    this.emit(Uint8Array.from(hex.trim().split(/\s+/), (x) => parseInt(x, 16)));
  }
  /** Writes since index `from`, as hex. */
  hexSince(from = 0): string[] {
    return this.writes.slice(from).map((w) => w.hex);
  }
  get listenerCount(): number {
    return this.dataListeners.size + this.stateListeners.size;
  }
  private emit(bytes: Uint8Array): void {
    for (const l of this.dataListeners) l(bytes);
  }
}

/** Pelco-D receiver 1 on /dev/ttyUSB0 at 2400 bit/s. */
export const PELCO_D_CONFIG: Extract<DeviceConfig, { protocol: 'pelco-d' }> = {
  id: 'dome-1',
  name: 'Dome 1',
  protocol: 'pelco-d',
  enabled: true,
  path: '/dev/ttyUSB0',
  baudRate: 2400,
  address: 1,
};

/** A PelcoDevice on a fake bus, with the real clock functions (use vi fake timers around it). */
export function pelcoOnFakeBus(
  options: Partial<PelcoDeviceOptions> = {},
  config: DeviceConfig = PELCO_D_CONFIG,
): { device: PelcoDevice; bus: FakePelcoBus; released: StreamTransport[] } {
  const bus = new FakePelcoBus();
  const released: StreamTransport[] = [];
  const device = new PelcoDevice(config, {
    clock: systemClock,
    log: silentLogger,
    acquireTransport: () => bus,
    releaseTransport: (t) => released.push(t),
    pollQueries: false,
    ...options,
  });
  return { device, bus, released };
}
