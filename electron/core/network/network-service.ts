// PLACEHOLDER (owned by the discovery helper; replaced with the real service). Keep the exported signature.
import type { PtzHandlers } from '../../../shared/ipc/contract';
import type { NetworkState } from '../../../shared/model/network';
import { IpcError } from '../../../shared/ipc/ipc-error';
import type { DeviceManager } from '../devices/device-manager';
import type { Logger } from '../logger';
import type { StatefulService } from './feature-types';

export interface NetworkServiceDeps {
  manager: DeviceManager;
  log: Logger;
}

export type NetworkService = StatefulService<PtzHandlers['network'], NetworkState>;

export function createNetworkService(_deps: NetworkServiceDeps): NetworkService {
  const state: NetworkState = { interfaces: [], deviceConflicts: {} };
  return {
    handlers: {
      refresh: () => {
        throw new IpcError('unsupported', 'network: not built yet');
      },
    },
    subscribe(listener) {
      listener(state);
      return () => {};
    },
    current: () => state,
    close: async () => {},
  };
}
