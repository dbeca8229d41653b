/** `presets` service: recall, save and clear, in the operator's numbering (drivers map it to the wire). */
import type { PtzContract } from '../../../shared/ipc/contract';
import type { ServiceHandlers } from '../../../shared/ipc/contract-types';
import type { DeviceManager } from '../devices/device-manager';

export function createPresetsService(manager: DeviceManager): ServiceHandlers<PtzContract['services']['presets']> {
  return {
    recall: (_ctx, { deviceId, preset }) => manager.get(deviceId).recallPreset(preset),
    save: (_ctx, { deviceId, preset }) => manager.get(deviceId).savePreset(preset),
    clear: (_ctx, { deviceId, preset }) => manager.get(deviceId).clearPreset(preset),
  };
}
