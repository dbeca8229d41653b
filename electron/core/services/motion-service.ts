/** `motion` service: continuous motion with the caller recorded, so its disconnect stops its cameras. */
import type { PtzContract } from '../../../shared/ipc/contract';
import type { ServiceHandlers } from '../../../shared/ipc/contract-types';
import type { DeviceManager } from '../devices/device-manager';

export function createMotionService(manager: DeviceManager): ServiceHandlers<PtzContract['services']['motion']> {
  return {
    setVelocity(ctx, { deviceId, ...axes }) {
      manager.get(deviceId).setVelocity(axes, ctx.clientId);
    },
    heartbeat(ctx, { deviceId }) {
      manager.get(deviceId).heartbeat(ctx.clientId);
    },
    async stop(_ctx, { deviceId }) {
      await manager.get(deviceId).stop('operator');
    },
    stopAll: () => ({ devices: manager.stopAll('stop-all') }),
    async home(_ctx, { deviceId }) {
      await manager.get(deviceId).home();
    },
  };
}
