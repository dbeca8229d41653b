/**
 * Camera-side VISCA codec, used by the simulator: decodes what a controller sends (`8x 01 …` commands,
 * `8x 09 …` inquiries, cancel, AddressSet; in visca-command-decode.ts) and encodes what a camera answers
 * (ACK, completion, error, inquiry answers).
 */
import { checkRange } from './visca-range';
import { writeNibbles } from './visca-nibbles';
import {
  AE_MODE_CODE,
  ERROR_CODE,
  FOCUS_MODE_CODE,
  MAX_PACKET_LENGTH,
  POWER_ON,
  POWER_STANDBY,
  TERMINATOR,
  replyHeader,
} from './visca-tables';
import type { ViscaErrorName, ViscaInquiryAnswer, ViscaReply } from './visca-types';
import type { ViscaCodecVariant } from './visca-variants';

export { decodeCommandOrInquiry, type ViscaRequestFrame } from './visca-command-decode';

// ---- encoding (camera → controller) ---------------------------------------------------------------

function reply(address: number, message: readonly number[] | Uint8Array): Uint8Array {
  checkRange('reply address', address, 1, 7);
  const out = new Uint8Array(message.length + 2);
  out[0] = replyHeader(address);
  out.set(message, 1);
  out[out.length - 1] = TERMINATOR;
  return out;
}

/** `y0 4z FF`: command accepted into socket z (0–15; cameras use 1–2). */
export function encodeAck(address: number, socket: number): Uint8Array {
  checkRange('socket', socket, 0, 0x0f);
  return reply(address, [0x40 | socket]);
}

/** `y0 5z [data] FF`: command executed (socket 1–2) or inquiry answered (socket 0, with data). */
export function encodeCompletion(address: number, socket: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  checkRange('socket', socket, 0, 0x0f);
  if (data.includes(TERMINATOR)) throw new RangeError('VISCA completion data must not contain FF');
  if (data.length + 3 > MAX_PACKET_LENGTH)
    throw new RangeError(`VISCA completion data of ${data.length} bytes exceeds 13`);
  const message = new Uint8Array(data.length + 1);
  message[0] = 0x50 | socket;
  message.set(data, 1);
  return reply(address, message);
}

/** `y0 6z cc FF`: an error by name, or by raw code for codes outside the table. */
export function encodeError(
  address: number,
  socket: number,
  error: Exclude<ViscaErrorName, 'unknown'> | number,
): Uint8Array {
  checkRange('socket', socket, 0, 0x0f);
  const code = typeof error === 'number' ? error : ERROR_CODE[error];
  checkRange('error code', code, 0, 0xfe);
  return reply(address, [0x60 | socket, code]);
}

/** Encodes any reply, including the broadcast returns `88 30 0w FF` and `88 01 00 01 FF`. */
export function encodeReply(r: ViscaReply): Uint8Array {
  switch (r.kind) {
    case 'ack':
      return encodeAck(r.address, r.socket);
    case 'completion':
      return encodeCompletion(r.address, r.socket, r.data);
    case 'error':
      return encodeError(r.address, r.socket, r.code);
    case 'network-change':
      return reply(r.address, [0x38]);
    case 'address-set':
      checkRange('AddressSet next address', r.next, 1, 8);
      return Uint8Array.of(0x88, 0x30, r.next, TERMINATOR);
    case 'if-clear-broadcast':
      return Uint8Array.of(0x88, 0x01, 0x00, 0x01, TERMINATOR);
    default: {
      const unknown: never = r;
      throw new RangeError(`unknown VISCA reply: ${JSON.stringify(unknown)}`);
    }
  }
}

function nibbleBytes(value: number, count: number): Uint8Array {
  const out = new Uint8Array(count);
  writeNibbles(out, 0, value, count);
  return out;
}

