/**
 * The message bytes (after the header, before FF) of every VISCA command, one row per command kind, from
 * protocols.md §1.4–§1.6. Rows range-check their arguments and throw RangeError; wire-format differences
 * between models come from the codec variant.
 */
import { writeNibbles } from './visca-nibbles';
import { byteFor, checkRange } from './visca-range';
import {
  AE_MODE_CODE,
  DRIVE_SPEED_MAX,
  DRIVE_SPEED_MIN,
  FOCUS_MODE_CODE,
  IRIS_STEP_CODE,
  LIMIT_CORNER_CODE,
  PAN_DIRECTION_BYTE,
  POWER_ON,
  POWER_STANDBY,
  PRESET_ACTION_CODE,
  SWITCH_OFF,
  SWITCH_ON,
  TILT_DIRECTION_BYTE,
  WHITE_BALANCE_CODE,
} from './visca-tables';
import type { ViscaCommand, ViscaCommandKind } from './visca-types';
import { positionRange, type ViscaCodecVariant } from './visca-variants';

type CommandOf<K extends ViscaCommandKind> = Extract<ViscaCommand, { kind: K }>;
type Encoder<K extends ViscaCommandKind> = (cmd: CommandOf<K>, v: ViscaCodecVariant) => number[];

/** Prefix of a camera command (`01 04 …`) and a pan-tilter command (`01 06 …`). */
const CAM = [0x01, 0x04] as const;
const PT = [0x01, 0x06] as const;

/** `count` nibble bytes of `value` (two's complement when negative). */
export function nibbles(value: number, count: number): number[] {
  const out = new Uint8Array(count);
  writeNibbles(out, 0, value, count);
  return Array.from(out);
}

/** Variable drive byte: `00` stop, `2p` for the first direction, `3p` for the second (p = speed 0–7). */
function driveByte(what: string, direction: 'first' | 'second' | 'stop', speed: number | undefined): number {
  if (direction === 'stop') return 0x00;
  checkRange(`${what} speed`, speed ?? Number.NaN, DRIVE_SPEED_MIN, DRIVE_SPEED_MAX);
  return (direction === 'first' ? 0x20 : 0x30) | (speed ?? 0);
}

/** `00 00 0p 0q`: a one-byte value spread over four nibble bytes. */
function byteValue(what: string, position: number): number[] {
  checkRange(what, position, 0, 0xff);
  return nibbles(position, 4);
}

/** Speed bytes of an absolute/relative move: `VV WW`, or `VV 00` with a single-speed-byte variant. */
function moveSpeeds(cmd: { panSpeed: number; tiltSpeed: number }, v: ViscaCodecVariant): number[] {
  checkRange('pan speed', cmd.panSpeed, 1, v.panSpeedMax);
  if (v.singleSpeedByte) return [cmd.panSpeed, 0x00];
  checkRange('tilt speed', cmd.tiltSpeed, 1, v.tiltSpeedMax);
  return [cmd.panSpeed, cmd.tiltSpeed];
}

/** Pan then tilt, each signed over the variant's nibble width. */
function movePositions(what: string, cmd: { pan: number; tilt: number }, v: ViscaCodecVariant): number[] {
  const { min, max } = positionRange(v);
  checkRange(`pan ${what}`, cmd.pan, min, max);
  checkRange(`tilt ${what}`, cmd.tilt, min, max);
  return [...nibbles(cmd.pan, v.positionNibbles), ...nibbles(cmd.tilt, v.positionNibbles)];
}

/** The limit clear pattern `07 0F 0F 0F 07 0F 0F 0F` (0x7FFF twice). */
const LIMIT_CLEAR_PATTERN = [0x07, 0x0f, 0x0f, 0x0f, 0x07, 0x0f, 0x0f, 0x0f] as const;
/** Limit positions are 16-bit on every model in §1.6 (FR7-class 20-bit limits are not documented). */
const LIMIT_NIBBLES = 4;

