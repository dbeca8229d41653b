/**
 * VISCA semantic commands, inquiries and replies in protocol-native units (speeds and positions as the
 * camera counts them). Pure types: encoders/decoders live beside this file. Byte tables:
 * ../shared/reference/protocols.md §1.
 */

/** Camera address on a serial chain, 1–7; over IP it is always 1. */
export type ViscaAddress = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type PanDirection = 'left' | 'right' | 'stop';
export type TiltDirection = 'up' | 'down' | 'stop';
export type AeMode = 'full-auto' | 'manual' | 'shutter-priority' | 'iris-priority' | 'bright';
/** Focus mode of `8x 01 04 38 0p FF`; 'toggle' flips auto ⇄ manual. */
export type FocusMode = 'auto' | 'manual' | 'toggle';
/** White balance mode of `8x 01 04 35 0p FF` (p 0–5). */
export type WhiteBalanceMode = 'auto' | 'indoor' | 'outdoor' | 'one-push' | 'atw' | 'manual';
/** Corner of the pan-tilt limit (`W` of `8x 01 06 07 0n 0W …`): 1 up-right, 0 down-left. */
export type LimitCorner = 'up-right' | 'down-left';
/** Memory (preset) action: `n` of `8x 01 04 3F 0n pp FF`. */
export type PresetAction = 'reset' | 'set' | 'recall';

/**
 * Commands (`8x 01 …`). Speeds and positions are native values; encoders reject out-of-range ones.
 * Wire-format differences between models (position nibble width, single speed byte, speed maxima) are
 * not part of a command: they come from a codec variant (visca-variants.ts) given to the encoder and the
 * camera-side decoder.
 */
