/**
 * Controller-side encoders: a semantic Pelco command → the exact bytes of a Pelco-D or Pelco-P frame.
 * Out-of-range caller arguments throw a RangeError naming the value; nothing here comes from the wire.
 */
import {
  CAMERA_POWER_BYTE,
  EXTENDED_OPCODE,
  LENS_SPEED_MAX,
  MOTION_BITS,
  PELCO_ADDRESS_RANGE,
  PELCO_ANGLE_MAX,
  PELCO_D_FRAME_LENGTH,
  PELCO_D_SYNC,
  PELCO_P_ETX,
  PELCO_P_FRAME_LENGTH,
  PELCO_P_STX,
  PELCO_SPEED_MAX,
  PELCO_TURBO,
  PRESET_RANGE,
  QUERY_OPCODE,
  ZOOM_POSITION_MAX,
  pelcoDChecksum,
  pelcoPChecksum,
  type PelcoBit,
  type PelcoVariant,
} from './pelco-tables';
import type { PelcoCommand, PelcoMotion } from './pelco-types';

const isIntIn = (v: number, min: number, max: number): boolean => Number.isInteger(v) && v >= min && v <= max;

function requireInt(what: string, v: number, min: number, max: number): number {
  if (!isIntIn(v, min, max)) throw new RangeError(`Pelco ${what} must be an integer ${min}–${max}, got ${v}`);
  return v;
}

/**
 * Encodes a Pelco-D frame (7 bytes): `FF addr cmd1 cmd2 data1 data2 checksum`, checksum = sum of bytes
 * 1–5 mod 256.
 * @param address receiver address 1–255 (255 is legal but equals the sync byte; avoid it on mixed buses)
 * @throws RangeError for an address, speed, preset, mode or position outside its range
 */
export function encodePelcoD(address: number, cmd: PelcoCommand): Uint8Array {
  const { min, max } = PELCO_ADDRESS_RANGE.d;
  requireInt('D address', address, min, max);
  const frame = new Uint8Array(PELCO_D_FRAME_LENGTH);
  frame[0] = PELCO_D_SYNC;
  frame[1] = address;
  frame.set(encodePelcoBody('d', cmd), 2);
  frame[6] = pelcoDChecksum(frame);
  return frame;
}

/**
 * Encodes a Pelco-P frame (8 bytes): `A0 addr data1 data2 data3 data4 AF checksum`, checksum = XOR of
 * bytes 0–6 (A0 and AF included).
 * @param address receiver address 1–256 as printed on the dome; sent zero-based (camera 1 = `00`)
 * @throws RangeError for an address, speed, preset, mode or position outside its range
 */
export function encodePelcoP(address: number, cmd: PelcoCommand): Uint8Array {
  const { min, max } = PELCO_ADDRESS_RANGE.p;
  requireInt('P address', address, min, max);
  const frame = new Uint8Array(PELCO_P_FRAME_LENGTH);
  frame[0] = PELCO_P_STX;
  frame[1] = address - 1;
  frame.set(encodePelcoBody('p', cmd), 2);
  frame[6] = PELCO_P_ETX;
  frame[7] = pelcoPChecksum(frame);
  return frame;
}

/** Encodes for either dialect (`address` as printed). */
export function encodePelco(variant: PelcoVariant, address: number, cmd: PelcoCommand): Uint8Array {
  return variant === 'd' ? encodePelcoD(address, cmd) : encodePelcoP(address, cmd);
}

/**
 * The four command bytes between address and trailer (Pelco-D cmd1 cmd2 data1 data2; Pelco-P data1–4),
 * which have the same positions in both dialects.
 */
export function encodePelcoBody(variant: PelcoVariant, cmd: PelcoCommand): [number, number, number, number] {
  switch (cmd.kind) {
    case 'motion':
      return motionBody(variant, cmd.motion);
    case 'camera-power':
      return [cmd.on ? CAMERA_POWER_BYTE[variant].on : CAMERA_POWER_BYTE[variant].off, 0, 0, 0];
    case 'preset-set':
    case 'preset-clear':
    case 'preset-go':
      return extended(cmd.kind, 0, requireInt('preset', cmd.preset, PRESET_RANGE.min, PRESET_RANGE.max));
    case 'remote-reset':
      return extended(cmd.kind, 0, 0);
    case 'zoom-speed':
    case 'focus-speed':
      return extended(cmd.kind, 0, requireInt(cmd.kind, cmd.speed, 0, LENS_SPEED_MAX));
    case 'auto-focus':
    case 'auto-iris':
      return extended(cmd.kind, 0, requireInt(`${cmd.kind} mode`, cmd.mode, 0, 0xff));
    case 'set-pan-position':
    case 'set-tilt-position': {
      const v = requireInt(`${cmd.kind} (1/100°)`, cmd.hundredthsOfDegree, 0, PELCO_ANGLE_MAX);
      return extended(cmd.kind, v >> 8, v & 0xff);
    }
    case 'set-zoom-position': {
      const v = requireInt('zoom position', cmd.position, 0, ZOOM_POSITION_MAX);
      return extended(cmd.kind, v >> 8, v & 0xff);
    }
    case 'query':
      return [0, QUERY_OPCODE[cmd.what], 0, 0];
    default: {
      const unknown: never = cmd;
      throw new RangeError(`unknown Pelco command ${JSON.stringify(unknown)}`);
    }
  }
}

function extended(kind: keyof typeof EXTENDED_OPCODE, msb: number, lsb: number): [number, number, number, number] {
  return [0, EXTENDED_OPCODE[kind], msb, lsb];
}

function motionBody(variant: PelcoVariant, m: PelcoMotion): [number, number, number, number] {
  const bits = MOTION_BITS[variant];
  const bytes: [number, number] = [0, 0];
  const set = (b: PelcoBit): void => {
    bytes[b.byte] |= b.mask;
  };
  if (m.pan === 'left') set(bits.panLeft);
  else if (m.pan === 'right') set(bits.panRight);
  if (m.tilt === 'up') set(bits.tiltUp);
  else if (m.tilt === 'down') set(bits.tiltDown);
  if (m.zoom === 'tele') set(bits.zoomTele);
  else if (m.zoom === 'wide') set(bits.zoomWide);
  if (m.focus === 'far') set(bits.focusFar);
  else if (m.focus === 'near') set(bits.focusNear);
  if (m.iris === 'open') set(bits.irisOpen);
  else if (m.iris === 'close') set(bits.irisClose);
  const panSpeed =
    m.panSpeed === 'turbo' ? PELCO_TURBO[variant] : requireInt('pan speed', m.panSpeed, 0, PELCO_SPEED_MAX);
  const tiltSpeed = requireInt('tilt speed', m.tiltSpeed, 0, PELCO_SPEED_MAX);
  return [bytes[0], bytes[1], panSpeed, tiltSpeed];
}
