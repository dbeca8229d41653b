/** `lens` service: zoom and iris positions, in normalised units. */
import type { PtzContract } from '../../../shared/ipc/contract';
import type { ServiceHandlers } from '../../../shared/ipc/contract-types';
import type { DeviceManager } from '../devices/device-manager';

export function createLensService(manager: DeviceManager): ServiceHandlers<PtzContract['services']['lens']> {
  return {
    zoomTo: (_ctx, { deviceId, position }) => manager.get(deviceId).zoomTo(position),
    setIris: (_ctx, { deviceId, position }) => manager.get(deviceId).setIris(position),
    setIrisMode: (_ctx, { deviceId, mode }) => manager.get(deviceId).setIrisMode(mode),
    setFocusMode: (_ctx, { deviceId, mode }) => manager.get(deviceId).setFocusMode(mode),
    focusOnePush: (_ctx, { deviceId }) => manager.get(deviceId).focusOnePush(),
  };
}
