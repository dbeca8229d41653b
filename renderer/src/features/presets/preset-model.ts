/**
 * The presets feature without React: what the grid shows for the selected camera, which numbers it
 * lists, what a key press means, and the operator's open flow (a discriminated union).
 */
import type { DeviceState } from '../../../../shared/model/device-status';

/** Tiles shown before "Show all": 1–12 (or the camera's first twelve). */
export const DEFAULT_VISIBLE = 12;

/** The longest name the core accepts (`PresetRecord.name`, checked against the schema in the tests). */
export const PRESET_NAME_MAX = 64;

/** What the grid needs from the selected device; compared by value so position updates do not re-render. */
export interface PresetView {
  readonly deviceId: string;
  readonly deviceName: string;
  /** The numbers the camera accepts, or null for a camera without presets. */
  readonly range: { readonly min: number; readonly max: number } | null;
  /** Saved names by preset number. */
  readonly names: ReadonlyMap<number, string>;
}

export function presetViewOf(device: DeviceState | null): PresetView | null {
  if (device === null) return null;
  const caps = device.capabilities.presets;
  return {
    deviceId: device.id,
    deviceName: device.config.name,
    range: caps === null ? null : { min: caps.min, max: caps.max },
    names: new Map(device.presets.map((p) => [p.number, p.name])),
  };
}

export function samePresetView(a: PresetView | null, b: PresetView | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (a.deviceId !== b.deviceId || a.deviceName !== b.deviceName) return false;
  if (a.range?.min !== b.range?.min || a.range?.max !== b.range?.max) return false;
  if (a.names.size !== b.names.size) return false;
  for (const [n, name] of a.names) if (b.names.get(n) !== name) return false;
  return true;
}

/**
 * A selector that returns the previous view while the new one is equal by value, so `useAppStore` keeps
 * the same object (zustand compares with `Object.is`). One per component instance.
 */
export function createPresetViewSelector<S>(select: (state: S) => DeviceState | null): (state: S) => PresetView | null {
  let last: PresetView | null = null;
  return (state) => {
    const next = presetViewOf(select(state));
    if (!samePresetView(last, next)) last = next;
    return last;
  };
}

/**
 * The numbers the grid lists: the first `DEFAULT_VISIBLE` of the range, extended to the highest saved one,
 * or the whole range when expanded.
 */
export function visibleNumbers(view: PresetView, expanded: boolean): number[] {
  const { range } = view;
  if (range === null || range.max < range.min) return [];
  let last = Math.min(range.max, range.min + DEFAULT_VISIBLE - 1);
  if (expanded) last = range.max;
  for (const n of view.names.keys()) if (n <= range.max && n > last) last = n;
  const out: number[] = [];
  for (let n = range.min; n <= last; n++) out.push(n);
  return out;
}

/** True when the range has more numbers than the default grid shows. */
export function canExpand(view: PresetView): boolean {
  return view.range !== null && view.range.max - view.range.min + 1 > DEFAULT_VISIBLE;
}

export type NameProblem = 'required' | 'too-long';

/** The name the core will store (trimmed), or why it would refuse it. */
export function checkPresetName(raw: string): { ok: true; name: string } | { ok: false; problem: NameProblem } {
  const name = raw.trim();
  if (name === '') return { ok: false, problem: 'required' };
  if (name.length > PRESET_NAME_MAX) return { ok: false, problem: 'too-long' };
  return { ok: true, name };
}

/** A preset hotkey: 1–9 recall, Ctrl+1–9 save (with a confirmation). */
export interface PresetHotkey {
  readonly action: 'recall' | 'save';
  readonly preset: number;
}

type KeyLike = Pick<
  KeyboardEvent,
  'key' | 'code' | 'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey' | 'repeat' | 'isComposing' | 'defaultPrevented'
>;

/** The digit 1–9 of a key, by physical key (top row or keypad), else by the character it types. */
function digitOf(e: KeyLike): number | null {
  const byCode = /^(?:Digit|Numpad)([1-9])$/.exec(e.code);
  if (byCode) return Number(byCode[1]);
  return /^[1-9]$/.test(e.key) ? Number(e.key) : null;
}

/** What a key press means to the presets, or null. Repeats, Alt/Meta/Shift chords and IME input are not hotkeys. */
export function presetHotkeyOf(e: KeyLike): PresetHotkey | null {
  if (e.defaultPrevented || e.repeat || e.isComposing || e.altKey || e.metaKey || e.shiftKey) return null;
  const preset = digitOf(e);
  if (preset === null) return null;
  return { action: e.ctrlKey ? 'save' : 'recall', preset };
}

/**
 * True when a key press belongs to something else: typing in a field, or any open dialog (including one
 * that lost focus to the page behind it).
 */
export function isHotkeyBlocked(target: EventTarget | null, doc: Document): boolean {
  if (doc.querySelector('[aria-modal="true"]') !== null) return true;
  const element = target instanceof Element ? target : doc.activeElement;
  if (!element) return false;
  if (element.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="dialog"]')) {
    return true;
  }
  return false;
}

/** The open flow. Each step keeps what it was opened for, even if the camera's list changes meanwhile. */
export type PresetFlow =
  | { readonly type: 'none' }
  | {
      readonly type: 'name';
      readonly mode: 'save' | 'rename';
      readonly deviceId: string;
      readonly deviceName: string;
      readonly preset: number;
      readonly initialName: string;
    }
  | {
      readonly type: 'confirm';
      /** `save` to an empty slot (from Ctrl+digit), `overwrite` a saved one, or `clear` it. */
      readonly action: 'save' | 'overwrite' | 'clear';
      readonly deviceId: string;
      readonly deviceName: string;
      readonly preset: number;
      /** The name to save under (save/overwrite) or being cleared (clear). */
      readonly name: string;
      /** The saved name being replaced (overwrite). */
      readonly previousName: string | null;
    };

export const NO_FLOW: PresetFlow = { type: 'none' };

/** The highlight of the last recalled preset, kept until that camera is driven or another is recalled. */
export interface LastRecalled {
  readonly deviceId: string;
  readonly preset: number;
}
