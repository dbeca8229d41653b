/**
 * Pure input math shared by the keyboard and the gamepad: which keys mean which axis, the operator's speed
 * settings, and the scaling every manual input goes through (max speed, speed follows zoom).
 */
import type { Velocity } from '../../../../shared/model/motion';
import { quantise } from '../joystick/joystick-math';

export type { Velocity };

/** Operator speed preferences for manual input. */
export interface InputSettings {
  /** Scales every manual input: 0.1–1 (10–100 %). */
  readonly maxSpeed: number;
  /** Key speed without Shift: 0.1–1. Shift is always full speed (before `maxSpeed`). */
  readonly keySpeed: number;
  /** Slow pan/tilt down as the lens zooms in (see `zoomFactor`). */
  readonly followZoom: boolean;
}

export const DEFAULT_SETTINGS: InputSettings = Object.freeze({ maxSpeed: 1, keySpeed: 0.5, followZoom: false });

export const MIN_SPEED = 0.1;
/** Pan/tilt factor at full tele when speed follows zoom. */
export const TELE_FACTOR = 0.25;

const clampSpeed = (v: number, fallback: number): number =>
  Number.isFinite(v) ? Math.min(1, Math.max(MIN_SPEED, v)) : fallback;

/** Settings with every field brought into range (for values read back from storage or a slider). */
export function normaliseSettings(s: Partial<InputSettings> | null | undefined): InputSettings {
  return {
    maxSpeed: clampSpeed(Number(s?.maxSpeed ?? DEFAULT_SETTINGS.maxSpeed), DEFAULT_SETTINGS.maxSpeed),
    keySpeed: clampSpeed(Number(s?.keySpeed ?? DEFAULT_SETTINGS.keySpeed), DEFAULT_SETTINGS.keySpeed),
    followZoom: s?.followZoom === true,
  };
}

/**
 * Speed follows zoom: the pan/tilt factor for a normalised zoom position (0 wide … 1 tele). Linear from 1
 * at wide to TELE_FACTOR (0.25) at full tele: `1 − 0.75·zoom`. Linear in the normalised position is a
 * good fit because most cameras report zoom on a roughly logarithmic (perceptual) scale already. An
 * unknown zoom (null, NaN) is treated as wide: never slower than the operator asked for without a reason.
 */
export function zoomFactor(zoom: number | null | undefined): number {
  if (zoom === null || zoom === undefined || !Number.isFinite(zoom)) return 1;
  const z = Math.min(1, Math.max(0, zoom));
  return 1 - (1 - TELE_FACTOR) * z;
}

const noNegativeZero = (v: number): number => (v === 0 ? 0 : v);

/**
 * Applies the operator's settings to a raw manual velocity: every axis × maxSpeed; pan and tilt also ×
 * zoomFactor(zoom) when `followZoom`. The result is clamped and quantised (1/64 steps), so unchanged
 * inputs compare equal and are not re-sent.
 */
export function scaleVelocity(v: Velocity, settings: InputSettings, zoom: number | null | undefined): Velocity {
  const s = normaliseSettings(settings);
  const pt = s.maxSpeed * (s.followZoom ? zoomFactor(zoom) : 1);
  return {
    pan: noNegativeZero(quantise(v.pan * pt)),
    tilt: noNegativeZero(quantise(v.tilt * pt)),
    zoom: noNegativeZero(quantise(v.zoom * s.maxSpeed)),
    focus: noNegativeZero(quantise(v.focus * s.maxSpeed)),
  };
}

export function isZero(v: Velocity): boolean {
  return v.pan === 0 && v.tilt === 0 && v.zoom === 0 && v.focus === 0;
}

/** A held key's meaning: one axis in one direction. `KeyboardEvent.code` is used, so layouts do not matter. */
interface KeyBinding {
  readonly axis: keyof Velocity;
  readonly sign: 1 | -1;
}

/**
 * Drive keys, by `KeyboardEvent.code` (physical position). Digits are deliberately absent: 1–9 and
 * Ctrl+1–9 are reserved for presets.
 */
export const DRIVE_KEYS: Readonly<Record<string, KeyBinding>> = Object.freeze({
  ArrowRight: { axis: 'pan', sign: 1 },
  KeyD: { axis: 'pan', sign: 1 },
  ArrowLeft: { axis: 'pan', sign: -1 },
  KeyA: { axis: 'pan', sign: -1 },
  ArrowUp: { axis: 'tilt', sign: 1 },
  KeyW: { axis: 'tilt', sign: 1 },
  ArrowDown: { axis: 'tilt', sign: -1 },
  KeyS: { axis: 'tilt', sign: -1 },
  Equal: { axis: 'zoom', sign: 1 }, // '=' and '+' (Shift+=) on US layouts
  NumpadAdd: { axis: 'zoom', sign: 1 },
  Minus: { axis: 'zoom', sign: -1 },
  NumpadSubtract: { axis: 'zoom', sign: -1 },
  BracketRight: { axis: 'focus', sign: 1 }, // ']' far
  BracketLeft: { axis: 'focus', sign: -1 }, // '[' near
});

/** `KeyboardEvent.key` fallbacks for layouts where the physical code differs ('+' on its own key…). */
const KEY_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  '+': 'Equal',
  '=': 'Equal',
  '-': 'Minus',
  ']': 'BracketRight',
  '[': 'BracketLeft',
});

/** The drive key an event means (a `DRIVE_KEYS` code), or null for any other key. */
export function driveKeyOf(e: { readonly code: string; readonly key: string }): string | null {
  if (Object.hasOwn(DRIVE_KEYS, e.code)) return e.code;
  const alias = KEY_ALIASES[e.key];
  return alias ?? null;
}

/**
 * The raw velocity for the drive keys held (before `scaleVelocity`): each axis is +speed, −speed, or 0
 * when nothing or both directions are held. Shift (`fast`) is full speed, else `keySpeed`.
 */
export function velocityFromKeys(held: ReadonlySet<string>, fast: boolean, keySpeed: number): Velocity {
  const speed = fast ? 1 : clampSpeed(keySpeed, DEFAULT_SETTINGS.keySpeed);
  const sum: Record<keyof Velocity, number> = { pan: 0, tilt: 0, zoom: 0, focus: 0 };
  const seen = new Set<string>();
  for (const code of held) {
    const b = DRIVE_KEYS[code];
    if (!b) continue;
    // Arrow + WASD for the same direction count once.
    const id = `${b.axis}${b.sign}`;
    if (seen.has(id)) continue;
    seen.add(id);
    sum[b.axis] += b.sign;
  }
  return {
    pan: noNegativeZero(sum.pan * speed),
    tilt: noNegativeZero(sum.tilt * speed),
    zoom: noNegativeZero(sum.zoom * speed),
    focus: noNegativeZero(sum.focus * speed),
  };
}
