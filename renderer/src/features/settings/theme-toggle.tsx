/**
 * The header's light/dark switch: a toggle button, pressed = light theme. Dark is the default; the choice
 * is remembered (see theme-preference.ts) and restored before the first paint, so a light console does not
 * flash dark on start.
 */
import { useLayoutEffect } from 'react';
import { useT } from '../../i18n/use-t';
import { useAppStore, useAppStoreApi } from '../../store/app-context';
import { applyThemeClass, browserStorage, loadTheme, saveTheme } from './theme-preference';

export interface ThemeToggleProps {
  /** Where the choice is kept; localStorage unless a test passes its own. */
  readonly storage?: Pick<Storage, 'getItem' | 'setItem'> | undefined;
}

export function ThemeToggle({ storage = browserStorage() }: ThemeToggleProps) {
  const t = useT();
  const store = useAppStoreApi();
  const theme = useAppStore((s) => s.theme);

  // Restore the saved theme on mount, before paint (storage is localStorage: one object for the page).
  useLayoutEffect(() => {
    const saved = loadTheme(storage);
    if (saved !== null && saved !== store.getState().theme) store.getState().setTheme(saved);
  }, [store, storage]);

  // Keep <html> in step before paint too (the app also does this, after paint).
  useLayoutEffect(() => applyThemeClass(theme), [theme]);

  const light = theme === 'light';
  return (
    <button
      type="button"
      className="theme-toggle"
      data-testid="theme"
      aria-pressed={light}
      title={t('look.theme.hint')}
      onClick={() => {
        const next = light ? 'dark' : 'light';
        saveTheme(storage, next);
        store.getState().setTheme(next);
      }}
    >
      <span className="theme-toggle-track" aria-hidden="true">
        <span className="theme-toggle-thumb" />
      </span>
      {t('look.theme.light')}
    </button>
  );
}
