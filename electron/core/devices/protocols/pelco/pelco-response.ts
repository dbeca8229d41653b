/**
 * Receiver → controller frames: position query responses (extended `59`/`5B`/`5D`) and the Pelco-D
 * 4-byte general response (protocols.md §3.4). Most Pelco-speaking cameras answer only the 51/53/55
 * queries and nothing else.
 *
 * Pelco-P: the reference documents no responses. The same extended layout inside a Pelco-P envelope
 * (`A0 addr 00 59 MSB LSB AF xor`) is assumed (low confidence; a camera that never answers is harmless).
 */
import { err, ok, type Result } from '../../../../../shared/util/result';
import { checkPelcoFrame } from './pelco-decode';
import {
  PELCO_ADDRESS_RANGE,
  PELCO_ANGLE_MAX,
  PELCO_D_FRAME_LENGTH,
  PELCO_D_SYNC,
  PELCO_P_ETX,
  PELCO_P_FRAME_LENGTH,
  PELCO_P_STX,
  RESPONSE_OPCODE,
  ZOOM_POSITION_MAX,
  hexBytes,
  pelcoDChecksum,
  pelcoPChecksum,
  type PelcoVariant,
} from './pelco-tables';
import type { PelcoDecodeError, PelcoResponse } from './pelco-types';

/** Length of the Pelco-D general response `FF addr alarms checksum`. */
export const PELCO_D_GENERAL_RESPONSE_LENGTH = 4;

type PositionResponse = Extract<PelcoResponse, { kind: 'position' }>;

const WHAT_BY_OPCODE: ReadonlyMap<number, PositionResponse['what']> = new Map(
  Object.entries(RESPONSE_OPCODE).map(([what, op]) => [op, what as PositionResponse['what']]),
);

const maxValue = (what: PositionResponse['what']): number => (what === 'zoom' ? ZOOM_POSITION_MAX : PELCO_ANGLE_MAX);

function requireInt(what: string, v: number, min: number, max: number): void {
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`Pelco ${what} must be an integer ${min}–${max}, got ${v}`);
  }
}

/**
 * Encodes a Pelco-D response. A position response is the 7-byte `FF addr 00 59|5B|5D MSB LSB checksum`
 * (pan/tilt in 1/100°, 0–35999; zoom 0–0xFFFF). A general response is the 4-byte `FF addr alarms
 * checksum`, whose checksum is the checksum of the command it answers plus the alarm byte (DRD14), so
 * that checksum must be passed.
 * @throws RangeError for an out-of-range address or value, or a general response without `commandChecksum`
 */
export function encodePelcoDResponse(r: PelcoResponse, commandChecksum?: number): Uint8Array {
  requireInt('D address', r.address, PELCO_ADDRESS_RANGE.d.min, PELCO_ADDRESS_RANGE.d.max);
  if (r.kind === 'general') {
    requireInt('alarm byte', r.alarms, 0, 0xff);
    if (commandChecksum === undefined) {
      throw new RangeError('a Pelco-D general response needs the checksum of the command it answers');
    }
    requireInt('command checksum', commandChecksum, 0, 0xff);
    return Uint8Array.of(PELCO_D_SYNC, r.address, r.alarms, (commandChecksum + r.alarms) & 0xff);
  }
  requireInt(`${r.what} position`, r.value, 0, maxValue(r.what));
  const frame = new Uint8Array(PELCO_D_FRAME_LENGTH);
  frame.set([PELCO_D_SYNC, r.address, 0, RESPONSE_OPCODE[r.what], r.value >> 8, r.value & 0xff]);
  frame[6] = pelcoDChecksum(frame);
  return frame;
}

/**
 * Encodes a Pelco-P position response (8 bytes, assumed layout; see the file header). `address` as
 * printed, 1–256. The old receivers' `A2` acknowledge carries no address and is not produced.
 * @throws RangeError for an out-of-range address or value, or a general response
 */
