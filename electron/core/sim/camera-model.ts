/**
 * Physical model of a simulated PTZ head (Sony SRG-300H-like) in real units, driven by VISCA commands.
 * Motion is integrated lazily from an injectable clock whenever state is read or a command applied, so
 * there are no timers and tests are deterministic.
 */
import {
  IRIS_CLOSED,
  IRIS_F_NUMBER,
  PAN_MAX_DEG,
  PAN_MAX_SPEED_DEG_S,
  PAN_MIN_DEG,
  TILT_MAX_DEG,
  TILT_MAX_SPEED_DEG_S,
  TILT_MIN_DEG,
  UNITS_PER_DEGREE,
  ZOOM_MAX_SPEED,
  ZOOM_POSITION_MAX,
  actualVelocity,
  drive,
  makeAxis,
  moveTo,
  integrate,
  panDegPerSecond,
  tiltDegPerSecond,
  zoomRatioOf,
  zoomUnitsPerSecond,
  type Axis,
} from './camera-physics';
import {
  AE_MODE_CODE,
  DRIVE_SPEED_MAX,
  DRIVE_SPEED_MIN,
  PAN_SPEED_MAX,
  PAN_SPEED_MIN,
  TILT_SPEED_MAX,
  TILT_SPEED_MIN,
  type AeMode,
  type ViscaCommand,
  type ViscaErrorName,
  type ViscaInquiry,
  type ViscaInquiryAnswer,
} from '../devices/protocols/visca';

export {
  IRIS_CLOSED,
  IRIS_F_NUMBER,
  PAN_MAX_DEG,
  PAN_MIN_DEG,
  TILT_MAX_DEG,
  TILT_MIN_DEG,
  UNITS_PER_DEGREE,
  ZOOM_POSITION_MAX,
  ZOOM_RATIO_MAX,
  panDegPerSecond,
  tiltDegPerSecond,
  zoomRatioOf,
  zoomUnitsPerSecond,
} from './camera-physics';

export interface SimCameraSnapshot {
  /** Pan angle, degrees, + right, −170…+170. */
  panDeg: number;
  /** Tilt angle, degrees, + up, −30…+90. */
  tiltDeg: number;
  /** VISCA zoom position 0–0x4000 (fractional while moving). */
  zoomPosition: number;
  /** Magnification, 1–20. */
  zoomRatio: number;
  /** VISCA iris code (see IRIS_F_NUMBER). */
  irisCode: number;
  /** F-number of the iris; null when closed. */
  irisF: number | null;
  aeMode: AeMode;
  /** True when on, false in standby. */
  power: boolean;
  /** Current angular velocities, degrees/s (0 when stopped or held at a limit). */
  panVelocityDegS: number;
  tiltVelocityDegS: number;
  /** Current zoom velocity, VISCA position units/s, + tele. */
  zoomVelocity: number;
  moving: boolean;
}

export interface SimCameraOptions {
  /** Clock in ms; default performance.now. Share one between cameras and servers for consistent timestamps. */
  now?: () => number;
  /** Starting state; defaults: centred, wide, F4, full auto, powered on. */
  initial?: {
    panDeg?: number;
    tiltDeg?: number;
    zoomPosition?: number;
    irisCode?: number;
    aeMode?: AeMode;
    power?: boolean;
  };
  /** Identity reported by the version inquiry; default Sony vendor 0x0001, model 0x0511, ROM 0x0100, 2 sockets. */
  version?: { vendor: number; model: number; rom: number; maxSocket: number };
}

type ApplyResult = { ok: true } | { ok: false; error: ViscaErrorName };

/**
 * A simulated camera head. Behaviour worth knowing:
 * - In standby every command but power is refused with `not-executable`; power off stops all motion.
 * - Home and zoom-direct move at maximum speed toward the target; the server sends their completion at
 *   once (a real Sony camera completes when the motion ends — a later refinement).
 * - Zoom-direct beyond 0x4000 is clamped (no digital zoom). Focus drives are accepted and ignored.
 * - Iris-direct is only executable in manual or iris-priority AE; codes 0x01–0x04 or > 0x11 → syntax.
 */
export class SimCamera {
  readonly now: () => number;
  private last: number;
  private readonly pan: Axis;
  private readonly tilt: Axis;
  private readonly zoom: Axis;
  private irisCode: number;
  private aeMode: AeMode;
  private power: boolean;
  private readonly version: { vendor: number; model: number; rom: number; maxSocket: number };

  constructor(opts: SimCameraOptions = {}) {
    this.now = opts.now ?? (() => performance.now());
    this.last = this.now();
    const i = opts.initial ?? {};
    const u = UNITS_PER_DEGREE;
    this.pan = makeAxis((i.panDeg ?? 0) * u, PAN_MIN_DEG * u, PAN_MAX_DEG * u, PAN_MAX_SPEED_DEG_S * u);
    this.tilt = makeAxis((i.tiltDeg ?? 0) * u, TILT_MIN_DEG * u, TILT_MAX_DEG * u, TILT_MAX_SPEED_DEG_S * u);
    this.zoom = makeAxis(i.zoomPosition ?? 0, 0, ZOOM_POSITION_MAX, ZOOM_MAX_SPEED);
    this.irisCode = i.irisCode ?? 0x0c;
    this.aeMode = i.aeMode ?? 'full-auto';
    this.power = i.power ?? true;
    this.version = opts.version ?? { vendor: 0x0001, model: 0x0511, rom: 0x0100, maxSocket: 2 };
  }

