/**
 * What the network servers (VISCA over IP, raw VISCA over TCP and UDP) log and count per received
 * message, in one shape so tests and the console's fixtures read every server the same way.
 */
import {
  decodeCommandOrInquiry,
  type PanDirection,
  type TiltDirection,
  type ViscaCodecVariant,
  type ViscaCommand,
  type ViscaErrorName,
  type ViscaInquiry,
} from '../devices/protocols/visca';
import type { ViscaIpControl } from '../devices/protocols/visca-ip';
import type { EngineOutcome } from './visca-engine';

/** Message kind; 'broadcast' is AddressSet / IF_Clear broadcast on raw VISCA (answered by the chain). */
export type ReceivedKind = 'command' | 'inquiry' | 'control' | 'invalid' | 'cancel' | 'broadcast';

/** What the camera did with a message. */
export type ReceivedOutcome =
  /** Waiting in the camera's input queue (updated in place once processed). */
  | 'queued'
  /** Command: accepted (ACK, completion follows), or IF_Clear done. */
  | 'executed'
  /** Inquiry: completion with data sent. */
  | 'answered'
  /** RESET: control ACK sent, sequence tracking restarted. */
  | 'reset'
  /** VISCA error reply sent (`error` names it): syntax, buffer full, not executable… */
  | 'visca-error'
  /** Cancel: the socket's command was cancelled (`y0 6z 04`) / the socket was empty (`y0 6z 05`). */
  | 'cancelled'
  | 'no-socket'
  /** Control ERROR `0F 01`: a command's sequence number was not newer than the last executed one. */
  | 'sequence-error'
  /** Control ERROR `0F 02`: bad header, length, payload type or control payload. */
  | 'message-error'
  /** Raw VISCA for an address no camera holds: no answer, as on a real line. */
  | 'ignored';

/** One received message as the camera saw it. */
export interface ReceivedRecord {
  /** Arrival time, ms, on the camera's clock. */
  t: number;
  /** VISCA-over-IP sequence number; null for raw VISCA or a datagram too short to carry one. */
  seq: number | null;
  kind: ReceivedKind;
  outcome: ReceivedOutcome;
  /** Sender of the message. */
  from: { address: string; port: number };
  command?: ViscaCommand;
  inquiry?: ViscaInquiry;
  control?: ViscaIpControl;
  /** Directions of a pan-tilt drive, for quick assertions. */
  pan?: PanDirection;
  tilt?: TiltDirection;
  /** Socket of an accepted command or a cancel. */
  socket?: number;
  /** VISCA error sent back, for outcome 'visca-error'. */
  error?: ViscaErrorName;
  /** Why the message was refused, for 'invalid' ones and errors. */
  detail?: string;
}

export interface ServerCounters {
  /** Datagrams (UDP) or frames (TCP) received / sent, after loss and filters. */
  datagramsIn: number;
  datagramsOut: number;
  /** Messages dropped by the filter or the loss faults, each way. */
  droppedIn: number;
  droppedOut: number;
  commandsExecuted: number;
  inquiriesAnswered: number;
  resets: number;
  /** Cancels processed (either answer). */
  cancels: number;
  /** Replies that were control ERROR 0F 01 / 0F 02, or a VISCA error. */
  sequenceErrors: number;
  messageErrors: number;
  viscaErrors: number;
  /** Raw VISCA stream/datagram bytes the framer could not make into a packet (noise, cut packets). */
  framingErrors: number;
  /** Sends the OS refused, and exceptions caught while handling a message (should stay 0). */
  sendErrors: number;
  internalErrors: number;
}

export const newServerCounters = (): ServerCounters => ({
  datagramsIn: 0,
  datagramsOut: 0,
  droppedIn: 0,
  droppedOut: 0,
  commandsExecuted: 0,
  inquiriesAnswered: 0,
  resets: 0,
  cancels: 0,
  sequenceErrors: 0,
  messageErrors: 0,
  viscaErrors: 0,
  framingErrors: 0,
  sendErrors: 0,
  internalErrors: 0,
});

/** Counts a record whose outcome is final. */
export function countOutcome(counters: ServerCounters, record: ReceivedRecord): void {
  switch (record.outcome) {
    case 'executed':
      counters.commandsExecuted++;
      break;
    case 'answered':
      counters.inquiriesAnswered++;
      break;
    case 'reset':
      counters.resets++;
      break;
    case 'cancelled':
    case 'no-socket':
      counters.cancels++;
      break;
    case 'sequence-error':
      counters.sequenceErrors++;
      break;
    case 'message-error':
      counters.messageErrors++;
      break;
    case 'visca-error':
      counters.viscaErrors++;
      break;
    case 'queued':
    case 'ignored':
      break;
  }
}

/** A queued record for a raw VISCA packet, with what can be read from it before the camera processes it. */
export function recordForPacket(
  t: number,
  seq: number | null,
  from: ReceivedRecord['from'],
  packet: Uint8Array,
  variant: ViscaCodecVariant,
): ReceivedRecord {
  const record: ReceivedRecord = { t, seq, kind: 'invalid', outcome: 'queued', from };
  const frame = decodeCommandOrInquiry(packet, variant);
  if (!frame.ok) return { ...record, detail: `${frame.error.reason}: ${frame.error.detail}` };
  const m = frame.value.message;
  if (frame.value.address === 8) return { ...record, kind: 'broadcast' };
  if (m.type === 'inquiry') return { ...record, kind: 'inquiry', inquiry: m.inquiry };
  if (m.type === 'cancel') return { ...record, kind: 'cancel', socket: m.socket };
  if (m.type !== 'command') return record;
  const out: ReceivedRecord = { ...record, kind: 'command', command: m.command };
  if (m.command.kind === 'pan-tilt-drive') Object.assign(out, { pan: m.command.pan, tilt: m.command.tilt });
  return out;
}

/** Writes the engine's decision into a record (in place). */
export function applyEngineOutcome(record: ReceivedRecord, o: EngineOutcome): void {
  switch (o.kind) {
    case 'accepted':
      record.outcome = 'executed';
      record.socket = o.socket;
      return;
    case 'if-clear':
      record.outcome = 'executed';
      return;
    case 'answered':
      record.outcome = 'answered';
      return;
    case 'cancel':
      record.outcome = o.result === 'cancelled' ? 'cancelled' : 'no-socket';
      record.socket = o.socket;
      return;
    case 'error':
      record.outcome = 'visca-error';
      record.error = o.error;
      if (o.detail !== undefined) record.detail = o.detail;
      return;
    case 'skipped':
      // The transport has already set the outcome (VISCA-over-IP sequence error).
      return;
  }
}
