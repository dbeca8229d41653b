/** Mounts the console into a DOM element with a given client (Electron preload, WebSocket, or a test fake). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import type { PtzClient } from './ipc/ptz-client';
import { AppProvider } from './store/app-context';
import { createAppStore, type AppStore } from './store/app-store';
import { connectStoreToMain } from './store/connect-store-to-main';

/**
 * Renders the app into `container`, wired to `client`. Returns a function that unmounts it and unwires the
 * store; the client stays the caller's to dispose.
 */
export function mountApp(container: Element, client: PtzClient, store: AppStore = createAppStore()): () => void {
  const disconnect = connectStoreToMain(store, client);
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <AppProvider store={store} client={client}>
        <App />
      </AppProvider>
    </StrictMode>,
  );
  return () => {
    root.unmount();
    disconnect();
  };
}
