/**
 * Units, limits, speed mappings and single-axis motion of the simulated head. Pure arithmetic, so the
 * camera model stays about behaviour.
 */
import { DRIVE_SPEED_MAX, PAN_SPEED_MAX, TILT_SPEED_MAX } from '../devices/protocols/visca';

/** VISCA pan/tilt position units per degree (SRG-300H: ±170° = ±0x2200). */
export const UNITS_PER_DEGREE = 51.2;
/** Mechanical limits, degrees. */
export const PAN_MIN_DEG = -170;
export const PAN_MAX_DEG = 170;
export const TILT_MIN_DEG = -30;
export const TILT_MAX_DEG = 90;
/** Optical zoom range: VISCA position 0 (wide, 1×) … 0x4000 (tele, 20×). */
export const ZOOM_POSITION_MAX = 0x4000;
export const ZOOM_RATIO_MAX = 20;

/**
 * Pan speed in degrees/s for VISCA pan speed `v` (1–0x18): linear, 100 · v / 0x18, so 0x01 ≈ 4.2 °/s and
 * 0x18 = 100 °/s (the sim's maximum, also used by Home).
 */
export function panDegPerSecond(v: number): number {
  return (100 * v) / 0x18;
}

/** Tilt speed in degrees/s for VISCA tilt speed `w` (1–0x17): linear, 70 · w / 0x17, so 0x17 = 70 °/s. */
export function tiltDegPerSecond(w: number): number {
  return (70 * w) / 0x17;
}

/**
 * Zoom speed in VISCA position units/s for variable speed `p` (0–7): 1024 · (p + 1), so p = 7 crosses
 * the whole optical range (0x4000) in 2 s and p = 0 in 16 s. Zoom-direct moves at the p = 7 speed.
 */
export function zoomUnitsPerSecond(p: number): number {
  return 1024 * (p + 1);
}

/** Focus range in VISCA focus positions: 0x1000 (infinity) … 0xF000 (closest), SRG-class. */
export const FOCUS_INFINITY = 0x1000;
export const FOCUS_NEAREST = 0xf000;
/** Where one-push AF settles: a subject a few metres away (any fixed value in range will do). */
export const FOCUS_SUBJECT = 0x5000;

/** Focus speed in VISCA focus units/s for variable speed `p` (0–7): 3584 · (p + 1); p = 7 crosses the range in 2 s. */
export function focusUnitsPerSecond(p: number): number {
  return 3584 * (p + 1);
}

/** Speeds of Home and zoom-direct moves: the fastest drive speeds. */
export const PAN_MAX_SPEED_DEG_S = panDegPerSecond(PAN_SPEED_MAX);
export const TILT_MAX_SPEED_DEG_S = tiltDegPerSecond(TILT_SPEED_MAX);
export const ZOOM_MAX_SPEED = zoomUnitsPerSecond(DRIVE_SPEED_MAX);
export const FOCUS_MAX_SPEED = focusUnitsPerSecond(DRIVE_SPEED_MAX);

/** Iris code (VISCA iris position) → F-number, SRG-300H table; 0x00 = closed. Codes 0x01–0x04 do not exist. */
export const IRIS_F_NUMBER: ReadonlyMap<number, number> = new Map([
  [0x05, 14],
  [0x06, 11],
  [0x07, 9.6],
  [0x08, 8],
  [0x09, 6.8],
  [0x0a, 5.6],
  [0x0b, 4.8],
  [0x0c, 4],
  [0x0d, 3.4],
  [0x0e, 2.8],
  [0x0f, 2.4],
  [0x10, 2],
  [0x11, 1.6],
]);
export const IRIS_CLOSED = 0x00;

/** Zoom magnification for a VISCA zoom position (0–0x4000): 20^(position / 0x4000). */
export function zoomRatioOf(position: number): number {
  return ZOOM_RATIO_MAX ** (position / ZOOM_POSITION_MAX);
}

/**
 * One axis: position in native units, a continuous velocity (units/s), or a target approached at
 * `moveSpeed`. `min`/`max` are the current travel limits (soft limits may narrow the mechanical ones).
 */
export interface Axis {
  pos: number;
  min: number;
  max: number;
  velocity: number;
  target: number | null;
  maxSpeed: number;
  /** Speed of the current move to `target`, units/s. */
  moveSpeed: number;
}

/** An axis at rest at `pos` (clamped to [min, max]). */
export function makeAxis(pos: number, min: number, max: number, maxSpeed: number): Axis {
  return {
    pos: Math.min(max, Math.max(min, pos)),
    min,
    max,
    velocity: 0,
    target: null,
    maxSpeed,
    moveSpeed: maxSpeed,
  };
}

/** Advances an axis by `dt` seconds; continuous motion stops at the hard limits. */
export function integrate(a: Axis, dt: number): void {
  if (a.target !== null) {
    const step = a.moveSpeed * dt;
    const gap = a.target - a.pos;
    if (Math.abs(gap) <= step) {
      a.pos = a.target;
      a.target = null;
    } else {
      a.pos += Math.sign(gap) * step;
    }
  } else if (a.velocity !== 0) {
    a.pos = Math.min(a.max, Math.max(a.min, a.pos + a.velocity * dt));
  }
}

/** The velocity an axis actually has now (units/s): a drive held at its limit reports 0. */
export function actualVelocity(a: Axis): number {
  if (a.target !== null) return Math.sign(a.target - a.pos) * a.moveSpeed;
  if ((a.velocity > 0 && a.pos >= a.max) || (a.velocity < 0 && a.pos <= a.min)) return 0;
  return a.velocity;
}

/** Starts (or, at 0, stops) continuous motion; cancels a target. */
export function drive(a: Axis, velocity: number): void {
  a.target = null;
  a.velocity = velocity;
}

/**
 * Heads for `target` (clamped to the limits) at `speed` units/s (default: the axis maximum); cancels
 * continuous motion. Already there: no target, so the move counts as arrived at once.
 */
export function moveTo(a: Axis, target: number, speed: number = a.maxSpeed): void {
  a.velocity = 0;
  const t = Math.min(a.max, Math.max(a.min, target));
  a.target = t === a.pos ? null : t;
  a.moveSpeed = speed > 0 ? speed : a.maxSpeed;
}

/** Stops the axis where it is (continuous motion and any target). */
export function halt(a: Axis): void {
  a.velocity = 0;
  a.target = null;
}

/** Narrows (or restores) the travel limits, keeping the axis, its target and its motion inside them. */
export function setLimits(a: Axis, min: number, max: number): void {
  a.min = Math.min(min, max);
  a.max = Math.max(min, max);
  a.pos = Math.min(a.max, Math.max(a.min, a.pos));
  if (a.target !== null) a.target = Math.min(a.max, Math.max(a.min, a.target));
}
