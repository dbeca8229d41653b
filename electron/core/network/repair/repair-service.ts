// PLACEHOLDER (owned by the repair helper; replaced with the real service). Keep the exported signature.
import type { PtzHandlers } from '../../../../shared/ipc/contract';
import type { RepairSession } from '../../../../shared/model/repair';
import { IpcError } from '../../../../shared/ipc/ipc-error';
import type { DeviceManager } from '../../devices/device-manager';
import type { Logger } from '../../logger';
import type { StatefulService } from '../feature-types';
import type { NetworkService } from '../network-service';

export interface RepairServiceDeps {
  dataDir: string;
  manager: DeviceManager;
  /** Saves settings after a device entry is updated with the camera's new address. */
  persist: () => Promise<void>;
  network: NetworkService;
  log: Logger;
  /** argv prefix that runs the privileged net helper; see the repair helper's README section. */
  helperCommand?: readonly string[];
}

export type RepairService = StatefulService<PtzHandlers['repair'], RepairSession | null>;

/** Builds the wizard service; first rolls back any repair a previous run left half-done (journal). */
export async function createRepairService(_deps: RepairServiceDeps): Promise<RepairService> {
  const unsupported = () => {
    throw new IpcError('unsupported', 'repair: not built yet');
  };
  return {
    handlers: {
      start: unsupported,
      editPlan: unsupported,
      proceed: unsupported,
      cancel: unsupported,
      dismiss: unsupported,
      history: () => [],
    },
    subscribe(listener) {
      listener(null);
      return () => {};
    },
    current: () => null,
    close: async () => {},
  };
}
