/**
 * The device registry: creates drivers from configurations, keeps their state, and publishes it as a
 * snapshot + delta stream. Every device has its own serial lifecycle queue (in PtzDevice).
 */
import type { DeviceConfig } from '../../../shared/model/device';
import type { DeviceState } from '../../../shared/model/device-status';
import type { StopReason } from '../../../shared/model/motion';
import { IpcError } from '../../../shared/ipc/ipc-error';
import type { CollectionUpdate } from '../../../shared/ipc/updates';
import type { Logger } from '../logger';
import type { PtzDevice } from './ptz-device';

export type DeviceFactory = (config: DeviceConfig) => PtzDevice;
type Listener = (update: CollectionUpdate<DeviceState>) => void;

export class DeviceManager {
  private readonly devices = new Map<string, { device: PtzDevice; unsubscribe: () => void }>();
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly createDevice: DeviceFactory,
    private readonly log: Logger,
  ) {}

  list(): DeviceState[] {
    return [...this.devices.values()].map((d) => d.device.snapshot());
  }

  configs(): DeviceConfig[] {
    return [...this.devices.values()].map((d) => d.device.config);
  }

  has(id: string): boolean {
    return this.devices.has(id);
  }

  /** The device with this id; IpcError('not-found') otherwise. */
  get(id: string): PtzDevice {
    const entry = this.devices.get(id);
    if (!entry) throw new IpcError('not-found', `No device with id ${id}`);
    return entry.device;
  }

  /** Registers and starts a device. */
  async add(config: DeviceConfig): Promise<DeviceState> {
    if (this.devices.has(config.id)) throw new IpcError('conflict', `A device with id ${config.id} exists`);
    const device = this.createDevice(config);
    const unsubscribe = device.onChange((state) => this.publish({ type: 'update', item: state }));
    this.devices.set(config.id, { device, unsubscribe });
    this.publish({ type: 'update', item: device.snapshot() });
    await device.start();
    return device.snapshot();
  }

  async update(config: DeviceConfig): Promise<DeviceState> {
    const device = this.get(config.id);
    await device.reconfigure(config);
    this.publish({ type: 'update', item: device.snapshot() });
    return device.snapshot();
  }

  async remove(id: string): Promise<void> {
    const entry = this.devices.get(id);
    if (!entry) throw new IpcError('not-found', `No device with id ${id}`);
    this.devices.delete(id);
    entry.unsubscribe();
    await entry.device.destroy();
    this.publish({ type: 'remove', id });
  }

  /** Subscribes to changes; the listener gets `init` with every device first, synchronously. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener({ type: 'init', items: this.list() });
    return () => this.listeners.delete(listener);
  }

  /** Stops every device (whatever its state); returns how many were told to stop. */
  stopAll(reason: StopReason): number {
    let n = 0;
    for (const { device } of this.devices.values()) {
      if (device.status !== 'online') continue;
      n++;
      device.stop(reason).catch((e: unknown) => this.log.error(`stop of ${device.id} failed`, e));
    }
    return n;
  }

  /** Stops every device that `clientId` was driving. */
  releaseClient(clientId: string, reason: StopReason): number {
    let n = 0;
    for (const { device } of this.devices.values()) {
      if (!device.isDrivenBy(clientId)) continue;
      n++;
      device.stop(reason).catch((e: unknown) => this.log.error(`stop of ${device.id} failed`, e));
    }
    return n;
  }

  /** Stops and closes every device. */
  async shutdown(): Promise<void> {
    const all = [...this.devices.values()];
    this.devices.clear();
    await Promise.all(
      all.map(async ({ device, unsubscribe }) => {
        unsubscribe();
        await device.destroy().catch((e: unknown) => this.log.error(`closing ${device.id} failed`, e));
      }),
    );
  }

  private publish(update: CollectionUpdate<DeviceState>): void {
    for (const l of this.listeners) {
      try {
        l(update);
      } catch (e) {
        this.log.error('devicesChanged listener failed', e);
      }
    }
  }
}
