/**
 * State of a simulated head (axes and camera settings) and how each VISCA command changes it. The
 * SimCamera class owns time; this module is the rule book, so adding a command means adding a case here.
 */
import {
  FOCUS_INFINITY,
  FOCUS_MAX_SPEED,
  FOCUS_NEAREST,
  FOCUS_SUBJECT,
  IRIS_CLOSED,
  IRIS_F_NUMBER,
  PAN_MAX_DEG,
  PAN_MIN_DEG,
  TILT_MAX_DEG,
  TILT_MIN_DEG,
  UNITS_PER_DEGREE,
  ZOOM_POSITION_MAX,
  drive,
  focusUnitsPerSecond,
  halt,
  moveTo,
  panDegPerSecond,
  setLimits,
  tiltDegPerSecond,
  zoomUnitsPerSecond,
  type Axis,
} from './camera-physics';
import {
  DRIVE_SPEED_MAX,
  DRIVE_SPEED_MIN,
  STANDARD_DRIVE_SPEED,
  type AeMode,
  type ViscaCodecVariant,
  type ViscaCommand,
  type ViscaErrorName,
  type WhiteBalanceMode,
} from '../devices/protocols/visca';

/** Highest zoom position with digital zoom on (SRG-300H: 0x7AC0, 12× digital on top of 20× optical). */
export const ZOOM_DIGITAL_MAX = 0x7ac0;
/** Iris code after `iris-step reset` and at start-up (F4). */
export const IRIS_DEFAULT = 0x0c;
/** Mechanical pan/tilt range in native units. */
const U = UNITS_PER_DEGREE;
const MECH = { panMin: PAN_MIN_DEG * U, panMax: PAN_MAX_DEG * U, tiltMin: TILT_MIN_DEG * U, tiltMax: TILT_MAX_DEG * U };

/** Axes that move together and complete together. */
export type MotionGroup = 'pan-tilt' | 'zoom' | 'focus';

/** A stored preset: where every axis was, native units. */
export interface StoredPreset {
  pan: number;
  tilt: number;
  zoom: number;
  focus: number;
}

/** Everything a head remembers. Mutable: the camera class and `applyCommand` update it in place. */
export interface HeadState {
  readonly pan: Axis;
  readonly tilt: Axis;
  readonly zoom: Axis;
  readonly focus: Axis;
  irisCode: number;
  aeMode: AeMode;
  power: boolean;
  focusMode: 'auto' | 'manual';
  digitalZoom: boolean;
  whiteBalance: WhiteBalanceMode;
  gain: number;
  shutter: number;
  bright: number;
  exposureComp: { on: boolean; level: number };
  /** Native preset number → stored position (kept across reboots: presets live in non-volatile memory). */
  readonly presets: Map<number, StoredPreset>;
  readonly variant: ViscaCodecVariant;
}

export type ApplyResult = { ok: true } | { ok: false; error: ViscaErrorName };

const OK: ApplyResult = { ok: true };
const refuse = (error: ViscaErrorName): ApplyResult => ({ ok: false, error });
const isIntIn = (v: number, min: number, max: number): boolean => Number.isInteger(v) && v >= min && v <= max;
const sign = (d: string, plus: string, minus: string): number => (d === plus ? 1 : d === minus ? -1 : 0);

/** The groups whose motion a command starts and that must arrive before its completion is sent. */
export function settleGroups(cmd: ViscaCommand): readonly MotionGroup[] {
  switch (cmd.kind) {
    case 'pan-tilt-absolute':
    case 'pan-tilt-relative':
    case 'pan-tilt-home':
    case 'pan-tilt-reset':
      return ['pan-tilt'];
    case 'zoom-direct':
      return ['zoom'];
    case 'focus-direct':
      return ['focus'];
    case 'zoom-focus-direct':
      return ['zoom', 'focus'];
    case 'preset':
      return cmd.action === 'recall' ? ['pan-tilt', 'zoom', 'focus'] : [];
    default:
      return [];
  }
}

/** The axes of a group. */
export function axesOf(h: HeadState, group: MotionGroup): Axis[] {
  return group === 'pan-tilt' ? [h.pan, h.tilt] : group === 'zoom' ? [h.zoom] : [h.focus];
}

/** Stops every axis where it is. */
export function stopAll(h: HeadState): void {
  for (const a of [h.pan, h.tilt, h.zoom, h.focus]) halt(a);
}

