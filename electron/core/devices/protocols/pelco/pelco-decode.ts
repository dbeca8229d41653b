/**
 * Camera-side decoders: Pelco-D / Pelco-P frame → semantic command (for the simulator and bus monitors).
 * Bytes come from the wire, so nothing here throws: every failure is a typed `PelcoDecodeError`. Whatever
 * decodes re-encodes to the same bytes with `encodePelcoD` / `encodePelcoP`.
 */
import { err, ok, type Result } from '../../../../../shared/util/result';
import {
  CAMERA_POWER_BYTE,
  EXTENDED_OPCODE,
  LENS_SPEED_MAX,
  MOTION_BITS,
  MOTION_BYTE0_MASK,
  MOTION_BYTE1_MASK,
  PELCO_ANGLE_MAX,
  PELCO_D_FRAME_LENGTH,
  PELCO_D_SYNC,
  PELCO_P_ETX,
  PELCO_P_FRAME_LENGTH,
  PELCO_P_STX,
  PELCO_SPEED_MAX,
  PELCO_TURBO,
  PRESET_RANGE,
  QUERY_OPCODE,
  hexBytes,
  pelcoDChecksum,
  pelcoPChecksum,
  type ExtendedKind,
  type PelcoBit,
  type PelcoVariant,
} from './pelco-tables';
import type { PelcoCommand, PelcoDecodeError, PelcoMotion } from './pelco-types';

/** A frame whose envelope (length, sync, trailer, checksum, address) checked out. */
export interface PelcoEnvelope {
  /** Receiver address as printed (Pelco-P: the wire byte + 1). */
  address: number;
  /** The four command bytes (Pelco-D cmd1 cmd2 data1 data2; Pelco-P data1–data4). */
  body: readonly [number, number, number, number];
}

const fail = (reason: PelcoDecodeError['reason'], detail: string): Result<never, PelcoDecodeError> =>
  err({ reason, detail });

/**
 * Checks a whole frame's envelope: exact length, sync byte, Pelco-P trailer, checksum, and a Pelco-D
 * address that is not 0 (1–255 are receivers).
 */
export function checkPelcoFrame(variant: PelcoVariant, frame: Uint8Array): Result<PelcoEnvelope, PelcoDecodeError> {
  const name = variant === 'd' ? 'Pelco-D' : 'Pelco-P';
  const length = variant === 'd' ? PELCO_D_FRAME_LENGTH : PELCO_P_FRAME_LENGTH;
  if (frame.length < length) return fail('too-short', `${name} frame of ${frame.length} bytes: ${hexBytes(frame)}`);
  if (frame.length > length) return fail('bad-data', `${name} frame of ${frame.length} bytes, expected ${length}`);
  const sync = variant === 'd' ? PELCO_D_SYNC : PELCO_P_STX;
  if (frame[0] !== sync) return fail('bad-sync', `${name} frame must start with ${hex(sync)}: ${hexBytes(frame)}`);
  if (variant === 'p' && frame[6] !== PELCO_P_ETX) {
    return fail('bad-trailer', `Pelco-P byte 7 must be AF: ${hexBytes(frame)}`);
  }
  const expected = variant === 'd' ? pelcoDChecksum(frame) : pelcoPChecksum(frame);
  const got = frame[length - 1]!;
  if (got !== expected) {
    return fail('bad-checksum', `${name} checksum ${hex(got)}, expected ${hex(expected)}: ${hexBytes(frame)}`);
  }
  const wireAddress = frame[1]!;
  if (variant === 'd' && wireAddress === 0) return fail('bad-data', `Pelco-D address 0: ${hexBytes(frame)}`);
  return ok({
    address: variant === 'd' ? wireAddress : wireAddress + 1,
    body: [frame[2]!, frame[3]!, frame[4]!, frame[5]!],
  });
}

/** Decodes a Pelco-D command frame (7 bytes, controller → receiver). */
export function decodePelcoDCommand(
  frame: Uint8Array,
): Result<{ address: number; command: PelcoCommand }, PelcoDecodeError> {
  return decodePelcoCommand('d', frame);
}

/** Decodes a Pelco-P command frame (8 bytes); `address` is as printed (wire byte + 1). */
export function decodePelcoPCommand(
  frame: Uint8Array,
): Result<{ address: number; command: PelcoCommand }, PelcoDecodeError> {
  return decodePelcoCommand('p', frame);
}

/** Decodes a command frame of either dialect. */
export function decodePelcoCommand(
  variant: PelcoVariant,
  frame: Uint8Array,
): Result<{ address: number; command: PelcoCommand }, PelcoDecodeError> {
  const envelope = checkPelcoFrame(variant, frame);
  if (!envelope.ok) return envelope;
  const command = decodePelcoBody(variant, envelope.value.body);
  if (!command.ok) return fail(command.error.reason, `${command.error.detail}: ${hexBytes(frame)}`);
  return ok({ address: envelope.value.address, command: command.value });
}

