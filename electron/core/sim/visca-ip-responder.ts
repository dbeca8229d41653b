/**
 * What a Sony VISCA-over-IP camera answers to one datagram (protocols.md §2), without any socket: the
 * server feeds datagrams in and sends the replies out, so transport faults can be layered on separately.
 */
import {
  decodeCommandOrInquiry,
  encodeAck,
  encodeCompletion,
  encodeError,
  encodeInquiryAnswer,
  type PanDirection,
  type TiltDirection,
  type ViscaCommand,
  type ViscaErrorName,
  type ViscaInquiry,
} from '../devices/protocols/visca';
import {
  ControlErrorCode,
  PayloadType,
  decodeControl,
  decodeViscaIp,
  encodeControlAck,
  encodeControlError,
  encodeViscaIp,
  type ViscaIpControl,
} from '../devices/protocols/visca-ip';
import type { SimCamera } from './camera-model';

/** Over IP the device address is locked to 1 (replies `90`). */
const DEVICE_ADDRESS = 1;
/** The socket every command runs in: the sim completes commands at once, so one socket is always free. */
const SOCKET = 1;

export type ReceivedKind = 'command' | 'inquiry' | 'control' | 'invalid';

/** What the camera did with a datagram. */
export type ReceivedOutcome =
  /** Command: ACK + completion sent. */
  | 'executed'
  /** Inquiry: completion with data sent. */
  | 'answered'
  /** RESET: control ACK sent, sequence tracking restarted. */
  | 'reset'
  /** VISCA error reply sent (`error` names it): syntax, not executable… */
  | 'visca-error'
  /** Control ERROR `0F 01`: a command's sequence number was not newer than the last executed one. */
  | 'sequence-error'
  /** Control ERROR `0F 02`: bad header, length, payload type or control payload. */
  | 'message-error';

/** One datagram as the camera saw it. */
export interface ReceivedRecord {
  /** Arrival time, ms, on the camera's clock. */
  t: number;
  /** Sequence number from the header; null when the datagram was too short to carry one. */
  seq: number | null;
  kind: ReceivedKind;
  outcome: ReceivedOutcome;
  /** Sender of the datagram (filled in by the server). */
  from: { address: string; port: number };
  command?: ViscaCommand;
  inquiry?: ViscaInquiry;
  control?: ViscaIpControl;
  /** Directions of a pan-tilt drive, for quick assertions. */
  pan?: PanDirection;
  tilt?: TiltDirection;
  /** VISCA error sent back, for outcome 'visca-error'. */
  error?: ViscaErrorName;
  /** Why the datagram was refused, for 'invalid' ones and errors. */
  detail?: string;
}

export type ResponderRecord = Omit<ReceivedRecord, 'from'>;

/** True when `seq` is after `last` in 32-bit serial-number arithmetic, so 0 follows 0xFFFFFFFF. */
function isAfter(seq: number, last: number): boolean {
  const d = (seq - last) >>> 0;
  return d !== 0 && d < 0x80000000;
}

function readSequence(datagram: Uint8Array): number | null {
  if (datagram.length < 8) return null;
  return new DataView(datagram.buffer, datagram.byteOffset, 8).getUint32(4);
}

/**
 * Per-camera protocol state: the sequence number of the last executed command. A command whose number
 * is not after it is refused with ERROR `0F 01` and not executed again, which is how a Sony camera tells
 * a controller that a retransmission already ran (§2.2). RESET forgets it. Inquiries are not checked
 * (a lost inquiry is simply resent), and commands refused with a VISCA error don't count as executed.
 * Sequence numbers are compared in serial arithmetic, so numbering may wrap past 0xFFFFFFFF.
 */
export class ViscaIpResponder {
  private lastExecuted: number | null = null;

  constructor(private readonly camera: SimCamera) {}

