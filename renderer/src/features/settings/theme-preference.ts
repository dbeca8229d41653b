/**
 * Remembers the operator's theme in localStorage. The UI slice holds the theme but does not persist it,
 * so the theme toggle loads the saved choice when it mounts and saves every change.
 */
import type { Theme } from '../../store/ui-slice';

export const THEME_STORAGE_KEY = 'ptz.theme';

export function isTheme(value: unknown): value is Theme {
  return value === 'dark' || value === 'light';
}

/** localStorage, or undefined where it is disabled (then the preference is simply not remembered). */
export function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** The saved theme, or null when none is saved (or storage fails). */
export function loadTheme(storage: Pick<Storage, 'getItem'> | undefined): Theme | null {
  try {
    const saved = storage?.getItem(THEME_STORAGE_KEY);
    return isTheme(saved) ? saved : null;
  } catch {
    return null;
  }
}

/** Persists the choice; a storage failure only loses the preference. */
export function saveTheme(storage: Pick<Storage, 'setItem'> | undefined, theme: Theme): void {
  try {
    storage?.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Not worth bothering the operator about.
  }
}

/** Puts the theme class on `<html>` (the stylesheets switch palettes on `.theme-light`). */
export function applyThemeClass(theme: Theme, root: HTMLElement = document.documentElement): void {
  root.classList.toggle('theme-light', theme === 'light');
}
