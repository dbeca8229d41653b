/**
 * Drives the VISCA-native SimCamera from Pelco commands, and reads Pelco position answers from it. Pure
 * mapping (no I/O, no clock): the responder owns receivers and framing.
 */
import { DRIVE_SPEED_MAX, type ViscaCodecVariant, type ViscaCommand } from '../devices/protocols/visca';
import {
  LENS_SPEED_MAX,
  PELCO_SPEED_MAX,
  ZOOM_POSITION_MAX as PELCO_ZOOM_MAX,
  degreesToPelcoPan,
  degreesToPelcoTilt,
  pelcoPanToDegrees,
  pelcoTiltToDegrees,
  type PelcoCommand,
  type PelcoTiltSense,
} from '../devices/protocols/pelco';
import { UNITS_PER_DEGREE, ZOOM_POSITION_MAX, type SimCameraSnapshot } from './camera-model';

/** Per-receiver Pelco state the camera head doesn't keep: lens speeds set by 25/27 (0–3). */
export interface PelcoLensSpeeds {
  zoom: number;
  focus: number;
}

/** Lens speeds a receiver starts with: the fastest, as most domes ship. */
export const DEFAULT_LENS_SPEEDS: Readonly<PelcoLensSpeeds> = { zoom: LENS_SPEED_MAX, focus: LENS_SPEED_MAX };

/** Pelco "go to preset" numbers with fixed meanings on Pelco domes (protocols.md §3.3). */
export const PRESET_FLIP = 0x21;
export const PRESET_ZERO_PAN = 0x22;

/**
 * Pelco pan/tilt speed 0x00–0x3F (or turbo) → the head's VISCA step 1…max: proportional, so 0x3F is the
 * head's fastest drive and 0x00 its slowest (Pelco 0 is a crawl, not a stop); turbo = fastest.
 */
export function viscaSpeedOf(pelco: number | 'turbo', max: number): number {
  if (pelco === 'turbo') return max;
  return Math.max(1, Math.min(max, Math.round((pelco / PELCO_SPEED_MAX) * max)));
}

/** Pelco lens speed 0–3 → VISCA variable speed 0–7. */
export function viscaLensSpeedOf(pelco: number): number {
  return Math.round((Math.min(LENS_SPEED_MAX, Math.max(0, pelco)) / LENS_SPEED_MAX) * DRIVE_SPEED_MAX);
}

/** What the head should do for one Pelco command. */
export interface PelcoEffect {
  /** VISCA commands for the head, in order. */
  head: ViscaCommand[];
  /** New lens speeds (for 25/27). */
  speeds?: PelcoLensSpeeds;
  /** Stop everything where it is (remote reset). */
  reset?: boolean;
  /**
   * Where pan/tilt are now heading after an absolute move (remember it: the next single-axis set must
   * keep the other axis's target), or null when the head drives freely again. Absent: unchanged.
   */
  target?: PanTilt | null;
}

/** A pan/tilt pair in degrees (+ right, + up). */
export interface PanTilt {
  panDeg: number;
  tiltDeg: number;
}

/**
 * Maps a Pelco command onto the head. A motion frame sets every axis at once (Pelco is stateless per
 * frame): an axis left out of it stops. Set pan / set tilt move one axis; the other keeps heading for
 * `heading` (its target if an absolute move is under way, else where it is). Not modelled (recorded by
 * the responder only): iris open/close, auto-focus / auto-iris modes, and queries (answered, not applied).
 */
