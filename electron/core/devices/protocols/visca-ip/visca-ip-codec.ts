/** VISCA-over-IP message framing (8-byte big-endian header + payload). protocols.md §2.1. */
import { err, ok, type Result } from '../../../../../shared/util/result';
import { PayloadType, type ViscaIpDecodeError, type ViscaIpMessage } from './visca-ip-types';

/** Header length in bytes: payload type (2), payload length (2), sequence number (4). */
export const VISCA_IP_HEADER_LENGTH = 8;
/** Payload length range in bytes (a whole VISCA packet is at most 16). */
export const VISCA_IP_PAYLOAD_MIN = 1;
export const VISCA_IP_PAYLOAD_MAX = 16;
/** Largest sequence number; the next one is 0. */
export const SEQUENCE_MAX = 0xffffffff;

const KNOWN_TYPES: ReadonlySet<number> = new Set(Object.values(PayloadType));

/** True when `type` is one of the six payload types of the protocol. */
export function isPayloadType(type: number): type is PayloadType {
  return KNOWN_TYPES.has(type);
}

function checkSequence(sequence: number): void {
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > SEQUENCE_MAX) {
    throw new RangeError(`VISCA-over-IP sequence number must be an integer in 0–0xFFFFFFFF, got ${sequence}`);
  }
}

/** Payload limits of one camera's link. */
export interface ViscaIpLimits {
  /**
   * Largest payload in bytes: 16 (the classic VISCA packet limit, the default) or 17 for cameras with
   * 20-bit positions, whose absolute move is 17 bytes (`maxPacketLength` of the codec variant).
   */
  maxPayload?: number;
}

function maxPayloadOf(limits: ViscaIpLimits): number {
  const max = limits.maxPayload ?? VISCA_IP_PAYLOAD_MAX;
  if (!Number.isInteger(max) || max < VISCA_IP_PAYLOAD_MIN || max > 0xffff) {
    throw new RangeError(`VISCA-over-IP payload limit must be an integer in 1–65535, got ${max}`);
  }
  return max;
}

/**
 * Encodes one message. Throws RangeError for an unknown type, a bad sequence number or a payload outside
 * 1–16 bytes (1–`limits.maxPayload`).
 */
export function encodeViscaIp(msg: ViscaIpMessage, limits: ViscaIpLimits = {}): Uint8Array {
  const max = maxPayloadOf(limits);
  if (!isPayloadType(msg.type))
    throw new RangeError(`unknown VISCA-over-IP payload type 0x${Number(msg.type).toString(16)}`);
  checkSequence(msg.sequence);
  const n = msg.payload.length;
  if (n < VISCA_IP_PAYLOAD_MIN || n > max) {
    throw new RangeError(`VISCA-over-IP payload must be 1–${max} bytes, got ${n}`);
  }
  const out = new Uint8Array(VISCA_IP_HEADER_LENGTH + n);
  const view = new DataView(out.buffer);
  view.setUint16(0, msg.type);
  view.setUint16(2, n);
  view.setUint32(4, msg.sequence);
  out.set(msg.payload, VISCA_IP_HEADER_LENGTH);
  return out;
}

/**
 * Decodes one datagram. The length field must equal the bytes that follow the header and lie in 1–16
 * (1–`limits.maxPayload`); the type must be known. The payload is a copy. Never throws (an invalid
 * limit counts as the default).
 */
export function decodeViscaIp(
  datagram: Uint8Array,
  limits: ViscaIpLimits = {},
): Result<ViscaIpMessage, ViscaIpDecodeError> {
  let max = VISCA_IP_PAYLOAD_MAX;
  try {
    max = maxPayloadOf(limits);
  } catch {
    // Keep the default: a decoder reports, it does not throw.
  }
  if (datagram.length < VISCA_IP_HEADER_LENGTH + VISCA_IP_PAYLOAD_MIN) {
    return err({ reason: 'too-short', detail: `VISCA-over-IP datagram of ${datagram.length} bytes is shorter than 9` });
  }
  const view = new DataView(datagram.buffer, datagram.byteOffset, datagram.byteLength);
  const type = view.getUint16(0);
  const length = view.getUint16(2);
  const sequence = view.getUint32(4);
  if (!isPayloadType(type)) {
    return err({
      reason: 'bad-type',
      detail: `unknown VISCA-over-IP payload type 0x${type.toString(16).padStart(4, '0')}`,
    });
  }
  const actual = datagram.length - VISCA_IP_HEADER_LENGTH;
  if (length !== actual) {
    return err({
      reason: 'length-mismatch',
      detail: `VISCA-over-IP length field says ${length} bytes, ${actual} follow`,
    });
  }
  if (length > max) {
    return err({ reason: 'bad-payload', detail: `VISCA-over-IP payload of ${length} bytes exceeds ${max}` });
  }
  // new Uint8Array(view) copies, and gives a plain Uint8Array even when handed a Node Buffer.
  return ok({ type, sequence, payload: new Uint8Array(datagram.subarray(VISCA_IP_HEADER_LENGTH)) });
}

/** The sequence number after `n`: n + 1, wrapping 0xFFFFFFFF → 0. Throws RangeError outside 0–0xFFFFFFFF. */
export function nextSequence(n: number): number {
  checkSequence(n);
  return n === SEQUENCE_MAX ? 0 : n + 1;
}

/** Payload type for a VISCA packet: inquiry (0x0110) when byte 1 is 09, else command (0x0100). */
export function payloadTypeFor(viscaPacket: Uint8Array): PayloadType {
  return viscaPacket[1] === 0x09 ? PayloadType.inquiry : PayloadType.command;
}