  /** Current state, integrated up to now. */
  snapshot(): SimCameraSnapshot {
    this.advance();
    const u = UNITS_PER_DEGREE;
    const panV = actualVelocity(this.pan) / u;
    const tiltV = actualVelocity(this.tilt) / u;
    const zoomV = actualVelocity(this.zoom);
    return {
      panDeg: this.pan.pos / u,
      tiltDeg: this.tilt.pos / u,
      zoomPosition: this.zoom.pos,
      zoomRatio: zoomRatioOf(this.zoom.pos),
      irisCode: this.irisCode,
      irisF: IRIS_F_NUMBER.get(this.irisCode) ?? null,
      aeMode: this.aeMode,
      power: this.power,
      panVelocityDegS: panV,
      tiltVelocityDegS: tiltV,
      zoomVelocity: zoomV,
      moving: panV !== 0 || tiltV !== 0 || zoomV !== 0,
    };
  }

  /** Executes a command at the current time; the error is what the camera would reply instead of ACK. */
  apply(command: ViscaCommand): ApplyResult {
    this.advance();
    if (command.kind === 'power') {
      this.power = command.on;
      if (!command.on) this.stopAll();
      return { ok: true };
    }
    if (!this.power) return { ok: false, error: 'not-executable' };
    const u = UNITS_PER_DEGREE;
    switch (command.kind) {
      case 'pan-tilt-drive': {
        const { panSpeed: v, tiltSpeed: w } = command;
        if (!isIntIn(v, PAN_SPEED_MIN, PAN_SPEED_MAX) || !isIntIn(w, TILT_SPEED_MIN, TILT_SPEED_MAX))
          return { ok: false, error: 'syntax' };
        const panSign = command.pan === 'right' ? 1 : command.pan === 'left' ? -1 : 0;
        const tiltSign = command.tilt === 'up' ? 1 : command.tilt === 'down' ? -1 : 0;
        drive(this.pan, panSign * panDegPerSecond(v) * u);
        drive(this.tilt, tiltSign * tiltDegPerSecond(w) * u);
        return { ok: true };
      }
      case 'pan-tilt-home':
        moveTo(this.pan, 0);
        moveTo(this.tilt, 0);
        return { ok: true };
      case 'zoom-drive': {
        if (command.direction !== 'stop' && !isIntIn(command.speed, DRIVE_SPEED_MIN, DRIVE_SPEED_MAX))
          return { ok: false, error: 'syntax' };
        const sign = command.direction === 'tele' ? 1 : command.direction === 'wide' ? -1 : 0;
        drive(this.zoom, sign * zoomUnitsPerSecond(command.speed));
        return { ok: true };
      }
      case 'zoom-direct':
        if (!isIntIn(command.position, 0, 0xffff)) return { ok: false, error: 'syntax' };
        moveTo(this.zoom, command.position);
        return { ok: true };
      case 'focus-drive':
        return { ok: true };
      case 'iris-direct':
        if (this.aeMode !== 'manual' && this.aeMode !== 'iris-priority') return { ok: false, error: 'not-executable' };
        if (command.position !== IRIS_CLOSED && !IRIS_F_NUMBER.has(command.position))
          return { ok: false, error: 'syntax' };
        this.irisCode = command.position;
        return { ok: true };
      case 'ae-mode':
        this.aeMode = command.mode;
        return { ok: true };
      default: {
        const unknown: never = command;
        return unknown;
      }
    }
  }

  /** Answers an inquiry from the current state, in VISCA units (positions rounded to whole units). */
  answer(inquiry: ViscaInquiry): ViscaInquiryAnswer {
    this.advance();
    switch (inquiry) {
      case 'pan-tilt-position':
        return { inquiry, pan: Math.round(this.pan.pos), tilt: Math.round(this.tilt.pos) };
      case 'zoom-position':
        return { inquiry, position: Math.round(this.zoom.pos) };
      case 'iris-position':
        return { inquiry, position: this.irisCode };
      case 'ae-mode':
        return { inquiry, mode: this.aeMode, raw: AE_MODE_CODE[this.aeMode] };
      case 'power':
        return { inquiry, on: this.power };
      case 'version':
        return { inquiry, ...this.version };
      default: {
        const unknown: never = inquiry;
        return unknown;
      }
    }
  }

  private stopAll(): void {
    for (const a of [this.pan, this.tilt, this.zoom]) drive(a, 0);
  }

  /** Integrates motion from the last read up to now; a clock that steps backwards is ignored. */
  private advance(): void {
    const t = this.now();
    const dt = (t - this.last) / 1000;
    if (!(dt > 0)) return;
    this.last = t;
    integrate(this.pan, dt);
    integrate(this.tilt, dt);
    integrate(this.zoom, dt);
  }
}

const isIntIn = (v: number, min: number, max: number): boolean => Number.isInteger(v) && v >= min && v <= max;