export type ViscaCommand =
  /** `8x 01 06 01 VV WW PP TT FF`; panSpeed 1–0x18, tiltSpeed 1–0x17 (variant maxima). */
  | { kind: 'pan-tilt-drive'; pan: PanDirection; tilt: TiltDirection; panSpeed: number; tiltSpeed: number }
  /** `8x 01 06 04 FF` */
  | { kind: 'pan-tilt-home' }
  /** `8x 01 04 07 2p/3p FF`: variable tele/wide with speed p 0–7. */
  | { kind: 'zoom-drive'; direction: 'tele' | 'wide'; speed: number }
  /** `8x 01 04 07 00 FF`: zoom stop; any speed given is ignored. */
  | { kind: 'zoom-drive'; direction: 'stop'; speed?: number }
  /** `8x 01 04 47 0p 0q 0r 0s FF`; position 0–0xFFFF (model range checked by the driver). */
  | { kind: 'zoom-direct'; position: number }
  /** `8x 01 04 08 2p/3p FF`: variable far/near with speed p 0–7. */
  | { kind: 'focus-drive'; direction: 'far' | 'near'; speed: number }
  /** `8x 01 04 08 00 FF`: focus stop; any speed given is ignored. */
  | { kind: 'focus-drive'; direction: 'stop'; speed?: number }
  /** `8x 01 04 4B 00 00 0p 0q FF`; position 0–0xFF. */
  | { kind: 'iris-direct'; position: number }
  /** `8x 01 04 39 0p FF` */
  | { kind: 'ae-mode'; mode: AeMode }
  /** `8x 01 04 00 02/03 FF` */
  | { kind: 'power'; on: boolean }
  /** `8x 01 00 01 FF`: IF_Clear to one device (no ACK; answered `y0 50 FF`). Broadcast: `encodeIfClearBroadcast`. */
  | { kind: 'if-clear' }
  /**
   * `8x 01 06 02 VV WW <pan> <tilt> FF`: move to a position. pan/tilt are signed, 4 nibbles each
   * (−0x8000…0x7FFF) or 5 nibbles (−0x80000…0x7FFFF) per the variant; speeds as the drive. With a
   * single-speed-byte variant (BRC-X400) the wire carries `VV 00` and tiltSpeed is ignored when encoding
   * (decoded as equal to panSpeed).
   */
  | { kind: 'pan-tilt-absolute'; pan: number; tilt: number; panSpeed: number; tiltSpeed: number }
  /** `8x 01 06 03 VV WW <pan> <tilt> FF`: move by signed deltas; same layout as the absolute move. */
  | { kind: 'pan-tilt-relative'; pan: number; tilt: number; panSpeed: number; tiltSpeed: number }
  /** `8x 01 06 05 FF`: pan-tilt reset (recalibration). */
  | { kind: 'pan-tilt-reset' }
  /** `8x 01 06 07 00 0W <pan 4 nibbles> <tilt 4 nibbles> FF`: signed 16-bit limit position of one corner. */
  | { kind: 'pan-tilt-limit-set'; corner: LimitCorner; pan: number; tilt: number }
  /** `8x 01 06 07 01 0W 07 0F 0F 0F 07 0F 0F 0F FF`: clears one corner's limit. */
  | { kind: 'pan-tilt-limit-clear'; corner: LimitCorner }
  /** `8x 01 04 07 02/03 FF`: zoom at the camera's standard speed (distinct from variable `2p`/`3p`). */
  | { kind: 'zoom-standard'; direction: 'tele' | 'wide' }
  /** `8x 01 04 47 0p 0q 0r 0s 0t 0u 0v 0w FF`: zoom and focus positions, 0–0xFFFF each. */
  | { kind: 'zoom-focus-direct'; zoom: number; focus: number }
  /** `8x 01 04 06 02/03 FF`: digital zoom on / off. */
  | { kind: 'digital-zoom'; on: boolean }
  /** `8x 01 04 08 02/03 FF`: focus at the camera's standard speed. */
  | { kind: 'focus-standard'; direction: 'far' | 'near' }
  /** `8x 01 04 48 0p 0q 0r 0s FF`; position 0–0xFFFF. */
  | { kind: 'focus-direct'; position: number }
  /** `8x 01 04 38 02/03/10 FF` */
  | { kind: 'focus-mode'; mode: FocusMode }
  /** `8x 01 04 18 01 FF`: one-push autofocus. */
  | { kind: 'focus-one-push' }
  /** `8x 01 04 18 02 FF`: focus to infinity. */
  | { kind: 'focus-infinity' }
  /** `8x 01 04 0B 00/02/03 FF`: iris reset / up (open) / down (close). */
  | { kind: 'iris-step'; action: 'reset' | 'up' | 'down' }
  /** `8x 01 04 4C 00 00 0p 0q FF`; position 0–0xFF. */
  | { kind: 'gain-direct'; position: number }
  /** `8x 01 04 4A 00 00 0p 0q FF`; position 0–0xFF. */
  | { kind: 'shutter-direct'; position: number }
  /** `8x 01 04 4D 00 00 0p 0q FF`; position 0–0xFF. */
  | { kind: 'bright-direct'; position: number }
  /** `8x 01 04 3E 02/03 FF`: exposure compensation on / off. */
  | { kind: 'exposure-comp'; on: boolean }
  /** `8x 01 04 4E 00 00 0p 0q FF`; position 0–0xFF. */
  | { kind: 'exposure-comp-direct'; position: number }
  /** `8x 01 04 35 0p FF` */
  | { kind: 'white-balance'; mode: WhiteBalanceMode }
  /**
   * `8x 01 04 3F 0n pp FF`: preset reset / set / recall. `preset` is the NATIVE number pp (0 … the
   * variant's presetMax); mapping an operator's preset N to pp (BRC-X400: N − 1) is driver policy.
   */
  | { kind: 'preset'; action: PresetAction; preset: number };

/** The `kind` of every command. */
export type ViscaCommandKind = ViscaCommand['kind'];

