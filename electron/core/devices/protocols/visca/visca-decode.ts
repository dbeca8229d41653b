/** Controller-side VISCA decoders: reply frames and inquiry answer data. They return Results and never throw. */
import { ok, type Result } from '../../../../../shared/util/result';
import { checkPacketShape, decodeError } from './visca-frame-check';
import { readNibbles, signExtend } from './visca-nibbles';
import { panTiltStatusFromRaw } from './visca-status';
import {
  AE_MODE_CODE,
  BROADCAST_HEADER,
  ERROR_CODE,
  FOCUS_MODE_CODE,
  POWER_ON,
  POWER_STANDBY,
  hex,
  hexBytes,
  keyOfByte,
} from './visca-tables';
import type { ViscaDecodeError, ViscaErrorName, ViscaInquiry, ViscaInquiryAnswer, ViscaReply } from './visca-types';

type Decoded<T> = Result<T, ViscaDecodeError>;

/** Name of a VISCA error code (third byte of `y0 6z cc FF`); 'unknown' for codes outside the table. */
export function errorNameOf(code: number): ViscaErrorName {
  return keyOfByte(ERROR_CODE, code) ?? 'unknown';
}

/**
 * Decodes one camera → controller frame, terminator included: ACK `y0 4z`, completion `y0 5z [data]`,
 * error `y0 6z cc`, network change `y0 38`, AddressSet return `88 30 0w`, IF_Clear broadcast echo
 * `88 01 00 01`. `address` in the result is the device address 1–7 (header y0 with y = address + 8).
 */
export function decodeReply(frame: Uint8Array): Decoded<ViscaReply> {
  const shape = checkPacketShape(frame);
  if (!shape.ok) return shape;
  const header = frame[0]!;
  const kind = frame[1]!;
  const n = frame.length;
  if (header === BROADCAST_HEADER) return decodeBroadcast(frame);
  // Replies come from devices 1–7: header 0x90…0xF0 with a zero low nibble (sender y, receiver 0).
  if (header < 0x90 || (header & 0x0f) !== 0) {
    return decodeError(
      'bad-header',
      `0x${hex(header)} is not a reply header (expected 90, A0 … F0): ${hexBytes(frame)}`,
    );
  }
  const address = (header >> 4) - 8;
  const socket = kind & 0x0f;
  switch (kind & 0xf0) {
    case 0x40:
      if (n !== 3) return decodeError('bad-data', `ACK must be 3 bytes, got ${n}: ${hexBytes(frame)}`);
      return ok({ kind: 'ack', address, socket });
    case 0x50:
      // Copy: the caller's buffer may be reused by the transport.
      return ok({ kind: 'completion', address, socket, data: frame.slice(2, n - 1) });
    case 0x60: {
      if (n !== 4) return decodeError('bad-data', `error reply must be 4 bytes, got ${n}: ${hexBytes(frame)}`);
      const code = frame[2]!;
      return ok({ kind: 'error', address, socket, code, name: errorNameOf(code) });
    }
    case 0x30:
      if (kind === 0x38 && n === 3) return ok({ kind: 'network-change', address });
      break;
  }
  return decodeError('unknown-reply', `unknown reply type 0x${hex(kind)}: ${hexBytes(frame)}`);
}

/** `88 30 0w FF` (AddressSet return) and `88 01 00 01 FF` (IF_Clear echo). */
function decodeBroadcast(frame: Uint8Array): Decoded<ViscaReply> {
  const [, b1, b2, b3] = frame;
  if (b1 === 0x30 && frame.length === 4) {
    // w = last address + 1: 1 (nobody renumbered it) … 8 (seven cameras).
    if (b2 === undefined || b2 < 1 || b2 > 8) {
      return decodeError('bad-data', `AddressSet return must carry 01–08, got ${hexBytes(frame)}`);
    }
    return ok({ kind: 'address-set', next: b2 });
  }
  if (b1 === 0x01 && b2 === 0x00 && b3 === 0x01 && frame.length === 5) return ok({ kind: 'if-clear-broadcast' });
  return decodeError('unknown-reply', `unknown broadcast frame: ${hexBytes(frame)}`);
}

/** Reads `count` nibbles at `offset` of `data` or explains which byte is not a nibble. */
function nibbleValue(what: string, data: Uint8Array, offset: number, count: number): Decoded<number> {
  const r = readNibbles(data, offset, count);
  if ('value' in r) return ok(r.value);
  const bad = data[r.badIndex];
  return decodeError(
    'bad-data',
    bad === undefined
      ? `${what}: data too short`
      : `${what}: byte ${r.badIndex} is 0x${hex(bad)}, not a nibble (00–0F): ${hexBytes(data)}`,
  );
}

