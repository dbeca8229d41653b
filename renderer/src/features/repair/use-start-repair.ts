/** Starting the repair wizard from the device list or the discovery pane. */
import { useCallback } from 'react';
import { isIpcError } from '../../../../shared/ipc/ipc-error';
import type { RepairStart } from '../../../../shared/model/repair';
import { usePtzClient } from '../../store/app-context';

/**
 * Returns a function that asks the core to start a repair session and resolves with null, or with the
 * core's reason when it refused (another session runs, bad address…). The wizard itself opens from the
 * `repairChanged` event, not from this reply, so a late reply can never roll the wizard back.
 */
export function useStartRepair(): (start: RepairStart) => Promise<string | null> {
  const client = usePtzClient();
  return useCallback(
    async (start) => {
      try {
        await client.repair.start(start);
        return null;
      } catch (error) {
        return isIpcError(error) || error instanceof Error ? error.message : String(error);
      }
    },
    [client],
  );
}
