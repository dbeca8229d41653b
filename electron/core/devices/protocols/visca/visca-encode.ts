/** Controller-side VISCA encoders: semantic command or inquiry → packet bytes (`8x … FF`). */
import { writeNibbles } from './visca-nibbles';
import {
  AE_MODE_CODE,
  DRIVE_SPEED_MAX,
  DRIVE_SPEED_MIN,
  INQUIRY_BYTES,
  PAN_DIRECTION_BYTE,
  PAN_SPEED_MAX,
  PAN_SPEED_MIN,
  POWER_ON,
  POWER_STANDBY,
  TERMINATOR,
  TILT_DIRECTION_BYTE,
  TILT_SPEED_MAX,
  TILT_SPEED_MIN,
} from './visca-tables';
import type { ViscaAddress, ViscaCommand, ViscaInquiry } from './visca-types';

/** Throws RangeError unless `value` is an integer in [min, max]. Caller arguments only, never camera data. */
export function checkRange(what: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`VISCA ${what} must be an integer in ${min}–${max} (0x${max.toString(16)}), got ${value}`);
  }
}

/** Looks `key` up in a byte table; RangeError for a value outside the union (untyped callers). */
function byteFor<K extends string>(what: string, table: Readonly<Record<K, number>>, key: K): number {
  const byte = Object.hasOwn(table, key) ? table[key] : undefined;
  if (byte === undefined)
    throw new RangeError(`VISCA ${what} must be one of ${Object.keys(table).join(', ')}, got ${String(key)}`);
  return byte;
}

/** Controller → device header byte `8x` for device address 1–7. */
export function commandHeader(address: ViscaAddress): number {
  checkRange('address', address, 1, 7);
  return 0x80 | address;
}

/** Whole packet: header, message bytes, terminator. */
function packet(address: ViscaAddress, message: readonly number[]): Uint8Array {
  const out = new Uint8Array(message.length + 2);
  out[0] = commandHeader(address);
  out.set(message, 1);
  out[out.length - 1] = TERMINATOR;
  return out;
}

/** `count` nibble bytes of `value` as an array, for splicing into a message. */
function nibbles(value: number, count: number): number[] {
  const out = new Uint8Array(count);
  writeNibbles(out, 0, value, count);
  return Array.from(out);
}

/** Variable drive byte: `00` stop, `2p` for the first direction, `3p` for the second (p = speed 0–7). */
function driveByte(what: string, direction: 'first' | 'second' | 'stop', speed: number): number {
  if (direction === 'stop') return 0x00;
  checkRange(`${what} speed`, speed, DRIVE_SPEED_MIN, DRIVE_SPEED_MAX);
  return (direction === 'first' ? 0x20 : 0x30) | speed;
}

/**
 * Encodes a command for device `address` (1–7). Throws RangeError for out-of-range arguments: pan speed
 * 1–0x18, tilt speed 1–0x17 (checked even for stop, which still sends them), zoom/focus speed 0–7 (ignored
 * for stop), zoom position 0–0xFFFF, iris position 0–0xFF.
 */
export function encodeCommand(address: ViscaAddress, cmd: ViscaCommand): Uint8Array {
  switch (cmd.kind) {
    case 'pan-tilt-drive':
      checkRange('pan speed', cmd.panSpeed, PAN_SPEED_MIN, PAN_SPEED_MAX);
      checkRange('tilt speed', cmd.tiltSpeed, TILT_SPEED_MIN, TILT_SPEED_MAX);
      return packet(address, [
        0x01,
        0x06,
        0x01,
        cmd.panSpeed,
        cmd.tiltSpeed,
        byteFor('pan direction', PAN_DIRECTION_BYTE, cmd.pan),
        byteFor('tilt direction', TILT_DIRECTION_BYTE, cmd.tilt),
      ]);
    case 'pan-tilt-home':
      return packet(address, [0x01, 0x06, 0x04]);
    case 'zoom-drive': {
      const dir = cmd.direction === 'tele' ? 'first' : cmd.direction === 'wide' ? 'second' : 'stop';
      return packet(address, [0x01, 0x04, 0x07, driveByte('zoom', dir, cmd.speed)]);
    }
    case 'zoom-direct':
      checkRange('zoom position', cmd.position, 0, 0xffff);
      return packet(address, [0x01, 0x04, 0x47, ...nibbles(cmd.position, 4)]);
    case 'focus-drive': {
      const dir = cmd.direction === 'far' ? 'first' : cmd.direction === 'near' ? 'second' : 'stop';
      return packet(address, [0x01, 0x04, 0x08, driveByte('focus', dir, cmd.speed)]);
    }
    case 'iris-direct':
      checkRange('iris position', cmd.position, 0, 0xff);
      return packet(address, [0x01, 0x04, 0x4b, ...nibbles(cmd.position, 4)]);
    case 'ae-mode':
      return packet(address, [0x01, 0x04, 0x39, byteFor('AE mode', AE_MODE_CODE, cmd.mode)]);
    case 'power':
      return packet(address, [0x01, 0x04, 0x00, cmd.on ? POWER_ON : POWER_STANDBY]);
    default: {
      // Exhaustive at compile time; untyped callers get a RangeError like every other bad argument.
      const unknown: never = cmd;
      throw new RangeError(`unknown VISCA command: ${JSON.stringify(unknown)}`);
    }
  }
}

/** Encodes an inquiry (`8x 09 … FF`) for device `address` (1–7). */
export function encodeInquiry(address: ViscaAddress, inq: ViscaInquiry): Uint8Array {
  const bytes = Object.hasOwn(INQUIRY_BYTES, inq) ? INQUIRY_BYTES[inq] : undefined;
  if (!bytes) throw new RangeError(`unknown VISCA inquiry: ${String(inq)}`);
  return packet(address, bytes);
}
