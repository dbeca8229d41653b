/**
 * `presets` service: recall, save, rename and clear in the operator's numbering (drivers map it to the
 * wire). Names and the position at save time are kept on the PC with the device entry, so they survive a
 * camera swap and a camera that forgets its memories.
 */
import type { PtzContract } from '../../../shared/ipc/contract';
import type { ServiceHandlers } from '../../../shared/ipc/contract-types';
import { IpcError } from '../../../shared/ipc/ipc-error';
import type { PresetRecord } from '../../../shared/model/preset';
import type { DeviceManager } from '../devices/device-manager';

export interface PresetsServiceDeps {
  manager: DeviceManager;
  persist(): Promise<void>;
  now?: () => number;
}

export function createPresetsService(deps: PresetsServiceDeps): ServiceHandlers<PtzContract['services']['presets']> {
  const { manager, persist } = deps;
  const now = deps.now ?? Date.now;

  const replace = async (deviceId: string, number: number, record: PresetRecord | null) => {
    const device = manager.get(deviceId);
    const others = device.snapshot().presets.filter((p) => p.number !== number);
    device.setPresetRecords(record ? [...others, record] : others);
    await persist();
  };

  return {
    recall: (_ctx, { deviceId, preset }) => manager.get(deviceId).recallPreset(preset),

    async save(_ctx, { deviceId, preset, name }) {
      const device = manager.get(deviceId);
      await device.savePreset(preset);
      const state = device.snapshot();
      const previous = state.presets.find((p) => p.number === preset);
      const p = state.position;
      await replace(deviceId, preset, {
        number: preset,
        name: name ?? previous?.name ?? `Preset ${preset}`,
        savedAt: now(),
        position: p && {
          pan: p.pan,
          tilt: p.tilt,
          zoom: p.zoom,
          panDeg: p.panDeg,
          tiltDeg: p.tiltDeg,
          zoomRatio: p.zoomRatio,
        },
      });
    },

    async rename(_ctx, { deviceId, preset, name }) {
      const record = manager
        .get(deviceId)
        .snapshot()
        .presets.find((p) => p.number === preset);
      if (!record) {
        throw new IpcError('not-found', `Preset ${preset} was not saved from this console; save it first`);
      }
      await replace(deviceId, preset, { ...record, name });
    },

    async clear(_ctx, { deviceId, preset }) {
      await manager.get(deviceId).clearPreset(preset);
      await replace(deviceId, preset, null);
    },
  };
}
