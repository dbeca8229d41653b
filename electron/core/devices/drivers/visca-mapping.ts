/**
 * Pure conversions between the console's normalised units and VISCA's native ones, through a model's
 * data: velocities → drive commands, native positions → DevicePosition, normalised targets → native.
 */
import type { DevicePosition } from '../../../../shared/model/device-status';
import type { IrisMode } from '../../../../shared/model/lens';
import type { Velocity } from '../../../../shared/model/motion';
import { clamp } from '../../../../shared/util/clamp';
import type { AeMode, ViscaCommand, ViscaInquiryAnswer } from '../protocols/visca/visca-types';
import { speedStep, type ViscaModel } from './visca-models';

/** Axes that travel together in one VISCA command. */
export type MotionGroup = 'pan-tilt' | 'zoom' | 'focus';
export const MOTION_GROUPS: readonly MotionGroup[] = ['pan-tilt', 'zoom', 'focus'];

export interface ResponseCurve {
  /** Exponent applied to |speed| before scaling to native steps; 1 = linear. */
  exponent: number;
}

/** The drive command for one group at the given velocity (a stop when its axes are zero). */
export function motionCommand(
  group: MotionGroup,
  v: Readonly<Velocity>,
  model: ViscaModel,
  curve: ResponseCurve,
): ViscaCommand {
  switch (group) {
    case 'pan-tilt':
      return {
        kind: 'pan-tilt-drive',
        pan: v.pan > 0 ? 'right' : v.pan < 0 ? 'left' : 'stop',
        tilt: v.tilt > 0 ? 'up' : v.tilt < 0 ? 'down' : 'stop',
        // Stopped axes still carry a valid speed byte (1), so a stop always encodes the same bytes.
        panSpeed: v.pan === 0 ? 1 : speedStep(v.pan, model.codec.panSpeedMax, curve.exponent),
        tiltSpeed: v.tilt === 0 ? 1 : speedStep(v.tilt, model.codec.tiltSpeedMax, curve.exponent),
      };
    case 'zoom':
      return {
        kind: 'zoom-drive',
        direction: v.zoom > 0 ? 'tele' : v.zoom < 0 ? 'wide' : 'stop',
        // Variable zoom speed 0 is the slowest motion, not a stop.
        speed: v.zoom === 0 ? 0 : speedStep(v.zoom, model.zoomSpeedMax, curve.exponent, 0),
      };
    case 'focus':
      return {
        kind: 'focus-drive',
        direction: v.focus > 0 ? 'far' : v.focus < 0 ? 'near' : 'stop',
        speed: v.focus === 0 ? 0 : speedStep(v.focus, model.focusSpeedMax, curve.exponent, 0),
      };
  }
}

/** The stop command of a group. */
export function stopCommand(group: MotionGroup, model: ViscaModel): ViscaCommand {
  return motionCommand(group, { pan: 0, tilt: 0, zoom: 0, focus: 0 }, model, { exponent: 1 });
}

/** What the driver last learned from inquiries, in native units; null until answered. */
export interface NativePosition {
  pan: number | null;
  tilt: number | null;
  zoom: number | null;
  iris: number | null;
  ae: AeMode | 'unknown' | null;
}

/** Rounds to `decimals` places without binary-fraction noise (4.6, not 4.6000000000000005). */
/** What an inquiry answer teaches about the head; answers that carry no position change nothing. */
export function foldAnswer(n: NativePosition, a: ViscaInquiryAnswer): NativePosition {
  switch (a.inquiry) {
    case 'pan-tilt-position':
      return { ...n, pan: a.pan, tilt: a.tilt };
    case 'zoom-position':
      return { ...n, zoom: a.position };
    case 'iris-position':
      return { ...n, iris: a.position };
    case 'ae-mode':
      return { ...n, ae: a.mode };
    default:
      return n;
  }
}

const round = (v: number, decimals: number) => Math.round(v * 10 ** decimals) / 10 ** decimals;

/** Native position → normalised + physical readout; null until pan/tilt and zoom are known. */
export function toDevicePosition(n: NativePosition, model: ViscaModel): DevicePosition | null {
  if (n.pan === null || n.tilt === null || n.zoom === null) return null;
  const unit = (v: number, min: number, max: number) => clamp((v - min) / (max - min), 0, 1);
  const zoomNorm = unit(n.zoom, 0, model.zoom.max);
  const irisIndex = n.iris === null ? -1 : nearestIrisIndex(n.iris, model);
  const irisStep = irisIndex >= 0 ? model.iris[irisIndex] : undefined;
  return {
    pan: unit(n.pan, model.pan.min, model.pan.max),
    tilt: unit(n.tilt, model.tilt.min, model.tilt.max),
    zoom: zoomNorm,
    iris: irisStep ? irisIndex / (model.iris.length - 1) : null,
    panDeg: round(n.pan / model.pan.unitsPerDegree, 2),
    tiltDeg: round(n.tilt / model.tilt.unitsPerDegree, 2),
    // Optical zoom ratio modelled as exponential in position (how the simulator and most blocks behave).
    zoomRatio: round(Math.pow(model.zoom.ratioAtMax, zoomNorm), 2),
    irisF: irisStep?.f ?? null,
    irisMode: aeToIrisMode(n.ae),
  };
}

export function aeToIrisMode(ae: NativePosition['ae']): IrisMode | null {
  if (ae === null || ae === 'unknown') return null;
  return ae === 'manual' || ae === 'iris-priority' ? 'manual' : 'auto';
}

/** Normalised pan/tilt 0..1 (as `toDevicePosition` reports them) → native absolute position units. */
export function panTiltNative(pan: number, tilt: number, model: ViscaModel): { pan: number; tilt: number } {
  const native = (v: number, r: { min: number; max: number }) => Math.round(r.min + clamp(v, 0, 1) * (r.max - r.min));
  return { pan: native(pan, model.pan), tilt: native(tilt, model.tilt) };
}

/** Normalised zoom 0..1 → native zoom position. */
export function zoomNative(position: number, model: ViscaModel): number {
  return Math.round(clamp(position, 0, 1) * model.zoom.max);
}

/** Normalised iris opening 0..1 → the nearest step's native code. */
export function irisNative(position: number, model: ViscaModel): number {
  const index = Math.round(clamp(position, 0, 1) * (model.iris.length - 1));
  return model.iris[index]!.code;
}

function nearestIrisIndex(code: number, model: ViscaModel): number {
  let best = 0;
  model.iris.forEach((s, i) => {
    if (Math.abs(s.code - code) < Math.abs(model.iris[best]!.code - code)) best = i;
  });
  return best;
}
