/** Renders a piece of the console inside its providers, wired to a fake client and a fresh store. */
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { Language } from '../src/i18n/i18n';
import { AppProvider } from '../src/store/app-context';
import { createAppStore, type AppStore } from '../src/store/app-store';
import { connectStoreToMain } from '../src/store/connect-store-to-main';
import { createFakeClient, type FakeClient } from './fake-client';

/** A store whose preferences live in a Map instead of localStorage. */
export function createTestStore(language: Language = 'en'): AppStore {
  const saved = new Map<string, string>();
  return createAppStore({
    storage: { getItem: (k) => saved.get(k) ?? null, setItem: (k, v) => void saved.set(k, v) },
    preferredLanguages: [language],
  });
}

export interface AppHarness extends RenderResult {
  readonly client: FakeClient;
  readonly store: AppStore;
}

export function renderWithApp(ui: ReactElement, options: { client?: FakeClient; store?: AppStore } = {}): AppHarness {
  const client = options.client ?? createFakeClient();
  const store = options.store ?? createTestStore();
  connectStoreToMain(store, client);
  const result = render(
    <AppProvider store={store} client={client}>
      {ui}
    </AppProvider>,
  );
  return { ...result, client, store };
}
