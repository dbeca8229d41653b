/**
 * Physical model of a simulated PTZ head (Sony SRG-300H-like) in real units, driven by VISCA commands.
 * Motion is integrated lazily from an injectable clock whenever state is read or a command applied, so
 * there are no timers and tests are deterministic. The command rules live in camera-head.ts.
 */
import {
  FOCUS_MAX_SPEED,
  FOCUS_SUBJECT,
  IRIS_F_NUMBER,
  PAN_MAX_SPEED_DEG_S,
  TILT_MAX_SPEED_DEG_S,
  UNITS_PER_DEGREE,
  ZOOM_MAX_SPEED,
  ZOOM_POSITION_MAX,
  actualVelocity,
  halt,
  makeAxis,
  integrate,
  zoomRatioOf,
} from './camera-physics';
import {
  FOCUS_RANGE,
  IRIS_DEFAULT,
  MECHANICAL,
  applyCommand,
  axesOf,
  stopAll,
  type ApplyResult,
  type HeadState,
  type MotionGroup,
} from './camera-head';
import {
  AE_MODE_CODE,
  FOCUS_MODE_CODE,
  SONY_GENERIC_VARIANT,
  panTiltStatusRaw,
  panTiltStatusFromRaw,
  type AeMode,
  type ViscaCodecVariant,
  type ViscaCommand,
  type ViscaInquiry,
  type ViscaInquiryAnswer,
  type WhiteBalanceMode,
} from '../devices/protocols/visca';

export {
  FOCUS_INFINITY,
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
  ZOOM_RATIO_MAX,
  focusUnitsPerSecond,
  panDegPerSecond,
  tiltDegPerSecond,
  zoomRatioOf,
  zoomUnitsPerSecond,
} from './camera-physics';
export { ZOOM_DIGITAL_MAX, settleGroups, type ApplyResult, type MotionGroup, type StoredPreset } from './camera-head';

export interface SimCameraSnapshot {
  /** Pan angle, degrees, + right, −170…+170. */
  panDeg: number;
  /** Tilt angle, degrees, + up, −30…+90. */
  tiltDeg: number;
  /** VISCA zoom position 0–0x4000, to 0x7AC0 with digital zoom (fractional while moving). */
  zoomPosition: number;
  /** Magnification, 1–20 optical (more with digital zoom). */
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
  /** VISCA focus position, 0x1000 (infinity) … 0xF000 (nearest), fractional while moving. */
  focusPosition: number;
  focusMode: 'auto' | 'manual';
  digitalZoom: boolean;
  whiteBalance: WhiteBalanceMode;
  /** Raw gain / shutter / bright positions (0–0xFF) as last set. */
  gain: number;
  shutter: number;
  bright: number;
  exposureComp: { on: boolean; level: number };
  /** Native numbers of the stored presets, ascending. */
  presets: number[];
  /** Current pan/tilt travel limits, degrees (mechanical unless narrowed by a limit set). */
  limitsDeg: { panMin: number; panMax: number; tiltMin: number; tiltMax: number };
}

export interface SimCameraOptions {
  /** Clock in ms; default performance.now. Share one between cameras and servers for consistent timestamps. */
  now?: () => number;
  /** Starting state; defaults: centred, wide, F4, full auto, powered on, auto focus. */
  initial?: {
    panDeg?: number;
    tiltDeg?: number;
    zoomPosition?: number;
    irisCode?: number;
    aeMode?: AeMode;
    power?: boolean;
    focusPosition?: number;
    focusMode?: 'auto' | 'manual';
  };
  /** Identity reported by the version inquiry; default Sony vendor 0x0001, model 0x0511, ROM 0x0100, 2 sockets. */
  version?: { vendor: number; model: number; rom: number; maxSocket: number };
  /**
   * Codec variant the head speaks (default generic Sony): speed maxima, preset range, and the nibble
   * width of its pan/tilt position answers. Servers decode commands with it too.
   */
  variant?: ViscaCodecVariant;
}

/**
 * A simulated camera head. Behaviour worth knowing:
 * - In standby every command but power is refused with `not-executable`; power off stops all motion.
 * - Home, reset, absolute/relative moves, zoom/focus direct and preset recall head for a target; servers
 *   send their completion when the target is reached (`isSettled`). Other commands complete at once.
 * - Zoom-direct beyond the zoom range (0x4000, or 0x7AC0 with digital zoom on) is clamped.
 * - Focus moves need manual focus (else `not-executable`); a focus stop is always accepted.
 * - Iris-direct/step only in manual or iris-priority AE; iris codes 0x01–0x04 or > 0x11 → syntax.
 *   Gain needs manual AE, shutter manual or shutter priority, bright the bright mode.
 */
export class SimCamera {
  readonly now: () => number;
  /** The codec variant the head speaks. */
  readonly variant: ViscaCodecVariant;
  private last: number;
  private readonly head: HeadState;
  private readonly version: { vendor: number; model: number; rom: number; maxSocket: number };