/** Pan and tilt move speeds of an absolute/relative move, native units/s (single-speed models: pan speed for both). */
function moveSpeeds(h: HeadState, panSpeed: number, tiltSpeed: number): [number, number] | null {
  const v = h.variant;
  const w = v.singleSpeedByte ? panSpeed : tiltSpeed;
  if (!isIntIn(panSpeed, 1, v.panSpeedMax) || !isIntIn(w, 1, v.tiltSpeedMax)) return null;
  // Speeds past the Sony table (slow mode, up to 0x7F) are capped at the head's fastest.
  return [panDegPerSecond(Math.min(panSpeed, 0x18)) * U, tiltDegPerSecond(Math.min(w, 0x17)) * U];
}

/** Applies one command to the head at the current (already integrated) time; the error replaces the ACK. */
export function applyCommand(h: HeadState, cmd: ViscaCommand): ApplyResult {
  if (cmd.kind === 'power') {
    h.power = cmd.on;
    if (!cmd.on) stopAll(h);
    return OK;
  }
  if (cmd.kind === 'if-clear') return OK;
  if (!h.power) return refuse('not-executable');
  const manualFocus = h.focusMode === 'manual';
  switch (cmd.kind) {
    case 'pan-tilt-drive': {
      if (!isIntIn(cmd.panSpeed, 1, h.variant.panSpeedMax) || !isIntIn(cmd.tiltSpeed, 1, h.variant.tiltSpeedMax))
        return refuse('syntax');
      drive(h.pan, sign(cmd.pan, 'right', 'left') * panDegPerSecond(Math.min(cmd.panSpeed, 0x18)) * U);
      drive(h.tilt, sign(cmd.tilt, 'up', 'down') * tiltDegPerSecond(Math.min(cmd.tiltSpeed, 0x17)) * U);
      return OK;
    }
    case 'pan-tilt-home':
    case 'pan-tilt-reset':
      // Reset recalibrates and returns to the home position; the sim skips the calibration sweep.
      moveTo(h.pan, 0);
      moveTo(h.tilt, 0);
      return OK;
    case 'pan-tilt-absolute':
    case 'pan-tilt-relative': {
      const speeds = moveSpeeds(h, cmd.panSpeed, cmd.tiltSpeed);
      if (!speeds) return refuse('syntax');
      const rel = cmd.kind === 'pan-tilt-relative';
      moveTo(h.pan, (rel ? (h.pan.target ?? h.pan.pos) : 0) + cmd.pan, speeds[0]);
      moveTo(h.tilt, (rel ? (h.tilt.target ?? h.tilt.pos) : 0) + cmd.tilt, speeds[1]);
      return OK;
    }
    case 'pan-tilt-limit-set': {
      const upRight = cmd.corner === 'up-right';
      const p = Math.min(MECH.panMax, Math.max(MECH.panMin, cmd.pan));
      const t = Math.min(MECH.tiltMax, Math.max(MECH.tiltMin, cmd.tilt));
      setLimits(h.pan, upRight ? h.pan.min : p, upRight ? p : h.pan.max);
      setLimits(h.tilt, upRight ? h.tilt.min : t, upRight ? t : h.tilt.max);
      return OK;
    }
    case 'pan-tilt-limit-clear': {
      const upRight = cmd.corner === 'up-right';
      setLimits(h.pan, upRight ? h.pan.min : MECH.panMin, upRight ? MECH.panMax : h.pan.max);
      setLimits(h.tilt, upRight ? h.tilt.min : MECH.tiltMin, upRight ? MECH.tiltMax : h.tilt.max);
      return OK;
    }
    case 'zoom-drive':
    case 'zoom-standard': {
      const speed = cmd.kind === 'zoom-standard' ? STANDARD_DRIVE_SPEED : (cmd.speed ?? 0);
      if (cmd.direction !== 'stop' && !isIntIn(speed, DRIVE_SPEED_MIN, DRIVE_SPEED_MAX)) return refuse('syntax');
      drive(h.zoom, sign(cmd.direction, 'tele', 'wide') * zoomUnitsPerSecond(speed));
      return OK;
    }
    case 'zoom-direct':
      if (!isIntIn(cmd.position, 0, 0xffff)) return refuse('syntax');
      moveTo(h.zoom, cmd.position);
      return OK;
    case 'zoom-focus-direct':
      if (!manualFocus) return refuse('not-executable');
      moveTo(h.zoom, cmd.zoom);
      moveTo(h.focus, cmd.focus);
      return OK;
    case 'digital-zoom':
      h.digitalZoom = cmd.on;
      setLimits(h.zoom, 0, cmd.on ? ZOOM_DIGITAL_MAX : ZOOM_POSITION_MAX);
      return OK;
    case 'focus-drive':
    case 'focus-standard': {
      // A focus stop is always accepted (a controller stops every group); moving focus needs manual mode.
      if (cmd.direction === 'stop') {
        halt(h.focus);
        return OK;
      }
      if (!manualFocus) return refuse('not-executable');
      const speed = cmd.kind === 'focus-standard' ? STANDARD_DRIVE_SPEED : cmd.speed;
      if (!isIntIn(speed, DRIVE_SPEED_MIN, DRIVE_SPEED_MAX)) return refuse('syntax');
      // Far = toward infinity (lower positions).
      drive(h.focus, sign(cmd.direction, 'near', 'far') * focusUnitsPerSecond(speed));
      return OK;
    }
    case 'focus-direct':
      if (!manualFocus) return refuse('not-executable');
      moveTo(h.focus, cmd.position);
      return OK;
    case 'focus-mode':
      h.focusMode = cmd.mode === 'toggle' ? (manualFocus ? 'auto' : 'manual') : cmd.mode;
      if (h.focusMode === 'auto') moveTo(h.focus, FOCUS_SUBJECT, FOCUS_MAX_SPEED);
      return OK;
    case 'focus-one-push':
    case 'focus-infinity':
      if (!manualFocus) return refuse('not-executable');
      moveTo(h.focus, cmd.kind === 'focus-infinity' ? FOCUS_INFINITY : FOCUS_SUBJECT);
      return OK;
    case 'iris-direct':
      if (h.aeMode !== 'manual' && h.aeMode !== 'iris-priority') return refuse('not-executable');
      if (cmd.position !== IRIS_CLOSED && !IRIS_F_NUMBER.has(cmd.position)) return refuse('syntax');
      h.irisCode = cmd.position;
      return OK;
    case 'iris-step':
      if (h.aeMode !== 'manual' && h.aeMode !== 'iris-priority') return refuse('not-executable');
      h.irisCode = stepIris(h.irisCode, cmd.action);
      return OK;
    case 'gain-direct':
      if (h.aeMode !== 'manual') return refuse('not-executable');
      h.gain = cmd.position;
      return OK;
    case 'shutter-direct':
      if (h.aeMode !== 'manual' && h.aeMode !== 'shutter-priority') return refuse('not-executable');
      h.shutter = cmd.position;
      return OK;
    case 'bright-direct':
      if (h.aeMode !== 'bright') return refuse('not-executable');
      h.bright = cmd.position;
      return OK;
    case 'exposure-comp':
      h.exposureComp = { ...h.exposureComp, on: cmd.on };
      return OK;
    case 'exposure-comp-direct':
      h.exposureComp = { ...h.exposureComp, level: cmd.position };
      return OK;
    case 'white-balance':
      h.whiteBalance = cmd.mode;
      return OK;
    case 'ae-mode':
      h.aeMode = cmd.mode;
      return OK;
    case 'preset':
      return applyPreset(h, cmd.action, cmd.preset);
    default: {
      const unknown: never = cmd;
      return unknown;
    }
  }
}

