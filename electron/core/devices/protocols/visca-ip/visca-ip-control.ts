/** VISCA-over-IP control messages (payload types 0x0200 / 0x0201): RESET, ACK, ERROR. protocols.md §2.1. */
import { err, ok, type Result } from '../../../../../shared/util/result';
import { encodeViscaIp } from './visca-ip-codec';
import { PayloadType, type ViscaIpControl, type ViscaIpDecodeError } from './visca-ip-types';

/** ERROR codes (`0F yy`). */
export const ControlErrorCode = {
  /** Abnormality in sequence number (also how a camera refuses an already-executed retransmission). */
  sequence: 0x01,
  /** Abnormality in message (type or payload). */
  message: 0x02,
} as const;

const RESET_OR_ACK = 0x01;
const ERROR = 0x0f;

/** Whole RESET datagram `02 00 00 01 <seq> 01`. The camera ignores the sequence field; 0 by default. */
export function encodeReset(sequence = 0): Uint8Array {
  return encodeViscaIp({ type: PayloadType.control, sequence, payload: Uint8Array.of(RESET_OR_ACK) });
}

/** Control ACK payload `01` (the camera's reply to RESET), to send with type 0x0201. */
export function encodeControlAck(): Uint8Array {
  return Uint8Array.of(RESET_OR_ACK);
}

/** Control ERROR payload `0F yy`, to send with type 0x0201. Throws RangeError for a code outside 0–0xFF. */
export function encodeControlError(code: number): Uint8Array {
  if (!Number.isInteger(code) || code < 0 || code > 0xff) {
    throw new RangeError(`VISCA-over-IP control error code must be an integer in 0–0xFF, got ${code}`);
  }
  return Uint8Array.of(ERROR, code);
}

/**
 * Decodes a control payload. RESET and ACK are the same byte (`01`) and differ only by direction, so the
 * payload type decides: 0x0200 (controller → camera) gives `reset`, 0x0201 (the default, what a
 * controller receives) gives `ack`. ERROR `0F yy` decodes the same in either direction. Never throws.
 */
export function decodeControl(
  payload: Uint8Array,
  type: typeof PayloadType.control | typeof PayloadType.controlReply = PayloadType.controlReply,
): Result<ViscaIpControl, ViscaIpDecodeError> {
  const [b0, b1] = payload;
  if (b0 === RESET_OR_ACK && payload.length === 1)
    return ok(type === PayloadType.control ? { kind: 'reset' } : { kind: 'ack' });
  if (b0 === ERROR && b1 !== undefined && payload.length === 2) {
    const name =
      b1 === ControlErrorCode.sequence ? 'sequence' : b1 === ControlErrorCode.message ? 'message' : 'unknown';
    return ok({ kind: 'error', code: b1, name });
  }
  const shown = Array.from(payload.subarray(0, 16), (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
  return err({ reason: 'bad-payload', detail: `unknown VISCA-over-IP control payload: ${shown || '(empty)'}` });
}