/** Options for answer encoding that depend on the answering model. */
export interface AnswerEncodeOptions {
  /**
   * Nibbles per pan/tilt value in the position answer: 4 or 5 (a codec variant's positionNibbles). When
   * omitted, 4 is used when both values fit 16 bits and 5 otherwise.
   */
  positionNibbles?: ViscaCodecVariant['positionNibbles'];
}

/** A 7-bit data byte: the only kind a VISCA packet may carry besides nibbles. */
function dataByte(what: string, value: number): number {
  checkRange(what, value, 0, 0x7f);
  return value;
}

/**
 * The data bytes of an inquiry answer (what `decodeInquiryAnswer` reads). Throws RangeError for values
 * the wire cannot carry.
 */
export function encodeInquiryAnswerData(a: ViscaInquiryAnswer, options: AnswerEncodeOptions = {}): Uint8Array {
  switch (a.inquiry) {
    case 'pan-tilt-position': {
      const fits16 = [a.pan, a.tilt].every((v) => v >= -0x8000 && v <= 0x7fff);
      const count = options.positionNibbles ?? (fits16 ? 4 : 5);
      checkRange('pan position', a.pan, -(16 ** count / 2), 16 ** count / 2 - 1);
      checkRange('tilt position', a.tilt, -(16 ** count / 2), 16 ** count / 2 - 1);
      const out = new Uint8Array(count * 2);
      writeNibbles(out, 0, a.pan, count);
      writeNibbles(out, count, a.tilt, count);
      return out;
    }
    case 'zoom-position':
    case 'focus-position':
      checkRange(a.inquiry.replace('-', ' '), a.position, 0, 0xffff);
      return nibbleBytes(a.position, 4);
    case 'iris-position':
      checkRange('iris position', a.position, 0, 0xff);
      return nibbleBytes(a.position, 4);
    case 'ae-mode': {
      const code = a.mode === 'unknown' ? a.raw : AE_MODE_CODE[a.mode];
      checkRange('AE mode code', code, 0, 0x0f);
      return Uint8Array.of(code);
    }
    case 'focus-mode': {
      const code = a.mode === 'unknown' ? a.raw : FOCUS_MODE_CODE[a.mode];
      return Uint8Array.of(dataByte('focus mode code', code));
    }
    case 'power':
      if (a.on === null) return Uint8Array.of(dataByte('power state code', a.raw));
      return Uint8Array.of(a.on ? POWER_ON : POWER_STANDBY);
    case 'pan-tilt-status':
      checkRange('pan-tilt status', a.raw, 0, 0x7fff);
      if (a.raw & 0x80) throw new RangeError('VISCA pan-tilt status bit 7 must be 0');
      return Uint8Array.of(a.raw >> 8, a.raw & 0xff);
    case 'pan-tilt-max-speed':
      return Uint8Array.of(dataByte('max pan speed', a.pan), dataByte('max tilt speed', a.tilt));
    case 'version': {
      for (const [what, v] of [
        ['vendor', a.vendor],
        ['model', a.model],
        ['ROM version', a.rom],
      ] as const) {
        checkRange(what, v, 0, 0xffff);
      }
      checkRange('max socket', a.maxSocket, 0, 0xfe);
      const out = Uint8Array.of(
        a.vendor >> 8,
        a.vendor & 0xff,
        a.model >> 8,
        a.model & 0xff,
        a.rom >> 8,
        a.rom & 0xff,
        a.maxSocket,
      );
      if (out.includes(TERMINATOR)) throw new RangeError('VISCA version answer bytes must not contain FF');
      return out;
    }
    default: {
      const unknown: never = a;
      throw new RangeError(`unknown VISCA inquiry answer: ${JSON.stringify(unknown)}`);
    }
  }
}

/** Whole inquiry answer frame `y0 50 <data> FF` from device `address` (1–7). */
export function encodeInquiryAnswer(
  address: number,
  answer: ViscaInquiryAnswer,
  options: AnswerEncodeOptions = {},
): Uint8Array {
  return encodeCompletion(address, 0, encodeInquiryAnswerData(answer, options));
}
