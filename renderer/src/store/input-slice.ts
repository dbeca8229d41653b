/**
 * Input slice: the operator's manual-input speed settings (max speed, key speed, speed follows zoom),
 * remembered in localStorage. The drive loops read them with `getState()` in their handlers, so dragging
 * re-renders nothing.
 */
import type { StateCreator } from 'zustand';
import { DEFAULT_SETTINGS, normaliseSettings, type InputSettings } from '../features/input/input-math';
import type { AppState } from './app-store';
import type { UiEnvironment } from './ui-slice';

export const SETTINGS_KEY = 'ptz.input.settings';

export interface InputSlice {
  readonly inputSettings: InputSettings;
  /** Changes some settings (clamped to their ranges) and remembers them. */
  setInputSettings(patch: Partial<InputSettings>): void;
}

/** The remembered settings, or the defaults when there are none or they are unreadable. */
export function loadInputSettings(storage: UiEnvironment['storage']): InputSettings {
  try {
    const raw = storage?.getItem(SETTINGS_KEY);
    return raw ? normaliseSettings(JSON.parse(raw) as Partial<InputSettings>) : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export const createInputSlice =
  (env: UiEnvironment): StateCreator<AppState, [], [], InputSlice> =>
  (set, get) => ({
    inputSettings: loadInputSettings(env.storage),
    setInputSettings(patch) {
      const next = normaliseSettings({ ...get().inputSettings, ...patch });
      set({ inputSettings: next });
      try {
        env.storage?.setItem(SETTINGS_KEY, JSON.stringify(next));
      } catch {
        // Only the preference is lost.
      }
    },
  });
