/**
 * The operator's manual-input speed settings: a small zustand store of its own (the app store's slices are
 * not this feature's to edit), remembered in localStorage. Read in handlers with `getState()`, so the
 * drive loops never re-render anything.
 */
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { DEFAULT_SETTINGS, normaliseSettings, type InputSettings } from './input-math';

export interface InputSettingsState extends InputSettings {
  set(patch: Partial<InputSettings>): void;
}

export type InputSettingsStore = StoreApi<InputSettingsState>;

export const SETTINGS_KEY = 'ptz.input.settings';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

export function loadSettings(storage: Storage | undefined): InputSettings {
  try {
    const raw = storage?.getItem(SETTINGS_KEY);
    return raw ? normaliseSettings(JSON.parse(raw) as Partial<InputSettings>) : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function createInputSettingsStore(storage: Storage | undefined): InputSettingsStore {
  return createStore<InputSettingsState>()((set, get) => ({
    ...loadSettings(storage),
    set(patch) {
      const next = normaliseSettings({ ...get(), ...patch });
      set(next);
      try {
        storage?.setItem(SETTINGS_KEY, JSON.stringify(next));
      } catch {
        // Only the preference is lost.
      }
    },
  }));
}

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

let shared: InputSettingsStore | null = null;

/** The app's settings store (created on first use). */
export function inputSettingsStore(): InputSettingsStore {
  shared ??= createInputSettingsStore(browserStorage());
  return shared;
}

/** For tests: forget the shared store so the next use reloads from storage. */
export function resetInputSettingsStore(): void {
  shared = null;
}

export function useInputSettings<T>(selector: (s: InputSettingsState) => T): T {
  return useStore(inputSettingsStore(), selector);
}