export function headCommandsFor(
  cmd: PelcoCommand,
  heading: Readonly<PanTilt>,
  speeds: Readonly<PelcoLensSpeeds>,
  variant: ViscaCodecVariant,
  tiltSense: PelcoTiltSense,
): PelcoEffect {
  const units = (deg: number): number => Math.round(deg * UNITS_PER_DEGREE);
  const absolute = (panDeg: number, tiltDeg: number): PelcoEffect => ({
    head: [
      {
        kind: 'pan-tilt-absolute',
        pan: units(panDeg),
        tilt: units(tiltDeg),
        panSpeed: variant.panSpeedMax,
        tiltSpeed: variant.tiltSpeedMax,
      },
    ],
    target: { panDeg, tiltDeg },
  });
  switch (cmd.kind) {
    case 'motion': {
      const m = cmd.motion;
      const zoomSpeed = viscaLensSpeedOf(speeds.zoom);
      const focusSpeed = viscaLensSpeedOf(speeds.focus);
      return {
        target: null,
        head: [
          {
            kind: 'pan-tilt-drive',
            pan: m.pan,
            tilt: m.tilt,
            panSpeed: viscaSpeedOf(m.panSpeed, variant.panSpeedMax),
            tiltSpeed: viscaSpeedOf(m.tiltSpeed, variant.tiltSpeedMax),
          },
          m.zoom === 'stop'
            ? { kind: 'zoom-drive', direction: 'stop' }
            : { kind: 'zoom-drive', direction: m.zoom, speed: zoomSpeed },
          m.focus === 'stop'
            ? { kind: 'focus-drive', direction: 'stop' }
            : { kind: 'focus-drive', direction: m.focus, speed: focusSpeed },
        ],
      };
    }
    case 'camera-power':
      return { head: [{ kind: 'power', on: cmd.on }], ...(cmd.on ? {} : { target: null }) };
    case 'zoom-speed':
      return { head: [], speeds: { ...speeds, zoom: cmd.speed } };
    case 'focus-speed':
      return { head: [], speeds: { ...speeds, focus: cmd.speed } };
    case 'set-pan-position':
      return absolute(pelcoPanToDegrees(cmd.hundredthsOfDegree), heading.tiltDeg);
    case 'set-tilt-position':
      return absolute(heading.panDeg, pelcoTiltToDegrees(cmd.hundredthsOfDegree, tiltSense));
    case 'set-zoom-position':
      return {
        head: [{ kind: 'zoom-direct', position: Math.round((cmd.position / PELCO_ZOOM_MAX) * ZOOM_POSITION_MAX) }],
      };
    case 'preset-go':
      if (cmd.preset === PRESET_ZERO_PAN) return absolute(0, heading.tiltDeg);
      if (cmd.preset === PRESET_FLIP) return absolute(wrap180(heading.panDeg + 180), heading.tiltDeg);
      return { head: presetCommand('recall', cmd.preset, variant), target: null };
    case 'preset-set':
      return { head: presetCommand('set', cmd.preset, variant) };
    case 'preset-clear':
      return { head: presetCommand('reset', cmd.preset, variant) };
    case 'remote-reset':
      return { head: [], reset: true, target: null };
    case 'auto-focus':
    case 'auto-iris':
    case 'query':
      return { head: [] };
    default: {
      const unknown: never = cmd;
      return unknown;
    }
  }
}

/** Pelco presets map 1:1 onto the head's native slots; numbers past the head's memory are ignored. */
function presetCommand(action: 'set' | 'reset' | 'recall', preset: number, variant: ViscaCodecVariant): ViscaCommand[] {
  return preset <= variant.presetMax ? [{ kind: 'preset', action, preset }] : [];
}

function wrap180(deg: number): number {
  return deg > 180 ? deg - 360 : deg;
}

/** The head's position as Pelco answers it: pan/tilt in 1/100°, zoom scaled to 0–0xFFFF. */
export function pelcoPositionOf(
  what: 'pan' | 'tilt' | 'zoom',
  s: SimCameraSnapshot,
  tiltSense: PelcoTiltSense,
): number {
  switch (what) {
    case 'pan':
      return degreesToPelcoPan(s.panDeg);
    case 'tilt':
      return degreesToPelcoTilt(s.tiltDeg, tiltSense);
    case 'zoom':
      // Digital zoom runs past the optical end: Pelco's scale stops at its maximum.
      return Math.min(PELCO_ZOOM_MAX, Math.round((s.zoomPosition / ZOOM_POSITION_MAX) * PELCO_ZOOM_MAX));
  }
}
