/** Hands the store and the client to features through React context, so both are injectable. */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { PtzClient } from '../ipc/ptz-client';
import type { AppState, AppStore } from './app-store';

interface AppContextValue {
  readonly store: AppStore;
  readonly client: PtzClient;
}

const AppContext = createContext<AppContextValue | null>(null);

export function AppProvider(props: { store: AppStore; client: PtzClient; children: ReactNode }) {
  const { store, client, children } = props;
  const value = useMemo(() => ({ store, client }), [store, client]);
  return <AppContext value={value}>{children}</AppContext>;
}

function useAppContext(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('AppProvider is missing above this component');
  return value;
}

/** Reads the store through a selector; the component re-renders only when the selected value changes. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppContext().store, selector);
}

/** The store itself, for `subscribe` (high-rate values written to refs) and for actions in handlers. */
export function useAppStoreApi(): AppStore {
  return useAppContext().store;
}

/** The bridge to the core. */
export function usePtzClient(): PtzClient {
  return useAppContext().client;
}
