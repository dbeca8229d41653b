import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore, renderWithApp } from '../../../test/render-with-app';
import { loadTheme, saveTheme, THEME_STORAGE_KEY } from './theme-preference';
import { ThemeToggle } from './theme-toggle';

const html = document.documentElement;

function memoryStorage(initial: Record<string, string> = {}) {
  const saved = new Map(Object.entries(initial));
  return {
    saved,
    getItem: (k: string) => saved.get(k) ?? null,
    setItem: (k: string, v: string) => void saved.set(k, v),
  };
}

beforeEach(() => {
  html.classList.remove('theme-light');
  window.localStorage.clear();
});
afterEach(() => html.classList.remove('theme-light'));

describe('ThemeToggle', () => {
  it('is dark by default and switches <html> to light and back, remembering the choice', async () => {
    const storage = memoryStorage();
    const { store } = renderWithApp(<ThemeToggle storage={storage} />);
    const toggle = screen.getByTestId('theme');
    expect(toggle).toHaveAccessibleName('Light theme');
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(html).not.toHaveClass('theme-light');
    expect(store.getState().theme).toBe('dark');

    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(html).toHaveClass('theme-light');
    expect(store.getState().theme).toBe('light');
    expect(storage.saved.get(THEME_STORAGE_KEY)).toBe('light');

    await userEvent.click(toggle);
    expect(html).not.toHaveClass('theme-light');
    expect(storage.saved.get(THEME_STORAGE_KEY)).toBe('dark');
  });

  it('restores the saved theme on start', () => {
    const { store } = renderWithApp(<ThemeToggle storage={memoryStorage({ [THEME_STORAGE_KEY]: 'light' })} />);
    expect(store.getState().theme).toBe('light');
    expect(html).toHaveClass('theme-light');
    expect(screen.getByTestId('theme')).toHaveAttribute('aria-pressed', 'true');
  });

  it('uses localStorage by default, so the choice survives a restart', async () => {
    const first = renderWithApp(<ThemeToggle />);
    await userEvent.click(screen.getByTestId('theme'));
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe('light');
    first.unmount();
    html.classList.remove('theme-light');

    const second = renderWithApp(<ThemeToggle />, { store: createTestStore() });
    expect(second.store.getState().theme).toBe('light');
    expect(html).toHaveClass('theme-light');
  });

  it('is keyboard-operable', async () => {
    renderWithApp(<ThemeToggle storage={memoryStorage()} />);
    const user = userEvent.setup();
    await user.tab();
    expect(screen.getByTestId('theme')).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(html).toHaveClass('theme-light');
    await user.keyboard(' ');
    expect(html).not.toHaveClass('theme-light');
  });

  it('is translated', () => {
    renderWithApp(<ThemeToggle storage={memoryStorage()} />, { store: createTestStore('zh-CN') });
    expect(screen.getByTestId('theme')).toHaveAccessibleName('浅色主题');
  });

  it('ignores garbage and storage failures', () => {
    expect(loadTheme(memoryStorage({ [THEME_STORAGE_KEY]: 'purple' }))).toBeNull();
    expect(loadTheme(undefined)).toBeNull();
    const broken = {
      getItem: (): string => {
        throw new Error('denied');
      },
      setItem: (): void => {
        throw new Error('denied');
      },
    };
    expect(loadTheme(broken)).toBeNull();
    expect(() => saveTheme(broken, 'light')).not.toThrow();
    renderWithApp(<ThemeToggle storage={broken} />);
    expect(screen.getByTestId('theme')).toHaveAttribute('aria-pressed', 'false');
  });
});
