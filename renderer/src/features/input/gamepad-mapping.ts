/**
 * Pure gamepad logic: profiles (which axis/button does what), the default for `mapping === 'standard'`,
 * per-axis dead zone and invert, turning a raw snapshot into a velocity, learn-mode detection, and
 * profile storage keyed by `gamepad.id`.
 */
import { z } from 'zod';
import { MAX_DEAD_ZONE } from '../joystick/joystick-math';
import type { Velocity } from './input-math';

export const MAPPED_AXES = ['pan', 'tilt', 'zoom', 'focus'] as const;
export type MappedAxis = (typeof MAPPED_AXES)[number];
export const MAPPED_BUTTONS = ['stopAll', 'focusNear', 'focusFar'] as const;
export type MappedButton = (typeof MAPPED_BUTTONS)[number];

const AxisBinding = z.object({
  index: z.number().int().min(0).max(63),
  invert: z.boolean(),
  /** Per-axis dead zone, 0–0.5. */
  deadZone: z.number().min(0).max(MAX_DEAD_ZONE),
});
export type AxisBinding = z.infer<typeof AxisBinding>;

export const GamepadProfile = z.object({
  axes: z.object({
    pan: AxisBinding.nullable(),
    tilt: AxisBinding.nullable(),
    zoom: AxisBinding.nullable(),
    focus: AxisBinding.nullable(),
  }),
  buttons: z.object({
    stopAll: z.number().int().min(0).max(127).nullable(),
    focusNear: z.number().int().min(0).max(127).nullable(),
    focusFar: z.number().int().min(0).max(127).nullable(),
  }),
});
export type GamepadProfile = z.infer<typeof GamepadProfile>;

export const DEFAULT_AXIS_DEAD_ZONE = 0.12;

const axis = (index: number, invert: boolean): AxisBinding => ({ index, invert, deadZone: DEFAULT_AXIS_DEAD_ZONE });

/**
 * Standard layout (W3C "standard" mapping): left stick pan/tilt (axes 0/1, stick up is −1 so tilt is
 * inverted), right stick Y zoom (axis 3, up = tele), LB/RB (buttons 4/5) focus near/far, and the right
 * face button (1: B on Xbox, ○ on PlayStation) STOP ALL.
 */
export const STANDARD_PROFILE: GamepadProfile = {
  axes: { pan: axis(0, false), tilt: axis(1, true), zoom: axis(3, true), focus: null },
  buttons: { stopAll: 1, focusNear: 4, focusFar: 5 },
};

/** A profile that binds nothing (an unknown non-standard device before learning). */
export const EMPTY_PROFILE: GamepadProfile = {
  axes: { pan: null, tilt: null, zoom: null, focus: null },
  buttons: { stopAll: null, focusNear: null, focusFar: null },
};

/** Rescaled axial dead zone: |v| < dz → 0, else sign·(|v|−dz)/(1−dz); dz clamped to 0–0.5. */
export function applyAxisDeadZone(v: number, deadZone: number): number {
  if (!Number.isFinite(v)) return 0;
  const dz = Math.min(MAX_DEAD_ZONE, Math.max(0, Number.isFinite(deadZone) ? deadZone : 0));
  const a = Math.min(1, Math.abs(v));
  if (a < dz || a === 0) return 0;
  return Math.sign(v) * ((a - dz) / (1 - dz));
}

/** What the drive needs from a `Gamepad` snapshot (so tests can pass plain objects). */
export interface PadSnapshot {
  readonly axes: readonly number[];
  readonly buttons: readonly { readonly pressed: boolean; readonly value?: number }[];
}

export interface PadReading {
  /** Raw velocity (before the operator's speed settings). */
  readonly velocity: Velocity;
  readonly stopAll: boolean;
}

const pressed = (pad: PadSnapshot, index: number | null): boolean =>
  index !== null && pad.buttons[index]?.pressed === true;