const EXTENDED_BY_OPCODE: ReadonlyMap<number, ExtendedKind> = new Map(
  Object.entries(EXTENDED_OPCODE).map(([kind, op]) => [op, kind as ExtendedKind]),
);
const QUERY_BY_OPCODE: ReadonlyMap<number, 'pan' | 'tilt' | 'zoom'> = new Map(
  Object.entries(QUERY_OPCODE).map(([what, op]) => [op, what as 'pan' | 'tilt' | 'zoom']),
);

/** The four command bytes → a command. Only forms the encoder produces are accepted. */
export function decodePelcoBody(
  variant: PelcoVariant,
  body: readonly [number, number, number, number],
): Result<PelcoCommand, PelcoDecodeError> {
  const [b0, b1, d1, d2] = body;
  if (b1 & 0x01) return decodeExtended(b0, b1, d1, d2);
  const power = CAMERA_POWER_BYTE[variant];
  if (b0 === power.on || b0 === power.off) {
    if (b1 !== 0 || d1 !== 0 || d2 !== 0) return fail('unknown-command', 'camera power combined with other bits');
    return ok({ kind: 'camera-power', on: b0 === power.on });
  }
  if (b0 & ~MOTION_BYTE0_MASK[variant] || b1 & ~MOTION_BYTE1_MASK) {
    return fail('unknown-command', `standard command bits ${hex(b0)} ${hex(b1)} (scan/sense/reserved)`);
  }
  return decodeMotion(variant, b0, b1, d1, d2);
}

function decodeMotion(
  variant: PelcoVariant,
  b0: number,
  b1: number,
  d1: number,
  d2: number,
): Result<PelcoCommand, PelcoDecodeError> {
  const bits = MOTION_BITS[variant];
  const has = (b: PelcoBit): boolean => ((b.byte === 0 ? b0 : b1) & b.mask) !== 0;
  // Both directions of one axis at once has no meaning (and no encoding): null.
  const pick = <T extends string>(a: PelcoBit, aName: T, b: PelcoBit, bName: T): T | 'stop' | null =>
    has(a) && has(b) ? null : has(a) ? aName : has(b) ? bName : 'stop';
  const pan = pick(bits.panLeft, 'left', bits.panRight, 'right');
  const tilt = pick(bits.tiltUp, 'up', bits.tiltDown, 'down');
  const zoom = pick(bits.zoomTele, 'tele', bits.zoomWide, 'wide');
  const focus = pick(bits.focusFar, 'far', bits.focusNear, 'near');
  const iris = pick(bits.irisOpen, 'open', bits.irisClose, 'close');
  if (!pan || !tilt || !zoom || !focus || !iris) {
    return fail('bad-data', 'opposite directions set at once');
  }
  let panSpeed: PelcoMotion['panSpeed'];
  if (d1 <= PELCO_SPEED_MAX) panSpeed = d1;
  else if (d1 === PELCO_TURBO[variant]) panSpeed = 'turbo';
  else return fail('bad-data', `pan speed ${hex(d1)} (00–3F or turbo ${hex(PELCO_TURBO[variant])})`);
  if (d2 > PELCO_SPEED_MAX) return fail('bad-data', `tilt speed ${hex(d2)} (00–3F)`);
  return ok({ kind: 'motion', motion: { pan, tilt, zoom, focus, iris, panSpeed, tiltSpeed: d2 } });
}

function decodeExtended(b0: number, op: number, d1: number, d2: number): Result<PelcoCommand, PelcoDecodeError> {
  if (b0 !== 0) return fail('unknown-command', `extended command ${hex(op)} with first byte ${hex(b0)}`);
  const query = QUERY_BY_OPCODE.get(op);
  if (query) {
    return d1 === 0 && d2 === 0 ? ok({ kind: 'query', what: query }) : fail('bad-data', `query with data`);
  }
  const kind = EXTENDED_BY_OPCODE.get(op);
  if (!kind) return fail('unknown-command', `extended command ${hex(op)}`);
  const word = (d1 << 8) | d2;
  switch (kind) {
    case 'preset-set':
    case 'preset-clear':
    case 'preset-go':
      if (d1 !== 0 || d2 < PRESET_RANGE.min) return fail('bad-data', `${kind} ${hex(d1)} ${hex(d2)}`);
      return ok({ kind, preset: d2 });
    case 'remote-reset':
      return word === 0 ? ok({ kind }) : fail('bad-data', 'remote reset with data');
    case 'zoom-speed':
    case 'focus-speed':
      if (d1 !== 0 || d2 > LENS_SPEED_MAX) return fail('bad-data', `${kind} ${hex(d1)} ${hex(d2)} (0–3)`);
      return ok({ kind, speed: d2 });
    case 'auto-focus':
    case 'auto-iris':
      if (d1 !== 0) return fail('bad-data', `${kind} ${hex(d1)} ${hex(d2)}`);
      return ok({ kind, mode: d2 });
    case 'set-pan-position':
    case 'set-tilt-position':
      if (word > PELCO_ANGLE_MAX) return fail('bad-data', `${kind} ${word} (0–35999 hundredths of a degree)`);
      return ok({ kind, hundredthsOfDegree: word });
    case 'set-zoom-position':
      return ok({ kind, position: word });
  }
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0').toUpperCase();
}
