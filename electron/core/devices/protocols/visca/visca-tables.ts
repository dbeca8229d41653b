/**
 * VISCA byte tables shared by the encoders and decoders (controller and camera side), transcribed from
 * ../shared/reference/protocols.md §1.3, §1.6 and §1.7.
 */
import type {
  AeMode,
  FocusMode,
  LimitCorner,
  PanDirection,
  PresetAction,
  TiltDirection,
  ViscaErrorName,
  ViscaInquiry,
  WhiteBalanceMode,
} from './visca-types';

/** Packet terminator; never appears inside a packet. */
export const TERMINATOR = 0xff;
/** Largest whole packet, header and terminator included, in bytes. */
export const MAX_PACKET_LENGTH = 16;
/** Smallest whole packet: header, one message byte, terminator. */
export const MIN_PACKET_LENGTH = 3;
/** Header byte of a broadcast (controller → every device on a serial chain). */
export const BROADCAST_HEADER = 0x88;

/** Pan speed range of the pan-tilt drive (Sony and PTZOptics), native units. */
export const PAN_SPEED_MIN = 0x01;
export const PAN_SPEED_MAX = 0x18;
/** Tilt speed range of the pan-tilt drive (Sony SRG-300H), native units. */
export const TILT_SPEED_MIN = 0x01;
export const TILT_SPEED_MAX = 0x17;
/** Zoom and focus variable-speed range (`2p` / `3p`), native units. */
export const DRIVE_SPEED_MIN = 0;
export const DRIVE_SPEED_MAX = 7;
/**
 * Variable speed (0–7) a simulated head uses for the standard-speed zoom/focus forms (`07 02`, `07 03`,
 * `08 02`, `08 03`, decoded as `zoom-standard` / `focus-standard`). Real cameras use a model-specific
 * speed; 3 sits in the middle of 0–7.
 */
export const STANDARD_DRIVE_SPEED = 3;

/** Pan direction ⇄ the `PP` byte of the pan-tilt drive. */
export const PAN_DIRECTION_BYTE: Readonly<Record<PanDirection, number>> = { left: 0x01, right: 0x02, stop: 0x03 };
/** Tilt direction ⇄ the `TT` byte of the pan-tilt drive. */
export const TILT_DIRECTION_BYTE: Readonly<Record<TiltDirection, number>> = { up: 0x01, down: 0x02, stop: 0x03 };

/** AE mode ⇄ the `p` nibble of `8x 01 04 39 0p FF` and of the AE-mode inquiry answer. */
export const AE_MODE_CODE: Readonly<Record<AeMode, number>> = {
  'full-auto': 0x00,
  manual: 0x03,
  'shutter-priority': 0x0a,
  'iris-priority': 0x0b,
  bright: 0x0d,
};

/** Error code (third byte of `y0 6z cc FF`) ⇄ name. Codes not listed decode as 'unknown'. */
export const ERROR_CODE: Readonly<Record<Exclude<ViscaErrorName, 'unknown'>, number>> = {
  'message-length': 0x01,
  syntax: 0x02,
  'buffer-full': 0x03,
  cancelled: 0x04,
  'no-socket': 0x05,
  'not-executable': 0x41,
};

/** Inquiry ⇄ the message bytes between header and terminator (`8x <these> FF`). */
export const INQUIRY_BYTES: Readonly<Record<ViscaInquiry, readonly number[]>> = {
  'pan-tilt-position': [0x09, 0x06, 0x12],
  'zoom-position': [0x09, 0x04, 0x47],
  'iris-position': [0x09, 0x04, 0x4b],
  'ae-mode': [0x09, 0x04, 0x39],
  power: [0x09, 0x04, 0x00],
  version: [0x09, 0x00, 0x02],
  'pan-tilt-status': [0x09, 0x06, 0x10],
  'pan-tilt-max-speed': [0x09, 0x06, 0x11],
  'focus-position': [0x09, 0x04, 0x48],
  'focus-mode': [0x09, 0x04, 0x38],
};

/** Focus mode ⇄ the byte of `8x 01 04 38 pp FF`; the inquiry answers only 02 (auto) or 03 (manual). */
export const FOCUS_MODE_CODE: Readonly<Record<FocusMode, number>> = { auto: 0x02, manual: 0x03, toggle: 0x10 };

/** White balance mode ⇄ the `p` nibble of `8x 01 04 35 0p FF`. */
export const WHITE_BALANCE_CODE: Readonly<Record<WhiteBalanceMode, number>> = {
  auto: 0x00,
  indoor: 0x01,
  outdoor: 0x02,
  'one-push': 0x03,
  atw: 0x04,
  manual: 0x05,
};

/** Preset action ⇄ the `n` nibble of `8x 01 04 3F 0n pp FF`. */
export const PRESET_ACTION_CODE: Readonly<Record<PresetAction, number>> = { reset: 0x00, set: 0x01, recall: 0x02 };

/** Iris step ⇄ the byte of `8x 01 04 0B pp FF`. */
export const IRIS_STEP_CODE: Readonly<Record<'reset' | 'up' | 'down', number>> = { reset: 0x00, up: 0x02, down: 0x03 };

/** Pan-tilt limit corner ⇄ the `W` nibble of `8x 01 06 07 0n 0W …`. */
export const LIMIT_CORNER_CODE: Readonly<Record<LimitCorner, number>> = { 'down-left': 0x00, 'up-right': 0x01 };

/** On/off byte of switch commands (digital zoom, exposure compensation): 02 on, 03 off. */
export const SWITCH_ON = 0x02;
export const SWITCH_OFF = 0x03;

/** Power state byte of the power command and inquiry answer. */
export const POWER_ON = 0x02;
export const POWER_STANDBY = 0x03;

/** Reverse lookup of a small byte table; undefined when the byte is not in it. */
export function keyOfByte<K extends string>(table: Readonly<Record<K, number>>, byte: number): K | undefined {
  for (const key of Object.keys(table) as K[]) {
    if (table[key] === byte) return key;
  }
  return undefined;
}

/** Reply header byte for a device address: `(address + 8) << 4` (camera 1 → 0x90 … camera 7 → 0xF0). */
export function replyHeader(address: number): number {
  return ((address + 8) << 4) & 0xff;
}

/** Two-digit hex of a byte, for error details. */
export function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

/** Space-separated hex of a byte run, for error details (first 20 bytes). */
export function hexBytes(bytes: Uint8Array): string {
  const shown = Array.from(bytes.subarray(0, 20), hex).join(' ');
  return bytes.length > 20 ? `${shown} …` : shown;
}