  constructor(opts: SimCameraOptions = {}) {
    this.now = opts.now ?? (() => performance.now());
    this.last = this.now();
    this.variant = opts.variant ?? SONY_GENERIC_VARIANT;
    const i = opts.initial ?? {};
    const u = UNITS_PER_DEGREE;
    const m = MECHANICAL;
    this.head = {
      pan: makeAxis((i.panDeg ?? 0) * u, m.panMin, m.panMax, PAN_MAX_SPEED_DEG_S * u),
      tilt: makeAxis((i.tiltDeg ?? 0) * u, m.tiltMin, m.tiltMax, TILT_MAX_SPEED_DEG_S * u),
      zoom: makeAxis(i.zoomPosition ?? 0, 0, ZOOM_POSITION_MAX, ZOOM_MAX_SPEED),
      focus: makeAxis(i.focusPosition ?? FOCUS_SUBJECT, FOCUS_RANGE.min, FOCUS_RANGE.max, FOCUS_MAX_SPEED),
      irisCode: i.irisCode ?? IRIS_DEFAULT,
      aeMode: i.aeMode ?? 'full-auto',
      power: i.power ?? true,
      focusMode: i.focusMode ?? 'auto',
      digitalZoom: false,
      whiteBalance: 'auto',
      gain: 0,
      shutter: 0,
      bright: 0,
      exposureComp: { on: false, level: 0x07 },
      presets: new Map(),
      variant: this.variant,
    };
    this.version = opts.version ?? { vendor: 0x0001, model: 0x0511, rom: 0x0100, maxSocket: 2 };
  }

  /** Current state, integrated up to now. */
  snapshot(): SimCameraSnapshot {
    this.advance();
    const h = this.head;
    const u = UNITS_PER_DEGREE;
    const panV = actualVelocity(h.pan) / u;
    const tiltV = actualVelocity(h.tilt) / u;
    const zoomV = actualVelocity(h.zoom);
    return {
      panDeg: h.pan.pos / u,
      tiltDeg: h.tilt.pos / u,
      zoomPosition: h.zoom.pos,
      zoomRatio: zoomRatioOf(h.zoom.pos),
      irisCode: h.irisCode,
      irisF: IRIS_F_NUMBER.get(h.irisCode) ?? null,
      aeMode: h.aeMode,
      power: h.power,
      panVelocityDegS: panV,
      tiltVelocityDegS: tiltV,
      zoomVelocity: zoomV,
      moving: panV !== 0 || tiltV !== 0 || zoomV !== 0,
      focusPosition: h.focus.pos,
      focusMode: h.focusMode,
      digitalZoom: h.digitalZoom,
      whiteBalance: h.whiteBalance,
      gain: h.gain,
      shutter: h.shutter,
      bright: h.bright,
      exposureComp: { ...h.exposureComp },
      presets: [...h.presets.keys()].sort((a, b) => a - b),
      limitsDeg: { panMin: h.pan.min / u, panMax: h.pan.max / u, tiltMin: h.tilt.min / u, tiltMax: h.tilt.max / u },
    };
  }

  /** Executes a command at the current time; the error is what the camera would reply instead of ACK. */
  apply(command: ViscaCommand): ApplyResult {
    this.advance();
    return applyCommand(this.head, command);
  }

  /**
   * True when every axis of `groups` has reached its target (or has none): the moment a camera sends the
   * completion of an absolute move, preset recall or Home. See `settleGroups(command)`.
   */
  isSettled(groups: readonly MotionGroup[]): boolean {
    this.advance();
    return groups.every((g) => axesOf(this.head, g).every((a) => a.target === null));
  }

  /** Stops the axes of `groups` where they are (a cancelled move). */
  halt(groups: readonly MotionGroup[]): void {
    this.advance();
    for (const g of groups) for (const a of axesOf(this.head, g)) halt(a);
  }

  /** Stops all motion where it is (reboot, power loss). Position, settings and presets stay. */
  stopAll(): void {
    this.advance();
    stopAll(this.head);
  }

  /** Answers an inquiry from the current state, in VISCA units (positions rounded to whole units). */
  answer(inquiry: ViscaInquiry): ViscaInquiryAnswer {
    this.advance();
    const h = this.head;
    switch (inquiry) {
      case 'pan-tilt-position':
        return { inquiry, pan: Math.round(h.pan.pos), tilt: Math.round(h.tilt.pos) };
      case 'zoom-position':
        return { inquiry, position: Math.round(h.zoom.pos) };
      case 'focus-position':
        return { inquiry, position: Math.round(h.focus.pos) };
      case 'focus-mode':
        return { inquiry, mode: h.focusMode, raw: FOCUS_MODE_CODE[h.focusMode] };
      case 'iris-position':
        return { inquiry, position: h.irisCode };
      case 'ae-mode':
        return { inquiry, mode: h.aeMode, raw: AE_MODE_CODE[h.aeMode] };
      case 'power':
        return { inquiry, on: h.power };
      case 'version':
        return { inquiry, ...this.version };
      case 'pan-tilt-max-speed':
        return { inquiry, pan: this.variant.panSpeedMax, tilt: this.variant.tiltSpeedMax };
      case 'pan-tilt-status': {
        const moving = actualVelocity(h.pan) !== 0 || actualVelocity(h.tilt) !== 0;
        const raw = panTiltStatusRaw({
          initialisation: 'initialised',
          motion: moving ? 'moving' : 'idle',
          tiltPositionError: false,
          panPositionError: false,
          atLimit: {
            left: h.pan.pos <= h.pan.min,
            right: h.pan.pos >= h.pan.max,
            up: h.tilt.pos >= h.tilt.max,
            down: h.tilt.pos <= h.tilt.min,
          },
        });
        return { inquiry, ...panTiltStatusFromRaw(raw) };
      }
      default: {
        const unknown: never = inquiry;
        return unknown;
      }
    }
  }

  /** Integrates motion from the last read up to now; a clock that steps backwards is ignored. */
  private advance(): void {
    const t = this.now();
    const dt = (t - this.last) / 1000;
    if (!(dt > 0)) return;
    this.last = t;
    const h = this.head;
    for (const a of [h.pan, h.tilt, h.zoom, h.focus]) integrate(a, dt);
  }
}
