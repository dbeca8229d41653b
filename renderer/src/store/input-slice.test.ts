import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../features/input/input-math';
import { createAppStore } from './app-store';
import { SETTINGS_KEY } from './input-slice';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

const storeWith = (storage: ReturnType<typeof memoryStorage>) =>
  createAppStore({ storage, preferredLanguages: ['en'] });

describe('input slice', () => {
  it('starts from defaults, clamps, and remembers settings across stores', () => {
    const storage = memoryStorage();
    const a = storeWith(storage);
    expect(a.getState().inputSettings).toEqual(DEFAULT_SETTINGS);
    a.getState().setInputSettings({ maxSpeed: 0.05, followZoom: true });
    expect(a.getState().inputSettings.maxSpeed).toBe(0.1);
    const b = storeWith(storage);
    expect(b.getState().inputSettings).toMatchObject({ maxSpeed: 0.1, keySpeed: 0.5, followZoom: true });
  });

  it('ignores corrupt storage', () => {
    const storage = memoryStorage();
    storage.setItem(SETTINGS_KEY, 'nope');
    expect(storeWith(storage).getState().inputSettings).toEqual(DEFAULT_SETTINGS);
  });
});
