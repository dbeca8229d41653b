/** UI slice: language, theme, the transient notice, and the STOP ALL signal for held controls. */
import type { StateCreator } from 'zustand';
import { loadLanguage, saveLanguage, type Language } from '../i18n/i18n';
import type { AppState } from './app-store';

export type Theme = 'dark' | 'light';

/** A short message to the operator; rendered (and translated) by the notice component. */
export type Notice =
  | { readonly type: 'stop-all-sent'; readonly count: number }
  | { readonly type: 'stop-all-failed'; readonly message: string }
  | { readonly type: 'stop-failed'; readonly message: string }
  | { readonly type: 'repair-start-failed'; readonly message: string };

export interface UiSlice {
  readonly language: Language;
  readonly theme: Theme;
  readonly notice: Notice | null;
  /**
   * Counts STOP ALL requests. Held controls watch it and let go, so a joystick still under the finger
   * cannot restart a camera the operator just stopped.
   */
  readonly stopAllSeq: number;
  /** Switches the language and remembers it (localStorage). */
  setLanguage(language: Language): void;
  setTheme(theme: Theme): void;
  showNotice(notice: Notice): void;
  dismissNotice(): void;
  /** Records a STOP ALL request (see `stopAllSeq`). */
  noteStopAll(): void;
}

/** Where the UI slice keeps preferences; injectable for tests. */
export interface UiEnvironment {
  readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  /** The browser's preferred languages (`navigator.languages`). */
  readonly preferredLanguages: readonly string[];
}

export const createUiSlice =
  (env: UiEnvironment): StateCreator<AppState, [], [], UiSlice> =>
  (set) => ({
    language: loadLanguage(env.storage, env.preferredLanguages),
    theme: 'dark',
    notice: null,
    stopAllSeq: 0,
    setLanguage(language) {
      saveLanguage(env.storage, language);
      set({ language });
    },
    setTheme: (theme) => set({ theme }),
    showNotice: (notice) => set({ notice }),
    dismissNotice: () => set({ notice: null }),
    noteStopAll: () => set((s) => ({ stopAllSeq: s.stopAllSeq + 1 })),
  });
