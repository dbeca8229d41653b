/** Types of the simulated camera's VISCA processor (visca-engine.ts): options, requests, outcomes, log, counters. */
import type { ViscaCommand, ViscaErrorName, ViscaInquiry, ViscaRequestFrame } from '../devices/protocols/visca';
import type { SimCamera } from './camera-model';
import type { Clock } from './sim-clock';

/** One video cycle at 59.94 Hz, ms: the pace of VISCA processing on BRC-X400/SRG-X400 class cameras. */
export const VIDEO_CYCLE_MS = 1000 / 59.94;
/**
 * Received-but-not-yet-processed messages a camera holds before it refuses more with buffer full.
 * Sony does not publish its input buffer size; 8 covers both sockets, an inquiry and the retransmissions
 * of a couple of controllers, and a flood overflows it quickly, which is what the tests need.
 */
export const DEFAULT_INPUT_QUEUE_DEPTH = 8;
/** Command sockets of a Sony camera. */
export const SOCKET_COUNT = 2;

export interface ViscaEngineOptions {
  camera: SimCamera;
  /** Device address 1–7 (replies carry `(address + 8) << 4`); default 1. */
  address?: number;
  /** Time and timers; default the camera's clock with the global timers. */
  clock?: Clock;
  /**
   * Video cycle, ms (default 16.683, 59.94 Hz; 20 for 50 Hz). 0 = immediate mode: every message is
   * processed on arrival and a command's ACK and completion go out at once (the old simulator).
   */
  cycleMs?: number;
  /** Input buffer depth in messages; default DEFAULT_INPUT_QUEUE_DEPTH. Overflow → buffer full at once. */
  inputQueueDepth?: number;
  /** Whether IF_Clear to this device is accepted (false over VISCA-over-IP, where Sony lists it as unavailable). */
  ifClear?: boolean;
  /** Cap on `received`; default 10 000 (oldest dropped first). */
  maxRecords?: number;
}

/** One message handed to the engine, with where its replies go. */
export interface EngineRequest {
  /** One whole VISCA packet, FF included. */
  packet: Uint8Array;
  /** Sends one reply packet (ACK, completion, error, answer) back to whoever sent this message. */
  reply(packet: Uint8Array): void;
  /**
   * Called just before a valid command would execute (never for inquiries): false skips it without a
   * VISCA reply, because the transport has answered already (VISCA-over-IP sequence error).
   */
  admit?(): boolean;
  /** Called once when the engine has decided what to do with the message. */
  onOutcome?(outcome: EngineOutcome): void;
}

/** What the engine decided for one message. */
export type EngineOutcome =
  /** Command accepted into `socket`: ACK next cycle, completion when done. */
  | { kind: 'accepted'; socket: number; command: ViscaCommand }
  /** Inquiry answered next cycle (no socket). */
  | { kind: 'answered'; inquiry: ViscaInquiry }
  /** IF_Clear: sockets emptied, `y0 50 FF` next cycle. */
  | { kind: 'if-clear' }
  /** Cancel: `y0 6z 04` (cancelled) or `y0 6z 05` (no socket) next cycle. */
  | { kind: 'cancel'; socket: number; result: 'cancelled' | 'no-socket' }
  /** A VISCA error reply instead of an ACK (syntax, message-length, buffer-full, not-executable). */
  | {
      kind: 'error';
      error: Exclude<ViscaErrorName, 'unknown'>;
      socket: number;
      command?: ViscaCommand;
      detail?: string;
    }
  /** `admit` said no: nothing sent by the engine. */
  | { kind: 'skipped'; command: ViscaCommand };

/** One received message as the engine saw it. Times are ms on the engine clock. */
export interface EngineRecord {
  receivedAt: number;
  /** Cycle start that took it from the input queue; null while queued or when refused on arrival. */
  processedAt: number | null;
  /** When its first reply (ACK, answer, error) went out. */
  repliedAt: number | null;
  /** When a command's completion went out (null: not yet, cancelled, or refused). */
  completedAt: number | null;
  bytes: Uint8Array;
  message: ViscaRequestFrame['message'] | null;
  outcome: EngineOutcome | null;
}

export interface EngineCounters {
  received: number;
  processed: number;
  commandsAccepted: number;
  completions: number;
  inquiriesAnswered: number;
  /** Every `y0 60 03` sent: both sockets busy, or the input queue full (also counted in queueOverflows). */
  bufferFull: number;
  queueOverflows: number;
  syntaxErrors: number;
  messageLengthErrors: number;
  notExecutable: number;
  cancelled: number;
  noSocket: number;
  ifClears: number;
  skipped: number;
  reboots: number;
  /** Cycles run (the engine only runs cycles while it has work). */
  cycles: number;
  /** Exceptions thrown by reply callbacks (should stay 0). */
  replyErrors: number;
  /** Exceptions while processing a message, e.g. a model answer the wire cannot carry (should stay 0). */
  internalErrors: number;
}

export const newEngineCounters = (): EngineCounters => ({
  received: 0,
  processed: 0,
  commandsAccepted: 0,
  completions: 0,
  inquiriesAnswered: 0,
  bufferFull: 0,
  queueOverflows: 0,
  syntaxErrors: 0,
  messageLengthErrors: 0,
  notExecutable: 0,
  cancelled: 0,
  noSocket: 0,
  ifClears: 0,
  skipped: 0,
  reboots: 0,
  cycles: 0,
  replyErrors: 0,
  internalErrors: 0,
});