  /** Handles one datagram; returns the datagrams to send back, in order, and a record of what happened. */
  handle(datagram: Uint8Array): { replies: Uint8Array[]; record: ResponderRecord } {
    const t = this.camera.now();
    const decoded = decodeViscaIp(datagram);
    if (!decoded.ok) {
      const seq = readSequence(datagram);
      return this.messageError(seq ?? 0, {
        t,
        seq,
        kind: 'invalid',
        detail: `${decoded.error.reason}: ${decoded.error.detail}`,
      });
    }
    const { type, sequence: seq, payload } = decoded.value;
    switch (type) {
      case PayloadType.control: {
        const c = decodeControl(payload, PayloadType.control);
        if (!c.ok || c.value.kind !== 'reset') {
          const detail = c.ok ? `unexpected control ${c.value.kind} from a controller` : c.error.detail;
          return this.messageError(seq, { t, seq, kind: 'control', detail, ...(c.ok ? { control: c.value } : {}) });
        }
        this.lastExecuted = null;
        const ack = encodeViscaIp({ type: PayloadType.controlReply, sequence: seq, payload: encodeControlAck() });
        return { replies: [ack], record: { t, seq, kind: 'control', outcome: 'reset', control: c.value } };
      }
      case PayloadType.command:
      case PayloadType.inquiry:
      case PayloadType.deviceSetting:
        // Decide by the VISCA payload, not the payload type: some controllers send everything as 0x0100.
        return this.handleVisca(t, seq, payload);
      default:
        return this.messageError(seq, {
          t,
          seq,
          kind: 'invalid',
          detail: `payload type 0x${type.toString(16)} is camera → controller only`,
        });
    }
  }

  private handleVisca(t: number, seq: number, payload: Uint8Array): { replies: Uint8Array[]; record: ResponderRecord } {
    const reply = (visca: Uint8Array): Uint8Array =>
      encodeViscaIp({ type: PayloadType.reply, sequence: seq, payload: visca });
    const frame = decodeCommandOrInquiry(payload);
    if (!frame.ok || frame.value.address !== DEVICE_ADDRESS) {
      const detail = frame.ok ? `device address ${frame.value.address}; over IP only 1 is valid` : frame.error.detail;
      return {
        replies: [reply(encodeError(DEVICE_ADDRESS, 0, 'syntax'))],
        record: { t, seq, kind: 'invalid', outcome: 'visca-error', error: 'syntax', detail },
      };
    }
    const message = frame.value.message;
    if (message.type === 'inquiry') {
      const answer = encodeInquiryAnswer(DEVICE_ADDRESS, this.camera.answer(message.inquiry));
      return {
        replies: [reply(answer)],
        record: { t, seq, kind: 'inquiry', outcome: 'answered', inquiry: message.inquiry },
      };
    }
    const command = message.command;
    const base: ResponderRecord = { t, seq, kind: 'command', outcome: 'executed', command };
    if (command.kind === 'pan-tilt-drive') Object.assign(base, { pan: command.pan, tilt: command.tilt });
    if (this.lastExecuted !== null && !isAfter(seq, this.lastExecuted)) {
      const error = encodeViscaIp({
        type: PayloadType.controlReply,
        sequence: seq,
        payload: encodeControlError(ControlErrorCode.sequence),
      });
      const detail = `sequence ${seq} is not after the last executed ${this.lastExecuted}`;
      return { replies: [error], record: { ...base, outcome: 'sequence-error', detail } };
    }
    const result = this.camera.apply(command);
    if (!result.ok) {
      // Syntax-class errors carry socket 0 (`60 02`); execution errors name the socket (`61 41`).
      const socket = result.error === 'not-executable' ? SOCKET : 0;
      const name = result.error === 'unknown' ? 'syntax' : result.error;
      return {
        replies: [reply(encodeError(DEVICE_ADDRESS, socket, name))],
        record: { ...base, outcome: 'visca-error', error: name },
      };
    }
    this.lastExecuted = seq;
    return {
      replies: [reply(encodeAck(DEVICE_ADDRESS, SOCKET)), reply(encodeCompletion(DEVICE_ADDRESS, SOCKET))],
      record: base,
    };
  }

  private messageError(
    seq: number,
    record: Omit<ResponderRecord, 'outcome'>,
  ): { replies: Uint8Array[]; record: ResponderRecord } {
    const error = encodeViscaIp({
      type: PayloadType.controlReply,
      sequence: seq,
      payload: encodeControlError(ControlErrorCode.message),
    });
    return { replies: [error], record: { ...record, outcome: 'message-error' } };
  }
}
