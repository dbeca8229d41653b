import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './input-math';
import { SETTINGS_KEY, createInputSettingsStore } from './input-settings';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

describe('input settings store', () => {
  it('starts from defaults, clamps, and remembers settings across stores', () => {
    const storage = memoryStorage();
    const a = createInputSettingsStore(storage);
    expect(a.getState()).toMatchObject(DEFAULT_SETTINGS);
    a.getState().set({ maxSpeed: 0.05, followZoom: true });
    expect(a.getState().maxSpeed).toBe(0.1);
    const b = createInputSettingsStore(storage);
    expect(b.getState()).toMatchObject({ maxSpeed: 0.1, keySpeed: 0.5, followZoom: true });
  });

  it('ignores corrupt storage', () => {
    const storage = memoryStorage();
    storage.setItem(SETTINGS_KEY, 'nope');
    expect(createInputSettingsStore(storage).getState()).toMatchObject(DEFAULT_SETTINGS);
  });
});
