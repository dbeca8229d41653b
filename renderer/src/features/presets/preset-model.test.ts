import { describe, expect, it } from 'vitest';
import { PresetRecord } from '../../../../shared/model/preset';
import { makeDevice } from '../../../test/fixtures';
import {
  canExpand,
  checkPresetName,
  createPresetViewSelector,
  PRESET_NAME_MAX,
  presetHotkeyOf,
  presetViewOf,
  visibleNumbers,
} from './preset-model';

const rec = (number: number, name: string): PresetRecord => ({ number, name, savedAt: 1, position: null });

const key = (init: Partial<KeyboardEvent>) =>
  presetHotkeyOf({
    key: '',
    code: '',
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    shiftKey: false,
    repeat: false,
    isComposing: false,
    defaultPrevented: false,
    ...init,
  });

describe('preset model', () => {
  it('lists 1–12 by default, more when saved or expanded, within the camera range', () => {
    const view = presetViewOf(makeDevice('a'))!;
    expect(visibleNumbers(view, false)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(visibleNumbers(view, true)).toHaveLength(127);
    expect(canExpand(view)).toBe(true);

    const small = presetViewOf(
      makeDevice('b', {
        capabilities: { ...makeDevice('b').capabilities, presets: { min: 1, max: 6 } },
        presets: [rec(40, 'out of range')],
      }),
    )!;
    expect(visibleNumbers(small, false)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(canExpand(small)).toBe(false);

    const saved = presetViewOf(makeDevice('c', { presets: [rec(20, 'x')] }))!;
    expect(visibleNumbers(saved, false)).toHaveLength(20);
  });

  it('keeps the same view object while only the position changes', () => {
    const select = createPresetViewSelector((d: ReturnType<typeof makeDevice>) => d);
    const first = select(makeDevice('a', { presets: [rec(1, 'One')] }));
    expect(select(makeDevice('a', { presets: [rec(1, 'One')], moving: true, latencyMs: 99 }))).toBe(first);
    expect(select(makeDevice('a', { presets: [rec(1, 'Uno')] }))).not.toBe(first);
  });

  it('checks names as the core does', () => {
    expect(checkPresetName('  Stage  ')).toEqual({ ok: true, name: 'Stage' });
    expect(checkPresetName('   ')).toEqual({ ok: false, problem: 'required' });
    const longest = 'x'.repeat(PRESET_NAME_MAX);
    expect(checkPresetName(longest).ok).toBe(true);
    expect(PresetRecord.shape.name.safeParse(longest).success).toBe(true);
    expect(checkPresetName(`${longest}x`)).toEqual({ ok: false, problem: 'too-long' });
    expect(PresetRecord.shape.name.safeParse(`${longest}x`).success).toBe(false);
  });

  it('reads 1–9 and Ctrl+1–9, nothing else', () => {
    expect(key({ key: '1', code: 'Digit1' })).toEqual({ action: 'recall', preset: 1 });
    expect(key({ key: '9', code: 'Numpad9' })).toEqual({ action: 'recall', preset: 9 });
    expect(key({ key: '&', code: 'Digit1', ctrlKey: true })).toEqual({ action: 'save', preset: 1 });
    expect(key({ key: '5', code: '' })).toEqual({ action: 'recall', preset: 5 }); // layout without codes
    expect(key({ key: '0', code: 'Digit0' })).toBeNull();
    expect(key({ key: '2', code: 'Digit2', shiftKey: true })).toBeNull();
    expect(key({ key: '2', code: 'Digit2', metaKey: true })).toBeNull();
    expect(key({ key: '2', code: 'Digit2', repeat: true })).toBeNull();
    expect(key({ key: '2', code: 'Digit2', isComposing: true })).toBeNull();
    expect(key({ key: '2', code: 'Digit2', defaultPrevented: true })).toBeNull();
  });
});
