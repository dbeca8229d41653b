/** Network slice: the PC's interfaces and the address problems of configured devices, from `networkChanged`. */
import type { StateCreator } from 'zustand';
import type { NetworkState } from '../../../shared/model/network';
import type { AppState } from './app-store';

export interface NetworkSlice {
  /** The latest `networkChanged` payload; empty until the core sends the first one. */
  readonly network: NetworkState;
  /** Replaces the network state with the core's latest. */
  applyNetworkChanged(state: NetworkState): void;
}

export const EMPTY_NETWORK: NetworkState = { interfaces: [], deviceConflicts: {} };

export const createNetworkSlice: StateCreator<AppState, [], [], NetworkSlice> = (set) => ({
  network: EMPTY_NETWORK,
  applyNetworkChanged: (network) => set({ network }),
});
