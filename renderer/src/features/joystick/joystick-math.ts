/**
 * Pure joystick math: knob offset → normalised pan/tilt vector, radial dead zone with rescaling, and
 * quantisation so tiny pointer jitter does not produce a new command.
 */

/** A pan/tilt vector, each component in [-1, 1]: pan +right, tilt +up. */
export interface StickVector {
  readonly pan: number;
  readonly tilt: number;
}

const ZERO_VECTOR: StickVector = Object.freeze({ pan: 0, tilt: 0 });

/** Default radial dead zone as a fraction of full deflection (0..1). */
export const DEFAULT_DEAD_ZONE = 0.08;
/** Largest dead zone accepted; a larger one would leave too little travel. */
export const MAX_DEAD_ZONE = 0.5;
/** Commands are quantised to this many steps per unit of speed (1/64 ≈ 1.6 %). */
export const QUANTUM_STEPS = 64;

/** Turns -0 into 0 so equality checks and JSON stay clean. */
const noNegativeZero = (v: number): number => (v === 0 ? 0 : v);

/**
 * The vector for a knob offset from the centre of the pad, in CSS pixels (screen y grows downwards, so
 * tilt is inverted). The result is clamped to the unit circle: dragging past the rim gives full speed in
 * that direction, not more.
 */
export function vectorFromOffset(dx: number, dy: number, radiusPx: number): StickVector {
  if (!(radiusPx > 0) || !Number.isFinite(dx) || !Number.isFinite(dy)) return ZERO_VECTOR;
  const x = dx / radiusPx;
  const y = -dy / radiusPx;
  const length = Math.hypot(x, y);
  const scale = length > 1 ? 1 / length : 1;
  return { pan: noNegativeZero(x * scale), tilt: noNegativeZero(y * scale) };
}

/**
 * Radial dead zone with rescaling: inside `deadZone` the vector is zero; outside, the length is mapped
 * from `[deadZone, 1]` onto `[0, 1]` keeping the direction, so speed starts at 0 at the edge (no jump).
 * This is `sign·(|v|−dz)/(1−dz)` applied to the vector's length.
 */
export function applyDeadZone(v: StickVector, deadZone = DEFAULT_DEAD_ZONE): StickVector {
  const dz = Math.min(MAX_DEAD_ZONE, Math.max(0, deadZone));
  const length = Math.hypot(v.pan, v.tilt);
  if (length < dz || length === 0) return ZERO_VECTOR;
  const rescaled = Math.min(1, (length - dz) / (1 - dz));
  const k = rescaled / length;
  return { pan: noNegativeZero(v.pan * k), tilt: noNegativeZero(v.tilt * k) };
}

/** Rounds one component to the nearest 1/`steps`, clamped to [-1, 1]. */
export function quantise(value: number, steps = QUANTUM_STEPS): number {
  if (!Number.isFinite(value)) return 0;
  const clamped = Math.max(-1, Math.min(1, value));
  return noNegativeZero(Math.round(clamped * steps) / steps);
}

export function quantiseVector(v: StickVector, steps = QUANTUM_STEPS): StickVector {
  return { pan: quantise(v.pan, steps), tilt: quantise(v.tilt, steps) };
}

/** The whole pipeline for a pointer: offset (px) → clamp → dead zone → quantise. */
export function stickVector(dx: number, dy: number, radiusPx: number, deadZone = DEFAULT_DEAD_ZONE): StickVector {
  return quantiseVector(applyDeadZone(vectorFromOffset(dx, dy, radiusPx), deadZone));
}

/** Keyboard speed per axis without and with Shift (normalised). */
export const KEY_SPEED = { normal: 0.5, fast: 1 } as const;

/** The vector for the arrow keys held down; opposite keys cancel. */
export function vectorFromKeys(keys: ReadonlySet<string>, fast: boolean): StickVector {
  const speed = fast ? KEY_SPEED.fast : KEY_SPEED.normal;
  const pan = (keys.has('ArrowRight') ? 1 : 0) - (keys.has('ArrowLeft') ? 1 : 0);
  const tilt = (keys.has('ArrowUp') ? 1 : 0) - (keys.has('ArrowDown') ? 1 : 0);
  return { pan: noNegativeZero(pan * speed), tilt: noNegativeZero(tilt * speed) };
}
