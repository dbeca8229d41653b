/**
 * The ONE place the store listens to the core: device snapshots/deltas and the bridge's connection state.
 * No initial `devices.list()`: subscribing makes the core send an `init` snapshot, and a separate list
 * reply could arrive after a newer delta and roll the state back.
 */
import type { PtzClient } from '../ipc/ptz-client';
import type { AppStore } from './app-store';

/** Wires `client` events into `store`; returns a function that unwires them. */
export function connectStoreToMain(store: AppStore, client: PtzClient): () => void {
  store.getState().setConnection(client.getConnectionState());
  const offConnection = client.onConnectionChanged((state) => store.getState().setConnection(state));
  const offDevices = client.onDevicesChanged((update) => store.getState().applyDevicesChanged(update));
  return () => {
    offDevices();
    offConnection();
  };
}
