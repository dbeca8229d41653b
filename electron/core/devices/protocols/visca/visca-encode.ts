/** Controller-side VISCA encoders: semantic command or inquiry → packet bytes (`8x … FF`). */
import { COMMAND_ENCODERS } from './visca-command-encoders';
import { checkRange } from './visca-range';
import { BROADCAST_HEADER, INQUIRY_BYTES, TERMINATOR } from './visca-tables';
import type { ViscaAddress, ViscaCommand, ViscaInquiry } from './visca-types';
import { SONY_GENERIC_VARIANT, type ViscaCodecVariant } from './visca-variants';

export { checkRange } from './visca-range';

/** Controller → device header byte `8x` for device address 1–7. */
export function commandHeader(address: ViscaAddress): number {
  checkRange('address', address, 1, 7);
  return 0x80 | address;
}

/** Whole packet: header byte, message bytes, terminator. */
function packet(header: number, message: readonly number[]): Uint8Array {
  const out = new Uint8Array(message.length + 2);
  out[0] = header;
  out.set(message, 1);
  out[out.length - 1] = TERMINATOR;
  return out;
}

/**
 * Encodes a command for device `address` (1–7). `variant` (default: generic Sony) decides the wire
 * layout of positions and speeds and the accepted ranges. Throws RangeError for out-of-range arguments:
 * pan speed 1–panSpeedMax, tilt speed 1–tiltSpeedMax (checked even for a drive stop, which still sends
 * them), zoom/focus speed 0–7 (ignored for stop), positions 0–0xFFFF, byte-valued settings 0–0xFF, signed
 * pan/tilt positions within the variant's nibble width, presets 0–presetMax.
 */
export function encodeCommand(
  address: ViscaAddress,
  cmd: ViscaCommand,
  variant: ViscaCodecVariant = SONY_GENERIC_VARIANT,
): Uint8Array {
  const header = commandHeader(address);
  const kind = (cmd as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !Object.hasOwn(COMMAND_ENCODERS, kind)) {
    // Exhaustive at compile time; untyped callers get a RangeError like every other bad argument.
    throw new RangeError(`unknown VISCA command: ${JSON.stringify(cmd)}`);
  }
  const encode = COMMAND_ENCODERS[cmd.kind] as (c: ViscaCommand, v: ViscaCodecVariant) => number[];
  return packet(header, encode(cmd, variant));
}

/** Encodes an inquiry (`8x 09 … FF`) for device `address` (1–7). */
export function encodeInquiry(address: ViscaAddress, inq: ViscaInquiry): Uint8Array {
  const bytes = Object.hasOwn(INQUIRY_BYTES, inq) ? INQUIRY_BYTES[inq] : undefined;
  if (!bytes) throw new RangeError(`unknown VISCA inquiry: ${String(inq)}`);
  return packet(commandHeader(address), bytes);
}

/**
 * AddressSet broadcast `88 30 0w FF` (serial only): the first device on the chain takes address `first`
 * (1 by default, as Sony documents), each next one the following address. The chain returns
 * `88 30 0w FF` with w = last address + 1.
 */
export function encodeAddressSet(first = 1): Uint8Array {
  checkRange('AddressSet first address', first, 1, 7);
  return packet(BROADCAST_HEADER, [0x30, first]);
}

/** IF_Clear broadcast `88 01 00 01 FF` (serial only); the chain echoes the same bytes. */
export function encodeIfClearBroadcast(): Uint8Array {
  return packet(BROADCAST_HEADER, [0x01, 0x00, 0x01]);
}

/** Command cancel `8x 2z FF` of socket z (1–15; cameras have sockets 1 and 2) on device `address`. */
export function encodeCancel(address: ViscaAddress, socket: number): Uint8Array {
  checkRange('cancel socket', socket, 1, 0x0f);
  return packet(commandHeader(address), [0x20 | socket]);
}