/** Inquiries (`8x 09 …`); their replies are completions carrying data. */
export type ViscaInquiry =
  | 'pan-tilt-position' // 8x 09 06 12 FF
  | 'zoom-position' // 8x 09 04 47 FF
  | 'iris-position' // 8x 09 04 4B FF
  | 'ae-mode' // 8x 09 04 39 FF
  | 'power' // 8x 09 04 00 FF
  | 'version' // 8x 09 00 02 FF
  | 'pan-tilt-status' // 8x 09 06 10 FF
  | 'pan-tilt-max-speed' // 8x 09 06 11 FF
  | 'focus-position' // 8x 09 04 48 FF
  | 'focus-mode'; // 8x 09 04 38 FF

/** Initialisation field of the pan-tilt status (bits 13–12). */
export type PanTiltInitialisation = 'not-initialised' | 'initialising' | 'initialised' | 'failed';
/** Movement field of the pan-tilt status (bits 11–10). */
export type PanTiltMotion = 'idle' | 'moving' | 'completed' | 'failed';

/** Decoded pan-tilt status `y0 50 pq rs FF` (EVI-D80 / SRG status code list): 16 bits, MSB first. */
export interface PanTiltStatus {
  /** The 16-bit value pqrs as received (bits 15 and 7 are always 0 on the wire). */
  raw: number;
  initialisation: PanTiltInitialisation;
  motion: PanTiltMotion;
  /** Position of the axis cannot be detected (bits 9–8 = 01 tilt, bits 5–4 = 01 pan). */
  tiltPositionError: boolean;
  panPositionError: boolean;
  /** The axis is at its mechanical end (bits 0–3: left, right, up, down). */
  atLimit: { left: boolean; right: boolean; up: boolean; down: boolean };
}

/** Decoded inquiry answers, native units. Pan/tilt are signed (16-bit, or 20-bit on FR7-class models). */
export type ViscaInquiryAnswer =
  | { inquiry: 'pan-tilt-position'; pan: number; tilt: number }
  | { inquiry: 'zoom-position'; position: number }
  | { inquiry: 'iris-position'; position: number }
  | { inquiry: 'ae-mode'; mode: AeMode | 'unknown'; raw: number }
  | { inquiry: 'power'; on: boolean }
  /** Power state other than 02/03 (e.g. 04, "internal power circuit error" on some Sony models). */
  | { inquiry: 'power'; on: null; raw: number }
  | { inquiry: 'version'; vendor: number; model: number; rom: number; maxSocket: number }
  | ({ inquiry: 'pan-tilt-status' } & PanTiltStatus)
  /** Highest pan (ww) and tilt (zz) speeds the head accepts now, native units. */
  | { inquiry: 'pan-tilt-max-speed'; pan: number; tilt: number }
  | { inquiry: 'focus-position'; position: number }
  | { inquiry: 'focus-mode'; mode: 'auto' | 'manual' | 'unknown'; raw: number };

export type ViscaErrorName =
  'message-length' | 'syntax' | 'buffer-full' | 'cancelled' | 'no-socket' | 'not-executable' | 'unknown';

/** A reply frame from a camera (`y0 …`, y = address + 8). */
export type ViscaReply =
  | { kind: 'ack'; address: number; socket: number }
  /** `y0 5z FF` (command done) or `y0 50 data… FF` (inquiry answer, socket 0). */
  | { kind: 'completion'; address: number; socket: number; data: Uint8Array }
  | { kind: 'error'; address: number; socket: number; code: number; name: ViscaErrorName }
  /** `y0 38 FF`: the serial chain changed; run AddressSet again. */
  | { kind: 'network-change'; address: number }
  /** `88 30 0w FF`: AddressSet came back around the chain; w = last address + 1. */
  | { kind: 'address-set'; next: number }
  /** `88 01 00 01 FF`: IF_Clear broadcast came back around the chain. */
  | { kind: 'if-clear-broadcast' };

/** Why a frame could not be decoded; decoders return this and never throw. */
export interface ViscaDecodeError {
  reason: 'empty' | 'too-short' | 'too-long' | 'no-terminator' | 'bad-header' | 'unknown-reply' | 'bad-data';
  detail: string;
}
