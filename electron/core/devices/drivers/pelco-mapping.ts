/**
 * Pure conversions between the console's normalised units and Pelco's native ones: velocities → one
 * motion frame's bits and speeds, position query answers → DevicePosition, and wire timing.
 */
import type { DevicePosition } from '../../../../shared/model/device-status';
import type { Velocity } from '../../../../shared/model/motion';
import { clamp } from '../../../../shared/util/clamp';
import {
  PELCO_SPEED_MAX,
  ZOOM_POSITION_MAX,
  pelcoPanToDegrees,
  pelcoTiltToDegrees,
  type PelcoMotion,
  type PelcoTiltSense,
} from '../protocols/pelco';

export interface PelcoSpeedOptions {
  /** Response-curve exponent: |speed|^exponent is scaled to the 0x00–0x3F steps; 1 = linear. */
  exponent: number;
  /** Full pan deflection sends the turbo speed (Pelco-D FF / Pelco-P 40) instead of 0x3F. */
  turbo: boolean;
}

/**
 * Normalised speed magnitude (0..1] → Pelco step 0x00–0x3F. 0x00 is the slowest *moving* speed (the
 * direction bits, not the speed, say stop), so the whole 64-step range is used.
 */
export function pelcoSpeedStep(magnitude: number, exponent: number): number {
  const m = Math.min(1, Math.abs(magnitude));
  return clamp(Math.round(Math.pow(m, exponent) * PELCO_SPEED_MAX), 0, PELCO_SPEED_MAX);
}

/**
 * The one standard frame that carries every axis. Pan/tilt get speeds; zoom and focus have no speed in
 * this frame (set separately with the 25/27 extended commands), so only their direction is used. Iris is
 * not a continuous axis of the console: always stopped. Stopped axes carry speed 0, so a stop always
 * encodes to the same bytes (`FF addr 00 00 00 00 sum`).
 */
export function pelcoMotionFor(v: Readonly<Velocity>, o: PelcoSpeedOptions): PelcoMotion {
  return {
    pan: v.pan > 0 ? 'right' : v.pan < 0 ? 'left' : 'stop',
    tilt: v.tilt > 0 ? 'up' : v.tilt < 0 ? 'down' : 'stop',
    zoom: v.zoom > 0 ? 'tele' : v.zoom < 0 ? 'wide' : 'stop',
    focus: v.focus > 0 ? 'far' : v.focus < 0 ? 'near' : 'stop',
    iris: 'stop',
    panSpeed: v.pan === 0 ? 0 : o.turbo && Math.abs(v.pan) >= 1 ? 'turbo' : pelcoSpeedStep(v.pan, o.exponent),
    tiltSpeed: v.tilt === 0 ? 0 : pelcoSpeedStep(v.tilt, o.exponent),
  };
}

/** What the receiver last answered to the position queries (native units); null until answered. */
export interface PelcoNativePosition {
  /** 1/100°, 0–35999. */
  pan: number | null;
  /** 1/100°, 0–35999, in the receiver's tilt sense. */
  tilt: number | null;
  /** Device-specific 0–0xFFFF. */
  zoom: number | null;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * Native answers → DevicePosition, once pan and tilt are both known (null before). Mapping:
 * - pan: 0–35999 → panDeg in (−180, 180] (+ right); normalised pan = (panDeg + 180) / 360.
 * - tilt: signed by `sense` → tiltDeg (+ up); normalised tilt = (tiltDeg + 90) / 180, clamped to 0..1
 *   (a dome's −90° straight down is 0, the horizon 0.5, straight up 1).
 * - zoom: device-specific scale, taken as 0 (wide) … 0xFFFF (tele); 0 until the receiver answers the
 *   zoom query (DevicePosition has no "unknown" zoom); no optical ratio is known.
 * Pelco reports no iris or exposure mode.
 */
export function toPelcoDevicePosition(n: PelcoNativePosition, sense: PelcoTiltSense): DevicePosition | null {
  if (n.pan === null || n.tilt === null) return null;
  const panDeg = pelcoPanToDegrees(n.pan);
  const tiltDeg = pelcoTiltToDegrees(n.tilt, sense);
  return {
    pan: clamp((panDeg + 180) / 360, 0, 1),
    tilt: clamp((tiltDeg + 90) / 180, 0, 1),
    zoom: n.zoom === null ? 0 : clamp(n.zoom / ZOOM_POSITION_MAX, 0, 1),
    iris: null,
    panDeg: round2(panDeg),
    tiltDeg: round2(tiltDeg),
    zoomRatio: null,
    irisF: null,
    irisMode: null,
  };
}

/** Normalised zoom 0..1 → the set-zoom-position value (device-specific 0–0xFFFF scale). */
export function pelcoZoomNative(position: number): number {
  return Math.round(clamp(position, 0, 1) * ZOOM_POSITION_MAX);
}

/** Time a frame occupies the wire, ms, rounded up: 8N1 = 10 bits per byte. 7 bytes at 2400 bps → 30 ms. */
export function frameMs(bytes: number, baud: number): number {
  return Math.ceil((bytes * 10 * 1000) / baud);
}
