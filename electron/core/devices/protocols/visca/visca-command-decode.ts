/**
 * Camera-side decoding of what a controller sends: commands (`8x 01 …`), inquiries (`8x 09 …`), command
 * cancel (`8x 2z`) and the AddressSet broadcast (`88 30 0w`). Used by the simulator; never throws.
 */
import { ok, type Result } from '../../../../../shared/util/result';
import { COMMAND_PARSERS, prefixKey } from './visca-command-parsers';
import { checkPacketShape, decodeError } from './visca-frame-check';
import { BROADCAST_HEADER, INQUIRY_BYTES, hex, hexBytes } from './visca-tables';
import type { ViscaCommand, ViscaDecodeError, ViscaInquiry } from './visca-types';
import { SONY_GENERIC_VARIANT, maxPacketLength, type ViscaCodecVariant } from './visca-variants';

type Decoded<T> = Result<T, ViscaDecodeError>;

/** A decoded controller → camera packet. `address` is 1–7, or 8 for the broadcast header `88`. */
export interface ViscaRequestFrame {
  address: number;
  message:
    | { type: 'command'; command: ViscaCommand }
    | { type: 'inquiry'; inquiry: ViscaInquiry }
    /** `8x 2z FF`: cancel the command in socket z (0–15 as received; cameras have 1 and 2). */
    | { type: 'cancel'; socket: number }
    /** `88 30 0w FF`: AddressSet; the receiving device takes address `first` (1–7). Broadcast only. */
    | { type: 'address-set'; first: number };
}

const INQUIRIES = new Map<number, ViscaInquiry>(
  (Object.keys(INQUIRY_BYTES) as ViscaInquiry[]).map((inq) => {
    const [a = 0, b = 0, c = 0] = INQUIRY_BYTES[inq];
    return [prefixKey(a, b, c), inq];
  }),
);

/**
 * Decodes a controller → camera packet (terminator included) as a camera of codec `variant` reads it
 * (default: generic Sony; the variant fixes the layout of absolute/relative moves and the speed and preset
 * ranges). Unknown but well-formed messages come back as `unknown-reply` (not in the supported set), known
 * ones with illegal parameters as `bad-data`; a camera answers both with a syntax error.
 */
export function decodeCommandOrInquiry(
  frame: Uint8Array,
  variant: ViscaCodecVariant = SONY_GENERIC_VARIANT,
): Decoded<ViscaRequestFrame> {
  const shape = checkPacketShape(frame, maxPacketLength(variant));
  if (!shape.ok) return shape;
  const header = frame[0]!;
  // Controller (address 0) → device 1–7, or broadcast 88: `1 000 0 rrr`.
  if (header < 0x81 || header > BROADCAST_HEADER) {
    return decodeError('bad-header', `0x${hex(header)} is not a controller header (81–88): ${hexBytes(frame)}`);
  }
  const address = header - 0x80;
  const body = frame.subarray(1, frame.length - 1);
  const first = body[0]!;
  if (first === 0x30) return decodeAddressSet(header, body, frame);
  if ((first & 0xf0) === 0x20 && body.length === 1) {
    if (header === BROADCAST_HEADER) return decodeError('unknown-reply', `broadcast cancel: ${hexBytes(frame)}`);
    return ok({ address, message: { type: 'cancel', socket: first & 0x0f } });
  }
  const key = body.length >= 3 ? prefixKey(first, body[1]!, body[2]!) : -1;
  if (first === 0x09) {
    const inquiry = INQUIRIES.get(key);
    if (inquiry === undefined || body.length !== 3)
      return decodeError('unknown-reply', `unsupported inquiry: ${hexBytes(frame)}`);
    return ok({ address, message: { type: 'inquiry', inquiry } });
  }
  const parse = COMMAND_PARSERS.get(key);
  if (!parse) return decodeError('unknown-reply', `unsupported command: ${hexBytes(frame)}`);
  const command = parse(body.subarray(3), variant);
  if (!command.ok) return decodeError('bad-data', `${command.error.detail}: ${hexBytes(frame)}`);
  return ok({ address, message: { type: 'command', command: command.value } });
}

function decodeAddressSet(header: number, body: Uint8Array, frame: Uint8Array): Decoded<ViscaRequestFrame> {
  if (header !== BROADCAST_HEADER)
    return decodeError('unknown-reply', `AddressSet must be broadcast: ${hexBytes(frame)}`);
  const w = body[1];
  if (body.length !== 2 || w === undefined || w < 1 || w > 7) {
    return decodeError('bad-data', `AddressSet must be 88 30 0w FF with w 1–7: ${hexBytes(frame)}`);
  }
  return ok({ address: 8, message: { type: 'address-set', first: w } });
}