/**
 * Preset memory. Recall of an empty slot is accepted and moves nothing (the sim's choice: cameras differ,
 * and a silent success is what most report); the completion then follows at once.
 */
function applyPreset(h: HeadState, action: 'reset' | 'set' | 'recall', n: number): ApplyResult {
  if (!isIntIn(n, 0, h.variant.presetMax)) return refuse('syntax');
  if (action === 'reset') h.presets.delete(n);
  else if (action === 'set') {
    h.presets.set(n, { pan: h.pan.pos, tilt: h.tilt.pos, zoom: h.zoom.pos, focus: h.focus.pos });
  } else {
    const p = h.presets.get(n);
    if (p) {
      moveTo(h.pan, p.pan);
      moveTo(h.tilt, p.tilt);
      moveTo(h.zoom, p.zoom);
      moveTo(h.focus, p.focus);
    }
  }
  return OK;
}

/** Iris codes in opening order: closed, then F14 … F1.6. */
const IRIS_ORDER = [IRIS_CLOSED, ...[...IRIS_F_NUMBER.keys()].sort((a, b) => a - b)];

function stepIris(code: number, action: 'reset' | 'up' | 'down'): number {
  if (action === 'reset') return IRIS_DEFAULT;
  const i = Math.max(0, IRIS_ORDER.indexOf(code));
  const next = Math.min(IRIS_ORDER.length - 1, Math.max(0, i + (action === 'up' ? 1 : -1)));
  return IRIS_ORDER[next]!;
}

/** Focus travel limits, for the camera class's axis factory. */
export const FOCUS_RANGE = { min: FOCUS_INFINITY, max: FOCUS_NEAREST } as const;
/** Mechanical pan/tilt limits in native units, for the camera class's axis factory. */
export const MECHANICAL = MECH;
