/**
 * What the VISCA driver policy needs from a link, whatever carries it: VISCA over IP (sequence numbers,
 * retransmission, RESET) today; a serial port or a raw TCP/UDP stream (addresses, framing) next.
 */
import type { ViscaReply } from '../protocols/visca/visca-types';

export interface ViscaRequestOptions {
  kind: 'command' | 'inquiry';
  /**
   * `bounded`: give up (reject with a timeout) after the link's retry budget. `until-acknowledged`: keep
   * retransmitting until a reply, `cancel()` or close — for stops.
   */
  persistence: 'bounded' | 'until-acknowledged';
}

export type ViscaOutcome =
  /** The camera's first answer to this request: ack, completion (inquiries, or cameras that skip ACK) or error. */
  | { kind: 'reply'; reply: ViscaReply; rttMs: number }
  /** A retransmission was refused as a repeat, so the camera had already run the command. */
  | { kind: 'already-executed'; rttMs: number };

export type LinkErrorCode = 'timeout' | 'closed' | 'cancelled' | 'rejected';

export class LinkError extends Error {
  constructor(
    readonly code: LinkErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LinkError';
  }
}

export interface ViscaRequest {
  readonly outcome: Promise<ViscaOutcome>;
  /** Stops retransmitting and rejects with LinkError('cancelled') unless already settled. */
  cancel(): void;
}

export interface ViscaChannelEvents {
  /** A completion for a command whose ACK already came (its socket is free again). */
  onCompletion(socket: number): void;
  /** A malformed or unexpected frame from the camera; the link carries on. */
  onProblem(code: string, message: string): void;
  /**
   * The carrier itself went down (serial adapter unplugged, TCP connection lost): the device goes offline
   * at once instead of waiting for a request to time out, then runs its handshake loop again.
   */
  onLinkDown?(reason: string): void;
}

export interface ViscaChannel {
  /** Opens the transport. Rejects with a specific message (address in use, name not found…). */
  open(events: ViscaChannelEvents): Promise<void>;
  /** Handshake that proves the camera answers (VISCA over IP: RESET → ACK). Rejects with LinkError. */
  handshake(): Promise<void>;
  /** Sends one VISCA packet (`8x … FF`). */
  request(packet: Uint8Array, options: ViscaRequestOptions): ViscaRequest;
  /** Rejects everything outstanding with LinkError('closed') and releases the transport. */
  close(): Promise<void>;
  /** One line naming the endpoint, for status messages: `192.0.2.10:52381 (VISCA over IP)`. */
  describe(): string;
  /**
   * How many commands may await their ACK at once (default 1). 2 only where the carrier keeps order
   * (serial line, TCP): the camera then takes the next command at the cycle after the previous one, and a
   * lost reply can never let an older move run after a newer one.
   */
  readonly maxUnacknowledged?: number;
  /**
   * When the bytes written so far will have left the wire (the clock's ms), on a carrier with a known line
   * rate (serial); absent elsewhere. A pipelined command is held until then so it carries the newest value
   * instead of waiting in the OS buffer behind the previous frame.
   */
  wireIdleAt?(): number;
}

/** Status detail for a link that does not answer: what failed, and what the operator should check. */
export function describeLinkFailure(channel: ViscaChannel, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return (
    `No answer from ${channel.describe()}: ${message}. Check the address and port (or cable and baud rate), ` +
    `that the camera is powered, and for network cameras that this PC has an address in the camera's subnet.`
  );
}
