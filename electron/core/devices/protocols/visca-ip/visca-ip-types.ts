/** Sony VISCA over IP framing (UDP 52381): 8-byte header + payload. ../shared/reference/protocols.md §2. */

export const VISCA_IP_PORT = 52381;

/** Payload types (header bytes 0–1, big-endian). */
export const PayloadType = {
  command: 0x0100,
  inquiry: 0x0110,
  reply: 0x0111,
  deviceSetting: 0x0120,
  control: 0x0200,
  controlReply: 0x0201,
} as const;
export type PayloadType = (typeof PayloadType)[keyof typeof PayloadType];

/** One VISCA-over-IP message. `sequence` is an unsigned 32-bit number that wraps to 0. */
export interface ViscaIpMessage {
  type: PayloadType;
  sequence: number;
  payload: Uint8Array;
}

/** A decoded control payload (type 0x0200/0x0201). */
export type ViscaIpControl =
  | { kind: 'reset' } // 01, controller → camera
  | { kind: 'ack' } // 01, camera → controller (reply to RESET)
  | { kind: 'error'; code: number; name: 'sequence' | 'message' | 'unknown' }; // 0F yy

export interface ViscaIpDecodeError {
  reason: 'too-short' | 'length-mismatch' | 'bad-type' | 'bad-payload';
  detail: string;
}
