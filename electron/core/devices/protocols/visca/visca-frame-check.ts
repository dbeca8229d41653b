/** Packet-shape checks shared by the reply decoder (controller side) and the command decoder (camera side). */
import { err, ok, type Result } from '../../../../../shared/util/result';
import { MAX_PACKET_LENGTH, MIN_PACKET_LENGTH, TERMINATOR, hexBytes } from './visca-tables';
import type { ViscaDecodeError } from './visca-types';

/** Builds a decode error; a function so call sites stay one line. */
export function decodeError(reason: ViscaDecodeError['reason'], detail: string): Result<never, ViscaDecodeError> {
  return err({ reason, detail });
}

/**
 * Checks that `frame` is one whole packet: 3–`maxLength` bytes (16 by default; 17 for the 20-bit
 * position variant), ending in FF, with no FF before the end. Returns the frame unchanged when it is.
 */
export function checkPacketShape(
  frame: Uint8Array,
  maxLength: number = MAX_PACKET_LENGTH,
): Result<Uint8Array, ViscaDecodeError> {
  const n = frame.length;
  if (n === 0) return decodeError('empty', 'empty VISCA frame');
  if (n > maxLength) {
    return decodeError('too-long', `VISCA frame of ${n} bytes exceeds ${maxLength}: ${hexBytes(frame)}`);
  }
  if (frame[n - 1] !== TERMINATOR)
    return decodeError('no-terminator', `VISCA frame does not end in FF: ${hexBytes(frame)}`);
  if (n < MIN_PACKET_LENGTH) {
    return decodeError(
      'too-short',
      `VISCA frame of ${n} bytes is shorter than ${MIN_PACKET_LENGTH}: ${hexBytes(frame)}`,
    );
  }
  const inner = frame.indexOf(TERMINATOR);
  if (inner < n - 1) {
    return decodeError('bad-data', `FF inside the VISCA frame at byte ${inner} (two frames?): ${hexBytes(frame)}`);
  }
  return ok(frame);
}
