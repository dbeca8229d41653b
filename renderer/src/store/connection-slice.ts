/** Connection slice: the state of the bridge to the core, as the client reports it. */
import type { StateCreator } from 'zustand';
import type { ConnectionState } from '../ipc/ptz-client';
import type { AppState } from './app-store';

export interface ConnectionSlice {
  readonly connection: ConnectionState;
  setConnection(state: ConnectionState): void;
}

export const createConnectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set) => ({
  connection: 'connecting',
  setConnection: (connection) => set({ connection }),
});
