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

/** Commands (`8x 01 …`). Speeds and positions are native values; encoders reject out-of-range ones. */
export type ViscaCommand =
  /** `8x 01 06 01 VV WW PP TT FF`; panSpeed 1–0x18, tiltSpeed 1–0x17 (model limits checked by the driver). */
  | { kind: 'pan-tilt-drive'; pan: PanDirection; tilt: TiltDirection; panSpeed: number; tiltSpeed: number }
  /** `8x 01 06 04 FF` */
  | { kind: 'pan-tilt-home' }
  /** `8x 01 04 07 00 FF` stop; `2p`/`3p` variable tele/wide with speed 0–7. */
  | { kind: 'zoom-drive'; direction: 'tele' | 'wide' | 'stop'; speed: number }
  /** `8x 01 04 47 0p 0q 0r 0s FF`; position 0–0xFFFF (model range checked by the driver). */
  | { kind: 'zoom-direct'; position: number }
  /** `8x 01 04 08 00 FF` stop; `2p`/`3p` variable far/near with speed 0–7. */
  | { kind: 'focus-drive'; direction: 'far' | 'near' | 'stop'; speed: number }
  /** `8x 01 04 4B 00 00 0p 0q FF`; position 0–0xFF. */
  | { kind: 'iris-direct'; position: number }
  /** `8x 01 04 39 0p FF` */
  | { kind: 'ae-mode'; mode: AeMode }
  /** `8x 01 04 00 02/03 FF` */
  | { kind: 'power'; on: boolean };

/** Inquiries (`8x 09 …`); their replies are completions carrying data. */
export type ViscaInquiry =
  | 'pan-tilt-position' // 8x 09 06 12 FF
  | 'zoom-position' // 8x 09 04 47 FF
  | 'iris-position' // 8x 09 04 4B FF
  | 'ae-mode' // 8x 09 04 39 FF
  | 'power' // 8x 09 04 00 FF
  | 'version'; // 8x 09 00 02 FF

/** Decoded inquiry answers, native units. Pan/tilt are signed (16-bit, or 20-bit on FR7-class models). */
export type ViscaInquiryAnswer =
  | { inquiry: 'pan-tilt-position'; pan: number; tilt: number }
  | { inquiry: 'zoom-position'; position: number }
  | { inquiry: 'iris-position'; position: number }
  | { inquiry: 'ae-mode'; mode: AeMode | 'unknown'; raw: number }
  | { inquiry: 'power'; on: boolean }
  | { inquiry: 'version'; vendor: number; model: number; rom: number; maxSocket: number };

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
