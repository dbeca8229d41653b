/**
 * The Sony VISCA-over-IP layer of a simulated camera (protocols.md §2), without any socket: it unwraps
 * datagrams, answers RESET and malformed messages itself, checks sequence numbers, and hands the VISCA
 * payload to the camera's engine, wrapping its replies (sent now or at a later video cycle) with the
 * request's sequence number. Transport faults are layered on by the server.
 */
import {
  ControlErrorCode,
  PayloadType,
  decodeControl,
  decodeViscaIp,
  encodeControlAck,
  encodeControlError,
  encodeViscaIp,
} from '../devices/protocols/visca-ip';
import { maxPacketLength } from '../devices/protocols/visca';
import { applyEngineOutcome, recordForPacket, type ReceivedRecord } from './net-records';
import type { ViscaEngine } from './visca-engine';

export type { ReceivedKind, ReceivedOutcome, ReceivedRecord } from './net-records';

/** True when `seq` is after `last` in 32-bit serial-number arithmetic, so 0 follows 0xFFFFFFFF. */
function isAfter(seq: number, last: number): boolean {
  const d = (seq - last) >>> 0;
  return d !== 0 && d < 0x80000000;
}

function readSequence(datagram: Uint8Array): number | null {
  if (datagram.length < 8) return null;
  return new DataView(datagram.buffer, datagram.byteOffset, 8).getUint32(4);
}

/** Where a responder sends datagrams and reports finished records. */
export interface ResponderSink {
  send(datagram: Uint8Array): void;
  /** Called once per record when its outcome is final (at once, or when the engine processes it). */
  settled(record: ReceivedRecord): void;
}

/**
 * Per-camera protocol state: the sequence number of the last executed command. A command whose number
 * is not after it is refused with ERROR `0F 01` and not executed again, which is how a Sony camera tells
 * a controller that a retransmission already ran (§2.2); the check happens when the camera takes the
 * command from its input queue. RESET and reboot forget it (a rebooted camera accepts any number).
 * Inquiries are not checked (a lost inquiry is simply resent), and commands refused with a VISCA error
 * don't count as executed. Sequence numbers are compared in serial arithmetic, so numbering may wrap.
 */
export class ViscaIpResponder {
  private lastExecuted: number | null = null;
  private readonly maxPayload: number;

  constructor(private readonly engine: ViscaEngine) {
    this.maxPayload = maxPacketLength(engine.camera.variant);
  }

  /** Forgets the sequence tracking (camera reboot). */
  reboot(): void {
    this.lastExecuted = null;
  }

  /**
   * Handles one datagram from `from`. Returns its record at once (outcome 'queued' while the engine
   * holds it; the same object is updated in place); replies and the final record go to `sink`.
   */
  handle(datagram: Uint8Array, from: ReceivedRecord['from'], sink: ResponderSink): ReceivedRecord {
    const t = this.engine.camera.now();
    const decoded = decodeViscaIp(datagram, { maxPayload: this.maxPayload });
    if (!decoded.ok) {
      const seq = readSequence(datagram);
      const detail = `${decoded.error.reason}: ${decoded.error.detail}`;
      return this.messageError(sink, seq ?? 0, { t, seq, kind: 'invalid', outcome: 'message-error', from, detail });
    }
    const { type, sequence: seq, payload } = decoded.value;
    switch (type) {
      case PayloadType.control: {
        const c = decodeControl(payload, PayloadType.control);
        if (!c.ok || c.value.kind !== 'reset') {
          const detail = c.ok ? `unexpected control ${c.value.kind} from a controller` : c.error.detail;
          const record: ReceivedRecord = { t, seq, kind: 'control', outcome: 'message-error', from, detail };
          if (c.ok) record.control = c.value;
          return this.messageError(sink, seq, record);
        }
        this.lastExecuted = null;
        sink.send(encodeViscaIp({ type: PayloadType.controlReply, sequence: seq, payload: encodeControlAck() }));
        const record: ReceivedRecord = { t, seq, kind: 'control', outcome: 'reset', from, control: c.value };
        sink.settled(record);
        return record;
      }
      case PayloadType.command:
      case PayloadType.inquiry:
      case PayloadType.deviceSetting:
        // Decide by the VISCA payload, not the payload type: some controllers send everything as 0x0100.
        return this.viscaPayload(t, seq, payload, from, sink);
      default: {
        const detail = `payload type 0x${type.toString(16)} is camera → controller only`;
        return this.messageError(sink, seq, { t, seq, kind: 'invalid', outcome: 'message-error', from, detail });
      }
    }
  }

  private viscaPayload(
    t: number,
    seq: number,
    payload: Uint8Array,
    from: ReceivedRecord['from'],
    sink: ResponderSink,
  ): ReceivedRecord {
    const record = recordForPacket(t, seq, from, payload, this.engine.camera.variant);
    const wrap = (visca: Uint8Array): Uint8Array =>
      encodeViscaIp({ type: PayloadType.reply, sequence: seq, payload: visca }, { maxPayload: this.maxPayload });
    let before: number | null = null;
    let admitted = false;
    this.engine.submit({
      packet: payload,
      reply: (visca) => sink.send(wrap(visca)),
      admit: () => {
        if (this.lastExecuted !== null && !isAfter(seq, this.lastExecuted)) {
          record.outcome = 'sequence-error';
          record.detail = `sequence ${seq} is not after the last executed ${this.lastExecuted}`;
          sink.send(
            encodeViscaIp({
              type: PayloadType.controlReply,
              sequence: seq,
              payload: encodeControlError(ControlErrorCode.sequence),
            }),
          );
          return false;
        }
        before = this.lastExecuted;
        this.lastExecuted = seq;
        admitted = true;
        return true;
      },
      onOutcome: (o) => {
        // A command the camera refused did not run: its number may be used again.
        if (admitted && o.kind === 'error') this.lastExecuted = before;
        applyEngineOutcome(record, o);
        sink.settled(record);
      },
    });
    return record;
  }

  private messageError(sink: ResponderSink, seq: number, record: ReceivedRecord): ReceivedRecord {
    sink.send(
      encodeViscaIp({
        type: PayloadType.controlReply,
        sequence: seq,
        payload: encodeControlError(ControlErrorCode.message),
      }),
    );
    sink.settled(record);
    return record;
  }
}
