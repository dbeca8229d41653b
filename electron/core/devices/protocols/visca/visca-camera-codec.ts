/**
 * Camera-side VISCA codec, used by the simulator: decodes what a controller sends (`8x 01 …` commands,
 * `8x 09 …` inquiries) and encodes what a camera answers (ACK, completion, error, inquiry answers).
 */
import { ok, type Result } from '../../../../../shared/util/result';
import { checkRange } from './visca-encode';
import { checkPacketShape, decodeError } from './visca-frame-check';
import { readNibbles, writeNibbles } from './visca-nibbles';
import {
  AE_MODE_CODE,
  DRIVE_SPEED_MAX,
  ERROR_CODE,
  INQUIRY_BYTES,
  MAX_PACKET_LENGTH,
  PAN_DIRECTION_BYTE,
  PAN_SPEED_MAX,
  PAN_SPEED_MIN,
  POWER_ON,
  POWER_STANDBY,
  STANDARD_DRIVE_SPEED,
  TERMINATOR,
  TILT_DIRECTION_BYTE,
  TILT_SPEED_MAX,
  TILT_SPEED_MIN,
  hex,
  hexBytes,
  keyOfByte,
  replyHeader,
} from './visca-tables';
import type {
  ViscaCommand,
  ViscaDecodeError,
  ViscaErrorName,
  ViscaInquiry,
  ViscaInquiryAnswer,
  ViscaReply,
} from './visca-types';

type Decoded<T> = Result<T, ViscaDecodeError>;

/** A decoded controller → camera packet. `address` is 1–7, or 8 for the broadcast header `88`. */
export interface ViscaRequestFrame {
  address: number;
  message: { type: 'command'; command: ViscaCommand } | { type: 'inquiry'; inquiry: ViscaInquiry };
}

// ---- decoding (controller → camera) ---------------------------------------------------------------

/** Command family: the three bytes after the header, how many parameter bytes follow, and their parser. */
interface CommandPattern {
  params: number;
  parse(p: Uint8Array): Decoded<ViscaCommand>;
}

const bad = (detail: string): Decoded<never> => decodeError('bad-data', detail);

/** `00` stop, `02`/`03` standard speed, `2p`/`3p` variable speed p (0–7). */
function parseDrive<D extends string>(
  what: string,
  b: number,
  first: D,
  second: D,
): Decoded<{ direction: D | 'stop'; speed: number }> {
  if (b === 0x00) return ok({ direction: 'stop', speed: 0 });
  if (b === 0x02) return ok({ direction: first, speed: STANDARD_DRIVE_SPEED });
  if (b === 0x03) return ok({ direction: second, speed: STANDARD_DRIVE_SPEED });
  const speed = b & 0x0f;
  if ((b & 0xf0) === 0x20 && speed <= DRIVE_SPEED_MAX) return ok({ direction: first, speed });
  if ((b & 0xf0) === 0x30 && speed <= DRIVE_SPEED_MAX) return ok({ direction: second, speed });
  return bad(`${what} drive byte 0x${hex(b)} is not 00, 02, 03, 2p or 3p (p 0–7)`);
}

function nibbles4(what: string, p: Uint8Array): Decoded<number> {
  const r = readNibbles(p, 0, 4);
  return 'value' in r ? ok(r.value) : bad(`${what}: parameter byte ${r.badIndex} is not a nibble: ${hexBytes(p)}`);
}

/** Key of a three-byte command prefix (`01 cc dd`). */
const prefixKey = (a: number, b: number, c: number): number => (a << 16) | (b << 8) | c;

const COMMANDS = new Map<number, CommandPattern>([
  [
    prefixKey(0x01, 0x06, 0x01),
    {
      params: 4,
      parse: ([vv = 0, ww = 0, pp = 0, tt = 0]) => {
        if (vv < PAN_SPEED_MIN || vv > PAN_SPEED_MAX) return bad(`pan speed 0x${hex(vv)} outside 01–18`);
        if (ww < TILT_SPEED_MIN || ww > TILT_SPEED_MAX) return bad(`tilt speed 0x${hex(ww)} outside 01–17`);
        const pan = keyOfByte(PAN_DIRECTION_BYTE, pp);
        const tilt = keyOfByte(TILT_DIRECTION_BYTE, tt);
        if (!pan || !tilt) return bad(`pan/tilt direction bytes ${hex(pp)} ${hex(tt)} must be 01–03`);
        return ok({ kind: 'pan-tilt-drive', pan, tilt, panSpeed: vv, tiltSpeed: ww });
      },
    },
  ],
  [prefixKey(0x01, 0x06, 0x04), { params: 0, parse: () => ok({ kind: 'pan-tilt-home' }) }],
  [
    prefixKey(0x01, 0x04, 0x07),
    {
      params: 1,
      parse: ([b = 0]) => {
        const d = parseDrive('zoom', b, 'tele', 'wide');
        return d.ok ? ok({ kind: 'zoom-drive', ...d.value }) : d;
      },
    },
  ],
  [
    prefixKey(0x01, 0x04, 0x47),
    {
      params: 4,
      parse: (p) => {
        const v = nibbles4('zoom position', p);
        return v.ok ? ok({ kind: 'zoom-direct', position: v.value }) : v;
      },
    },
  ],
  [
    prefixKey(0x01, 0x04, 0x08),
    {
      params: 1,
      parse: ([b = 0]) => {
        const d = parseDrive('focus', b, 'far', 'near');
        return d.ok ? ok({ kind: 'focus-drive', ...d.value }) : d;
      },
    },
  ],
  [
    prefixKey(0x01, 0x04, 0x4b),
    {
      params: 4,
      parse: (p) => {
        const v = nibbles4('iris position', p);
        if (!v.ok) return v;
        return v.value > 0xff
          ? bad(`iris position 0x${v.value.toString(16)} exceeds FF`)
          : ok({ kind: 'iris-direct', position: v.value });
      },
    },
  ],
  [
    prefixKey(0x01, 0x04, 0x39),
    {
      params: 1,
      parse: ([b = 0]) => {
        const mode = keyOfByte(AE_MODE_CODE, b);
        return mode ? ok({ kind: 'ae-mode', mode }) : bad(`AE mode 0x${hex(b)} is not 0, 3, A, B or D`);
      },
    },
  ],
  [
    prefixKey(0x01, 0x04, 0x00),
    {
      params: 1,
      parse: ([b = 0]) =>
        b === POWER_ON || b === POWER_STANDBY
          ? ok({ kind: 'power', on: b === POWER_ON })
          : bad(`power byte 0x${hex(b)} is not 02 or 03`),
    },
  ],
]);