/** One encoder per command kind; a mapped type, so a new kind without a row fails to compile. */
export const COMMAND_ENCODERS: { readonly [K in ViscaCommandKind]: Encoder<K> } = {
  power: (c) => [...CAM, 0x00, c.on ? POWER_ON : POWER_STANDBY],
  'if-clear': () => [0x01, 0x00, 0x01],
  'pan-tilt-drive': (c, v) => {
    checkRange('pan speed', c.panSpeed, 1, v.panSpeedMax);
    checkRange('tilt speed', c.tiltSpeed, 1, v.tiltSpeedMax);
    return [
      ...PT,
      0x01,
      c.panSpeed,
      c.tiltSpeed,
      byteFor('pan direction', PAN_DIRECTION_BYTE, c.pan),
      byteFor('tilt direction', TILT_DIRECTION_BYTE, c.tilt),
    ];
  },
  'pan-tilt-home': () => [...PT, 0x04],
  'pan-tilt-reset': () => [...PT, 0x05],
  'pan-tilt-absolute': (c, v) => [...PT, 0x02, ...moveSpeeds(c, v), ...movePositions('position', c, v)],
  'pan-tilt-relative': (c, v) => [...PT, 0x03, ...moveSpeeds(c, v), ...movePositions('delta', c, v)],
  'pan-tilt-limit-set': (c) => {
    checkRange('pan limit', c.pan, -0x8000, 0x7fff);
    checkRange('tilt limit', c.tilt, -0x8000, 0x7fff);
    const w = byteFor('limit corner', LIMIT_CORNER_CODE, c.corner);
    return [...PT, 0x07, 0x00, w, ...nibbles(c.pan, LIMIT_NIBBLES), ...nibbles(c.tilt, LIMIT_NIBBLES)];
  },
  'pan-tilt-limit-clear': (c) => [
    ...PT,
    0x07,
    0x01,
    byteFor('limit corner', LIMIT_CORNER_CODE, c.corner),
    ...LIMIT_CLEAR_PATTERN,
  ],
  'zoom-drive': (c) => {
    const dir = c.direction === 'tele' ? 'first' : c.direction === 'wide' ? 'second' : 'stop';
    return [...CAM, 0x07, driveByte('zoom', dir, c.speed)];
  },
  'zoom-standard': (c) => [...CAM, 0x07, byteFor('zoom direction', { tele: 0x02, wide: 0x03 }, c.direction)],
  'zoom-direct': (c) => {
    checkRange('zoom position', c.position, 0, 0xffff);
    return [...CAM, 0x47, ...nibbles(c.position, 4)];
  },
  'zoom-focus-direct': (c) => {
    checkRange('zoom position', c.zoom, 0, 0xffff);
    checkRange('focus position', c.focus, 0, 0xffff);
    return [...CAM, 0x47, ...nibbles(c.zoom, 4), ...nibbles(c.focus, 4)];
  },
  'digital-zoom': (c) => [...CAM, 0x06, c.on ? SWITCH_ON : SWITCH_OFF],
  'focus-drive': (c) => {
    const dir = c.direction === 'far' ? 'first' : c.direction === 'near' ? 'second' : 'stop';
    return [...CAM, 0x08, driveByte('focus', dir, c.speed)];
  },
  'focus-standard': (c) => [...CAM, 0x08, byteFor('focus direction', { far: 0x02, near: 0x03 }, c.direction)],
  'focus-direct': (c) => {
    checkRange('focus position', c.position, 0, 0xffff);
    return [...CAM, 0x48, ...nibbles(c.position, 4)];
  },
  'focus-mode': (c) => [...CAM, 0x38, byteFor('focus mode', FOCUS_MODE_CODE, c.mode)],
  'focus-one-push': () => [...CAM, 0x18, 0x01],
  'focus-infinity': () => [...CAM, 0x18, 0x02],
  'iris-step': (c) => [...CAM, 0x0b, byteFor('iris action', IRIS_STEP_CODE, c.action)],
  'iris-direct': (c) => [...CAM, 0x4b, ...byteValue('iris position', c.position)],
  'gain-direct': (c) => [...CAM, 0x4c, ...byteValue('gain position', c.position)],
  'shutter-direct': (c) => [...CAM, 0x4a, ...byteValue('shutter position', c.position)],
  'bright-direct': (c) => [...CAM, 0x4d, ...byteValue('bright position', c.position)],
  'ae-mode': (c) => [...CAM, 0x39, byteFor('AE mode', AE_MODE_CODE, c.mode)],
  'exposure-comp': (c) => [...CAM, 0x3e, c.on ? SWITCH_ON : SWITCH_OFF],
  'exposure-comp-direct': (c) => [...CAM, 0x4e, ...byteValue('exposure compensation position', c.position)],
  'white-balance': (c) => [...CAM, 0x35, byteFor('white balance mode', WHITE_BALANCE_CODE, c.mode)],
  preset: (c, v) => {
    checkRange('preset number', c.preset, 0, v.presetMax);
    return [...CAM, 0x3f, byteFor('preset action', PRESET_ACTION_CODE, c.action), c.preset];
  },
};