export function encodePelcoPResponse(r: PelcoResponse): Uint8Array {
  requireInt('P address', r.address, PELCO_ADDRESS_RANGE.p.min, PELCO_ADDRESS_RANGE.p.max);
  if (r.kind === 'general') throw new RangeError('Pelco-P has no addressed general response to encode');
  requireInt(`${r.what} position`, r.value, 0, maxValue(r.what));
  const frame = new Uint8Array(PELCO_P_FRAME_LENGTH);
  frame.set([PELCO_P_STX, r.address - 1, 0, RESPONSE_OPCODE[r.what], r.value >> 8, r.value & 0xff, PELCO_P_ETX]);
  frame[7] = pelcoPChecksum(frame);
  return frame;
}

/** Encodes a position response in either dialect. */
export function encodePelcoResponse(variant: PelcoVariant, r: PelcoResponse): Uint8Array {
  return variant === 'd' ? encodePelcoDResponse(r) : encodePelcoPResponse(r);
}

/**
 * Decodes a Pelco-D position response (7 bytes). Any other valid 7-byte frame (e.g. the echo of a
 * command on a half-duplex bus) is `unknown-command`; a 4-byte frame is refused with a pointer to
 * `decodePelcoDGeneralResponse`, which needs the command's checksum.
 */
export function decodePelcoDResponse(frame: Uint8Array): Result<PelcoResponse, PelcoDecodeError> {
  if (frame.length === PELCO_D_GENERAL_RESPONSE_LENGTH) {
    return err({
      reason: 'unknown-command',
      detail: `4-byte general response (${hexBytes(frame)}) needs the answered command's checksum`,
    });
  }
  return decodePelcoResponse('d', frame);
}

/** Decodes a Pelco-P position response (8 bytes, assumed layout); `address` as printed. */
export function decodePelcoPResponse(frame: Uint8Array): Result<PelcoResponse, PelcoDecodeError> {
  return decodePelcoResponse('p', frame);
}

/** Decodes a position response in either dialect. */
export function decodePelcoResponse(variant: PelcoVariant, frame: Uint8Array): Result<PelcoResponse, PelcoDecodeError> {
  const envelope = checkPelcoFrame(variant, frame);
  if (!envelope.ok) return envelope;
  const [b0, op, msb, lsb] = envelope.value.body;
  const what = b0 === 0 ? WHAT_BY_OPCODE.get(op) : undefined;
  if (!what) return err({ reason: 'unknown-command', detail: `not a position response: ${hexBytes(frame)}` });
  const value = (msb << 8) | lsb;
  if (value > maxValue(what)) {
    return err({ reason: 'bad-data', detail: `${what} position ${value} out of range: ${hexBytes(frame)}` });
  }
  return ok({ kind: 'position', address: envelope.value.address, what, value });
}

/**
 * Decodes a Pelco-D general response `FF addr alarms checksum`, given the checksum of the command it
 * answers (its checksum is that plus the alarm byte, mod 256).
 */
export function decodePelcoDGeneralResponse(
  frame: Uint8Array,
  commandChecksum: number,
): Result<PelcoResponse, PelcoDecodeError> {
  if (frame.length !== PELCO_D_GENERAL_RESPONSE_LENGTH) {
    const reason = frame.length < PELCO_D_GENERAL_RESPONSE_LENGTH ? 'too-short' : 'bad-data';
    return err({ reason, detail: `general response of ${frame.length} bytes: ${hexBytes(frame)}` });
  }
  if (frame[0] !== PELCO_D_SYNC) return err({ reason: 'bad-sync', detail: `general response ${hexBytes(frame)}` });
  const address = frame[1]!;
  const alarms = frame[2]!;
  if (frame[3] !== ((commandChecksum + alarms) & 0xff)) {
    return err({ reason: 'bad-checksum', detail: `general response ${hexBytes(frame)}` });
  }
  if (address === 0) return err({ reason: 'bad-data', detail: `general response from address 0` });
  return ok({ kind: 'general', address, alarms });
}