function readAxis(pad: PadSnapshot, binding: AxisBinding | null): number {
  if (binding === null) return 0;
  const v = applyAxisDeadZone(pad.axes[binding.index] ?? 0, binding.deadZone);
  const out = binding.invert ? -v : v;
  return out === 0 ? 0 : out;
}

/** A snapshot through a profile: the raw velocity, and whether the STOP ALL button is down. */
export function readPad(pad: PadSnapshot, profile: GamepadProfile): PadReading {
  const buttonFocus =
    (pressed(pad, profile.buttons.focusFar) ? 1 : 0) - (pressed(pad, profile.buttons.focusNear) ? 1 : 0);
  const axisFocus = readAxis(pad, profile.axes.focus);
  const focus = buttonFocus !== 0 ? buttonFocus : axisFocus;
  return {
    velocity: {
      pan: readAxis(pad, profile.axes.pan),
      tilt: readAxis(pad, profile.axes.tilt),
      zoom: readAxis(pad, profile.axes.zoom),
      focus: focus === 0 ? 0 : focus,
    },
    stopAll: pressed(pad, profile.buttons.stopAll),
  };
}

/** How far an axis must travel from rest before learn mode takes it. */
export const LEARN_THRESHOLD = 0.5;

/**
 * Learn mode: the axis that moved furthest from its rest value, if that is at least LEARN_THRESHOLD, with
 * `invert` set when it moved negative (the operator is asked to push in the positive direction: right,
 * up, tele, far).
 */
export function detectAxis(
  rest: readonly number[],
  now: readonly number[],
  threshold = LEARN_THRESHOLD,
): { index: number; invert: boolean } | null {
  let best: { index: number; delta: number } | null = null;
  now.forEach((v, index) => {
    const delta = (Number.isFinite(v) ? v : 0) - (rest[index] ?? 0);
    if (Math.abs(delta) >= threshold && (best === null || Math.abs(delta) > Math.abs(best.delta))) {
      best = { index, delta };
    }
  });
  const found = best as { index: number; delta: number } | null;
  return found === null ? null : { index: found.index, invert: found.delta < 0 };
}

/** Learn mode: the lowest button pressed now that was not pressed at rest, or null. */
export function detectButton(rest: readonly boolean[], now: readonly boolean[]): number | null {
  const i = now.findIndex((p, index) => p && rest[index] !== true);
  return i === -1 ? null : i;
}

/** The profile for a pad: a saved one for its id, else the standard default, else nothing bound. */
export function profileFor(
  pad: { readonly id: string; readonly mapping: string },
  saved: ReadonlyMap<string, GamepadProfile>,
): GamepadProfile {
  return saved.get(pad.id) ?? (pad.mapping === 'standard' ? STANDARD_PROFILE : EMPTY_PROFILE);
}

export const PROFILES_KEY = 'ptz.gamepad.profiles';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

/** Every saved profile by `gamepad.id`; invalid entries are dropped, unreadable storage gives none. */
export function loadProfiles(storage: Storage | undefined): Map<string, GamepadProfile> {
  const out = new Map<string, GamepadProfile>();
  try {
    const raw = storage?.getItem(PROFILES_KEY);
    if (!raw) return out;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return out;
    for (const [id, value] of Object.entries(parsed)) {
      const p = GamepadProfile.safeParse(value);
      if (p.success) out.set(id, p.data);
    }
  } catch {
    // Corrupt or unavailable: start from defaults.
  }
  return out;
}

/** Stores (or, with null, forgets) the profile for one gamepad id, keeping the others. */
export function saveProfile(storage: Storage | undefined, id: string, profile: GamepadProfile | null): void {
  const all = loadProfiles(storage);
  if (profile === null) all.delete(id);
  else all.set(id, profile);
  try {
    storage?.setItem(PROFILES_KEY, JSON.stringify(Object.fromEntries(all)));
  } catch {
    // Only the profile is lost.
  }
}
