/**
 * The ONE place the store listens to the core: device snapshots/deltas, the network, discovery and repair
 * states, and the bridge's connection state.
 * No initial `devices.list()`: subscribing makes the core send an `init` snapshot, and a separate list
 * reply could arrive after a newer delta and roll the state back.
 */
import type { CollectionUpdate } from '../../../shared/ipc/updates';
import type { DeviceState } from '../../../shared/model/device-status';
import type { PtzClient } from '../ipc/ptz-client';
import type { AppStore } from './app-store';

/** Wires `client` events into `store`; returns a function that unwires them. */
export function connectStoreToMain(store: AppStore, client: PtzClient): () => void {
  store.getState().setConnection(client.getConnectionState());
  const offConnection = client.onConnectionChanged((state) => store.getState().setConnection(state));
  // A batch frame's device updates go into the store as one change (see applyDevicesChangedAll).
  let pending: CollectionUpdate<DeviceState>[] = [];
  const offDevices = client.onDevicesChanged((update) => {
    if (client.inEventBatch?.()) pending.push(update);
    else store.getState().applyDevicesChanged(update);
  });
  const offBatch =
    client.onEventBatchEnd?.(() => {
      if (pending.length === 0) return;
      const updates = pending;
      pending = [];
      store.getState().applyDevicesChangedAll(updates);
    }) ?? (() => {});
  const offNetwork = client.onNetworkChanged((state) => store.getState().applyNetworkChanged(state));
  const offDiscovery = client.onDiscoveryChanged((state) => store.getState().applyDiscoveryChanged(state));
  const offRepair = client.onRepairChanged((session) => store.getState().applyRepairChanged(session));
  return () => {
    offBatch();
    offRepair();
    offDiscovery();
    offNetwork();
    offDevices();
    offConnection();
  };
}
