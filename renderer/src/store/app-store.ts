/** The one zustand store, composed from typed slices. Created per mounted app, so tests get a fresh one. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice';
import { createDevicesSlice, type DevicesSlice } from './devices-slice';
import { createDiscoverySlice, type DiscoverySlice } from './discovery-slice';
import { createInputSlice, type InputSlice } from './input-slice';
import { createNetworkSlice, type NetworkSlice } from './network-slice';
import { createRepairSlice, type RepairSlice } from './repair-slice';
import { createUiSlice, type UiEnvironment, type UiSlice } from './ui-slice';

export type AppState = DevicesSlice &
  ConnectionSlice &
  UiSlice &
  InputSlice &
  NetworkSlice &
  DiscoverySlice &
  RepairSlice;
export type AppStore = StoreApi<AppState>;

function browserUiEnvironment(): UiEnvironment {
  let storage: Storage | undefined;
  try {
    storage = window.localStorage;
  } catch {
    storage = undefined; // Disabled storage: preferences just are not remembered.
  }
  return { storage, preferredLanguages: navigator.languages ?? [navigator.language] };
}

export function createAppStore(env: UiEnvironment = browserUiEnvironment()): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createDevicesSlice(...a),
    ...createConnectionSlice(...a),
    ...createUiSlice(env)(...a),
    ...createInputSlice(env)(...a),
    ...createNetworkSlice(...a),
    ...createDiscoverySlice(...a),
    ...createRepairSlice(...a),
  }));
}