function wrongLength(inq: ViscaInquiry, data: Uint8Array, expected: string): Decoded<never> {
  return decodeError(
    'bad-data',
    `${inq} answer must have ${expected} data bytes, got ${data.length}: ${hexBytes(data)}`,
  );
}

/**
 * Decodes the data of an inquiry answer: the bytes after `y0 50` up to, not including, FF.
 * Pan/tilt: 8 nibbles (two signed 16-bit values) or 10 nibbles (two signed 20-bit values, FR7 class),
 * detected by length. Zoom and focus: unsigned 16-bit. Iris: `00 00 0p 0q` → pq. Version: raw bytes, not
 * nibbles. Power: 02 on, 03 standby, any other 7-bit code as `on: null` with the raw code. Focus mode:
 * 02 auto, 03 manual, others 'unknown'. Pan-tilt status: two 7-bit bytes pq rs as a bit field. Max speed:
 * two raw bytes ww zz.
 */
export function decodeInquiryAnswer(inq: ViscaInquiry, data: Uint8Array): Decoded<ViscaInquiryAnswer> {
  switch (inq) {
    case 'pan-tilt-position': {
      if (data.length !== 8 && data.length !== 10) return wrongLength(inq, data, '8 or 10');
      const count = data.length / 2;
      const pan = nibbleValue('pan position', data, 0, count);
      if (!pan.ok) return pan;
      const tilt = nibbleValue('tilt position', data, count, count);
      if (!tilt.ok) return tilt;
      return ok({ inquiry: inq, pan: signExtend(pan.value, count * 4), tilt: signExtend(tilt.value, count * 4) });
    }
    case 'zoom-position': {
      if (data.length !== 4) return wrongLength(inq, data, '4');
      const v = nibbleValue('zoom position', data, 0, 4);
      return v.ok ? ok({ inquiry: inq, position: v.value }) : v;
    }
    case 'iris-position': {
      if (data.length !== 4) return wrongLength(inq, data, '4');
      const v = nibbleValue('iris position', data, 0, 4);
      return v.ok ? ok({ inquiry: inq, position: v.value }) : v;
    }
    case 'ae-mode': {
      if (data.length !== 1) return wrongLength(inq, data, '1');
      const v = nibbleValue('AE mode', data, 0, 1);
      if (!v.ok) return v;
      return ok({ inquiry: inq, mode: keyOfByte(AE_MODE_CODE, v.value) ?? 'unknown', raw: v.value });
    }
    case 'power': {
      if (data.length !== 1) return wrongLength(inq, data, '1');
      const p = data[0]!;
      if (p === POWER_ON || p === POWER_STANDBY) return ok({ inquiry: inq, on: p === POWER_ON });
      // Some models report other states (04: power circuit error); keep the code, don't fail the poll.
      if (p > 0x7f) return decodeError('bad-data', `power answer byte 0x${hex(p)} is not a 7-bit value`);
      return ok({ inquiry: inq, on: null, raw: p });
    }
    case 'focus-position': {
      if (data.length !== 4) return wrongLength(inq, data, '4');
      const v = nibbleValue('focus position', data, 0, 4);
      return v.ok ? ok({ inquiry: inq, position: v.value }) : v;
    }
    case 'focus-mode': {
      if (data.length !== 1) return wrongLength(inq, data, '1');
      const p = data[0]!;
      if (p > 0x7f) return decodeError('bad-data', `focus mode byte 0x${hex(p)} is not a 7-bit value`);
      const mode = p === FOCUS_MODE_CODE.auto ? 'auto' : p === FOCUS_MODE_CODE.manual ? 'manual' : 'unknown';
      return ok({ inquiry: inq, mode, raw: p });
    }
    case 'pan-tilt-status': {
      if (data.length !== 2) return wrongLength(inq, data, '2');
      const [hi = 0, lo = 0] = data;
      if (hi > 0x7f || lo > 0x7f)
        return decodeError('bad-data', `pan-tilt status bytes must be 7-bit: ${hexBytes(data)}`);
      return ok({ inquiry: inq, ...panTiltStatusFromRaw((hi << 8) | lo) });
    }
    case 'pan-tilt-max-speed': {
      if (data.length !== 2) return wrongLength(inq, data, '2');
      const [pan = 0, tilt = 0] = data;
      if (pan > 0x7f || tilt > 0x7f) return decodeError('bad-data', `max speed bytes must be 7-bit: ${hexBytes(data)}`);
      return ok({ inquiry: inq, pan, tilt });
    }
    case 'version': {
      if (data.length !== 7) return wrongLength(inq, data, '7');
      const word = (i: number): number => (data[i]! << 8) | data[i + 1]!;
      return ok({ inquiry: inq, vendor: word(0), model: word(2), rom: word(4), maxSocket: data[6]! });
    }
    default: {
      const unknown: never = inq;
      return decodeError('bad-data', `unknown inquiry ${String(unknown)}`);
    }
  }
}