const INQUIRIES = new Map<number, ViscaInquiry>(
  (Object.keys(INQUIRY_BYTES) as ViscaInquiry[]).map((inq) => {
    const [a = 0, b = 0, c = 0] = INQUIRY_BYTES[inq];
    return [prefixKey(a, b, c), inq];
  }),
);

/**
 * Decodes a controller → camera packet (terminator included). Unknown but well-formed messages come back
 * as `unknown-reply` (the message is not in the supported set), known ones with illegal parameters as
 * `bad-data`; a camera answers both with a syntax error.
 */
export function decodeCommandOrInquiry(frame: Uint8Array): Decoded<ViscaRequestFrame> {
  const shape = checkPacketShape(frame);
  if (!shape.ok) return shape;
  const header = frame[0]!;
  // Controller (address 0) → device 1–7, or broadcast 88: `1 000 0 rrr`.
  if (header < 0x81 || header > 0x88) {
    return decodeError('bad-header', `0x${hex(header)} is not a controller header (81–88): ${hexBytes(frame)}`);
  }
  const address = header - 0x80;
  const body = frame.subarray(1, frame.length - 1);
  const key = body.length >= 3 ? prefixKey(body[0]!, body[1]!, body[2]!) : -1;
  if (body[0] === 0x09) {
    const inquiry = INQUIRIES.get(key);
    if (inquiry === undefined || body.length !== 3)
      return decodeError('unknown-reply', `unsupported inquiry: ${hexBytes(frame)}`);
    return ok({ address, message: { type: 'inquiry', inquiry } });
  }
  const pattern = COMMANDS.get(key);
  if (!pattern) return decodeError('unknown-reply', `unsupported command: ${hexBytes(frame)}`);
  const params = body.subarray(3);
  if (params.length !== pattern.params) {
    return bad(`command expects ${pattern.params} parameter bytes, got ${params.length}: ${hexBytes(frame)}`);
  }
  const command = pattern.parse(params);
  if (!command.ok) return command;
  return ok({ address, message: { type: 'command', command: command.value } });
}

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

/**
 * The data bytes of an inquiry answer (what `decodeInquiryAnswer` reads). Pan/tilt use 16-bit nibbles when
 * both fit in −0x8000…0x7FFF, else 20-bit (±0x7FFFF). Throws RangeError for values the wire cannot carry.
 */
export function encodeInquiryAnswerData(a: ViscaInquiryAnswer): Uint8Array {
  switch (a.inquiry) {
    case 'pan-tilt-position': {
      const fits16 = [a.pan, a.tilt].every((v) => v >= -0x8000 && v <= 0x7fff);
      const count = fits16 ? 4 : 5;
      checkRange('pan position', a.pan, -(16 ** count / 2), 16 ** count / 2 - 1);
      checkRange('tilt position', a.tilt, -(16 ** count / 2), 16 ** count / 2 - 1);
      const out = new Uint8Array(count * 2);
      writeNibbles(out, 0, a.pan, count);
      writeNibbles(out, count, a.tilt, count);
      return out;
    }
    case 'zoom-position':
      checkRange('zoom position', a.position, 0, 0xffff);
      return nibbleBytes(a.position, 4);
    case 'iris-position':
      checkRange('iris position', a.position, 0, 0xff);
      return nibbleBytes(a.position, 4);
    case 'ae-mode': {
      const code = a.mode === 'unknown' ? a.raw : AE_MODE_CODE[a.mode];
      checkRange('AE mode code', code, 0, 0x0f);
      return Uint8Array.of(code);
    }
    case 'power':
      return Uint8Array.of(a.on ? POWER_ON : POWER_STANDBY);
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
export function encodeInquiryAnswer(address: number, answer: ViscaInquiryAnswer): Uint8Array {
  return encodeCompletion(address, 0, encodeInquiryAnswerData(answer));
}
