/**
 * Pelco-D and Pelco-P byte tables shared by the encoders, decoders and framer, transcribed from
 * ../shared/reference/protocols.md §3 (Pelco-D) and §4 (Pelco-P).
 */
import type { PelcoCommand, PelcoMotion } from './pelco-types';

/** Which Pelco dialect a frame is in. */
export type PelcoVariant = 'd' | 'p';

/** Pelco-D sync byte (first of 7). */
export const PELCO_D_SYNC = 0xff;
/** Pelco-P start byte (first of 8). */
export const PELCO_P_STX = 0xa0;
/** Pelco-P end byte (7th of 8, before the checksum). */
export const PELCO_P_ETX = 0xaf;
/** Whole frame lengths, sync and checksum included, in bytes. */
export const PELCO_D_FRAME_LENGTH = 7;
export const PELCO_P_FRAME_LENGTH = 8;

/** Highest pan/tilt speed step (slowest is 0x00). */
export const PELCO_SPEED_MAX = 0x3f;
/** Pan speed byte meaning "turbo": Pelco-D 0xFF, Pelco-P 0x40. */
export const PELCO_TURBO: Readonly<Record<PelcoVariant, number>> = { d: 0xff, p: 0x40 };

/** Receiver addresses as printed on the dome's DIP switches. Pelco-P sends `address − 1`. */
export const PELCO_ADDRESS_RANGE: Readonly<Record<PelcoVariant, { min: number; max: number }>> = {
  d: { min: 1, max: 255 },
  p: { min: 1, max: 256 },
};

/** Pan/tilt positions in 1/100° run 0…35999. */
export const PELCO_ANGLE_MAX = 35999;

/** One bit of the two standard command bytes (index 0 = cmd1 / data1, 1 = cmd2 / data2). */
export interface PelcoBit {
  readonly byte: 0 | 1;
  readonly mask: number;
}

type MotionBits = Readonly<{
  focusNear: PelcoBit;
  focusFar: PelcoBit;
  irisOpen: PelcoBit;
  irisClose: PelcoBit;
  zoomWide: PelcoBit;
  zoomTele: PelcoBit;
  tiltDown: PelcoBit;
  tiltUp: PelcoBit;
  panLeft: PelcoBit;
  panRight: PelcoBit;
}>;

const bit = (byte: 0 | 1, mask: number): PelcoBit => ({ byte, mask });

/**
 * Standard-command bit layouts. Focus is where the dialects differ: Pelco-D keeps far in cmd2 bit 7 and
 * near in cmd1 bit 0; Pelco-P has both in data1 (bit 0 far, bit 1 near), and its iris bits sit one higher.
 */
export const MOTION_BITS: Readonly<Record<PelcoVariant, MotionBits>> = {
  d: {
    focusNear: bit(0, 0x01),
    irisOpen: bit(0, 0x02),
    irisClose: bit(0, 0x04),
    focusFar: bit(1, 0x80),
    zoomWide: bit(1, 0x40),
    zoomTele: bit(1, 0x20),
    tiltDown: bit(1, 0x10),
    tiltUp: bit(1, 0x08),
    panLeft: bit(1, 0x04),
    panRight: bit(1, 0x02),
  },
  p: {
    focusFar: bit(0, 0x01),
    focusNear: bit(0, 0x02),
    irisOpen: bit(0, 0x04),
    irisClose: bit(0, 0x08),
    zoomWide: bit(1, 0x40),
    zoomTele: bit(1, 0x20),
    tiltDown: bit(1, 0x10),
    tiltUp: bit(1, 0x08),
    panLeft: bit(1, 0x04),
    panRight: bit(1, 0x02),
  },
};

/** Every bit of the first command byte a motion frame may carry (anything else is another command). */
export const MOTION_BYTE0_MASK: Readonly<Record<PelcoVariant, number>> = { d: 0x07, p: 0x0f };
/** Every bit of the second command byte a motion frame may carry (bit 0 set = extended command). */
export const MOTION_BYTE1_MASK = 0xfe;

/**
 * Camera power in the first command byte. Pelco-D: sense (bit 7) + camera on/off (bit 3), as in the
 * reference's `FF 01 88 00 00 00 89` / `FF 01 08 00 00 00 09`. Pelco-P: "camera on" (bit 6) + camera
 * on/off (bit 4) by the same pattern; the reference gives no Pelco-P power example (low confidence).
 */
export const CAMERA_POWER_BYTE: Readonly<Record<PelcoVariant, { on: number; off: number }>> = {
  d: { on: 0x88, off: 0x08 },
  p: { on: 0x50, off: 0x10 },
};

/** Extended commands: the odd second command byte; the first command byte is 00 (same in both dialects). */
export const EXTENDED_OPCODE = {
  'preset-set': 0x03,
  'preset-clear': 0x05,
  'preset-go': 0x07,
  'remote-reset': 0x0f,
  'zoom-speed': 0x25,
  'focus-speed': 0x27,
  'auto-focus': 0x2b,
  'auto-iris': 0x2d,
  'set-pan-position': 0x4b,
  'set-tilt-position': 0x4d,
  'set-zoom-position': 0x4f,
} as const satisfies Partial<Record<PelcoCommand['kind'], number>>;

export type ExtendedKind = keyof typeof EXTENDED_OPCODE;

/** Position queries (controller → receiver). */
export const QUERY_OPCODE: Readonly<Record<'pan' | 'tilt' | 'zoom', number>> = { pan: 0x51, tilt: 0x53, zoom: 0x55 };
/** Position query responses (receiver → controller). */
export const RESPONSE_OPCODE: Readonly<Record<'pan' | 'tilt' | 'zoom', number>> = {
  pan: 0x59,
  tilt: 0x5b,
  zoom: 0x5d,
};

/** Preset numbers 1–255 (older receivers: 1–32; `0x21` flip and `0x22` zero pan are presets too). */
export const PRESET_RANGE = { min: 1, max: 255 } as const;
/** Zoom / focus lens speed 0 (slowest) – 3 (fastest). */
export const LENS_SPEED_MAX = 3;
/** Set-zoom-position range (device-specific scale). */
export const ZOOM_POSITION_MAX = 0xffff;

/** The all-stop motion: every axis stopped, speeds 0 (`FF 01 00 00 00 00 01` on Pelco-D camera 1). */
export const STOP_MOTION: Readonly<PelcoMotion> = Object.freeze({
  pan: 'stop',
  tilt: 'stop',
  zoom: 'stop',
  focus: 'stop',
  iris: 'stop',
  panSpeed: 0,
  tiltSpeed: 0,
});

/** `FF 01 00 00` for messages. */
export function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}

/** Pelco-D checksum: sum of address … data2 (bytes 1–5) mod 256; the sync byte is excluded. */
export function pelcoDChecksum(frame: Uint8Array): number {
  let sum = 0;
  for (let i = 1; i <= 5; i++) sum += frame[i] ?? 0;
  return sum & 0xff;
}

/** Pelco-P checksum: XOR of bytes 0–6, STX (A0) and ETX (AF) included. */
export function pelcoPChecksum(frame: Uint8Array): number {
  let x = 0;
  for (let i = 0; i <= 6; i++) x ^= frame[i] ?? 0;
  return x;
}
