/** `devices` service: the registry's contract face. Validation already happened at the bridge. */
import { randomUUID } from 'node:crypto';
import type { PtzContract } from '../../../shared/ipc/contract';
import type { ServiceHandlers } from '../../../shared/ipc/contract-types';
import { IpcError } from '../../../shared/ipc/ipc-error';
import { describeEndpoint, endpointKey, type DeviceConfig } from '../../../shared/model/device';
import type { DeviceManager } from '../devices/device-manager';

export interface DevicesServiceDeps {
  manager: DeviceManager;
  /** Writes the current configuration to disk. */
  persist(): Promise<void>;
  newId?: () => string;
}

export function createDevicesService(deps: DevicesServiceDeps): ServiceHandlers<PtzContract['services']['devices']> {
  const newId = deps.newId ?? (() => `cam-${randomUUID().slice(0, 8)}`);

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
  };
}

function sameEndpoint(a: DeviceConfig, b: DeviceConfig): boolean {
  return endpointKey(a) === endpointKey(b);
}
