/** `devices` service: the registry's contract face. Validation already happened at the bridge. */
import { randomUUID } from 'node:crypto';
import type { PtzContract } from '../../../shared/ipc/contract';
import type { ServiceHandlers } from '../../../shared/ipc/contract-types';
import { IpcError } from '../../../shared/ipc/ipc-error';
import { describeEndpoint, endpointKey, type DeviceConfig } from '../../../shared/model/device';
import type { DeviceStatus } from '../../../shared/model/device-status';
import { systemClock, type Clock } from '../devices/clock';
import type { DeviceFactory, DeviceManager } from '../devices/device-manager';
import type { PtzDevice } from '../devices/ptz-device';

/** How long `devices.test` waits for a verdict, ms. */
export const DEVICE_TEST_DEADLINE_MS = 4000;

export interface DeviceTestVerdict {
  ok: boolean;
  latencyMs: number | null;
  detail: string;
}

export interface DevicesServiceDeps {
  manager: DeviceManager;
  /** Builds the temporary devices of `test`: the same factory (and shared transports) as the manager's. */
  createDevice: DeviceFactory;
  clock?: Clock;
  /** Deadline of `test`, ms (default DEVICE_TEST_DEADLINE_MS). */
  testDeadlineMs?: number;
  /** Writes the current configuration to disk. */
  persist(): Promise<void>;
  newId?: () => string;
}

export function createDevicesService(deps: DevicesServiceDeps): ServiceHandlers<PtzContract['services']['devices']> {
  const newId = deps.newId ?? (() => `cam-${randomUUID().slice(0, 8)}`);
  const clock = deps.clock ?? systemClock;
  const deadlineMs = deps.testDeadlineMs ?? DEVICE_TEST_DEADLINE_MS;

  /** Two entries for one endpoint would route replies to the wrong camera: refuse them. */
  const assertUniqueEndpoint = (config: DeviceConfig) => {
    const key = endpointKey(config);
    const clash = deps.manager.configs().find((c) => c.id !== config.id && endpointKey(c) === key);
    if (clash) {
      throw new IpcError(
        'conflict',
        `"${clash.name}" already uses ${describeEndpoint(config)} (${config.protocol}); one camera, one entry`,
      );
    }
  };

  return {
    list: () => deps.manager.list(),

    async add(_ctx, input) {
      const config: DeviceConfig = { ...input, id: newId() };
      assertUniqueEndpoint(config);
      const state = await deps.manager.add(config);
      await deps.persist();
      return state;
    },

    async update(_ctx, { id, config: input }) {
      const current = deps.manager.get(id).config;
      const edited: DeviceConfig = { ...input, id };
      // A demo camera pointed elsewhere is the operator's own from now on: stop re-pointing it at the simulator.
      const config: DeviceConfig = current.demo && sameEndpoint(current, edited) ? { ...edited, demo: true } : edited;
      assertUniqueEndpoint(config);
      const state = await deps.manager.update(config);
      await deps.persist();
      return state;
    },

    async remove(_ctx, { id }) {
      await deps.manager.remove(id);
      await deps.persist();
    },

    async setEnabled(_ctx, { id, enabled }) {
      const config = { ...deps.manager.get(id).config, enabled };
      const state = await deps.manager.update(config);
      await deps.persist();
      return state;
    },

    async test(_ctx, { config: input, excludeId }) {
      const key = endpointKey(input);
      const owner = deps.manager.configs().find((c) => endpointKey(c) === key);
      if (owner && owner.id === excludeId && owner.enabled) {
        // Editing a device without moving it: it owns the endpoint, and its own status is the answer.
        return verdictOf(deps.manager.get(owner.id), clock, deadlineMs);
      }
      if (owner && owner.id !== excludeId) {
        throw new IpcError(
          'conflict',
          `"${owner.name}" already uses ${describeEndpoint(input)} (${input.protocol}); its status in the list is the test`,
        );
      }
      const device = deps.createDevice({ ...input, id: `test-${randomUUID().slice(0, 8)}`, enabled: true });
      try {
        return await verdictOf(device, clock, deadlineMs, () => device.startProbe());
      } finally {
        await device.destroy();
      }
    },
  };
}

/**
 * Waits for the device's first settled status (online, offline, error) after `start`, or the deadline.
 * A status already settled when called is the answer at once. Online, it also waits (within the same
 * deadline) for the first measured round trip, which the driver takes on its first command after the
 * handshake; without one by then, the time from start to online stands in.
 */
async function verdictOf(
  device: PtzDevice,
  clock: Clock,
  deadlineMs: number,
  start?: () => Promise<void>,
): Promise<DeviceTestVerdict> {
  const settled = (s: DeviceStatus): boolean => s === 'online' || s === 'offline' || s === 'error';
  const began = clock.now();
  let expired = false;
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  const unsubscribe = device.onChange(wake);
  const timer = clock.setTimeout(() => {
    expired = true;
    wake();
  }, deadlineMs);
  /** Resolves true once `done()` holds, false at the deadline. */
  const until = (done: () => boolean): Promise<boolean> =>
    new Promise((resolve) => {
      const check = () => {
        if (done()) resolve(true);
        else if (expired) resolve(false);
        else return;
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  try {
    if (start) await start();
    if (!(await until(() => settled(device.status)))) {
      const state = device.snapshot();
      const seconds = Math.round(deadlineMs / 100) / 10;
      const why = state.statusDetail ?? `nothing came back from ${describeEndpoint(state.config)}`;
      return { ok: false, latencyMs: null, detail: `no answer within ${seconds} s: ${why}` };
    }
    if (device.status !== 'online') {
      return { ok: false, latencyMs: null, detail: device.snapshot().statusDetail ?? device.status };
    }
    const onlineAfter = clock.now() - began;
    await until(() => device.snapshot().latencyMs !== null || device.status !== 'online');
    const latencyMs = device.snapshot().latencyMs ?? Math.round(onlineAfter);
    return { ok: true, latencyMs, detail: `answered in ${Math.round(latencyMs)} ms` };
  } catch (error) {
    return { ok: false, latencyMs: null, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clock.clearTimeout(timer);
    unsubscribe();
  }
}

function sameEndpoint(a: DeviceConfig, b: DeviceConfig): boolean {
  return endpointKey(a) === endpointKey(b);
}
