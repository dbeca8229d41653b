/** Plain words for what a camera sends back, for `ptzctl send`: one phrase per reply frame. */
import { decodePelcoResponse, type PelcoResponse, type PelcoVariant } from '../devices/protocols/pelco';
import {
  decodeInquiryAnswer,
  decodeReply,
  type ViscaErrorName,
  type ViscaInquiry,
  type ViscaReply,
} from '../devices/protocols/visca';
import { PayloadType, decodeControl, decodeViscaIp, type ViscaIpControl } from '../devices/protocols/visca-ip';
import { describeFields, hexBytes } from './hex-format';

/** What an operator can do about each VISCA error code. */
const ERROR_HINT: Readonly<Record<ViscaErrorName, string>> = {
  'message-length': 'the packet is malformed (wrong length)',
  syntax: 'the camera does not know this command, or a value is outside its range',
  'buffer-full': 'both command sockets are busy; wait for a completion',
  cancelled: 'the command was cancelled',
  'no-socket': 'no command in that socket (nothing to cancel)',
  'not-executable': 'the camera cannot run it now (standby, or the current mode does not allow it)',
  unknown: 'an error code this tool does not know',
};

/** What the reply is, as `ptzctl send` decides when to stop waiting. */
export type ReplyClass = 'ack' | 'final' | 'other';

/** A reply frame in words, with what `send` needs to decide whether it was the final one. */
export interface DescribedFrame {
  text: string;
  /** `final`: completion, inquiry answer, error, broadcast return or control reply. */
  cls: ReplyClass;
  /** The sequence number of a VISCA-over-IP reply. */
  sequence?: number;
  /** The decoded VISCA reply, when there is one. */
  reply?: ViscaReply;
  /** The decoded VISCA-over-IP control reply, when there is one. */
  control?: ViscaIpControl;
}

/** `ACK socket 1`, `completion socket 1`, `error: syntax — …`, `answer: pan 0, tilt 0`. */
export function describeViscaReply(reply: ViscaReply, inquiry?: ViscaInquiry): string {
  const from = 'address' in reply && reply.address !== 1 ? ` from camera ${reply.address}` : '';
  switch (reply.kind) {
    case 'ack':
      return `ACK socket ${reply.socket}${from}`;
    case 'completion': {
      if (reply.data.length === 0) return `completion socket ${reply.socket}${from}`;
      if (!inquiry) return `completion socket ${reply.socket}${from}, data ${hexBytes(reply.data)}`;
      const answer = decodeInquiryAnswer(inquiry, reply.data);
      return answer.ok
        ? `inquiry answer${from}: ${describeFields(Object.fromEntries(Object.entries(answer.value).filter(([k]) => k !== 'inquiry')))}`
        : `inquiry answer${from} not understood: ${answer.error.detail}`;
    }
    case 'error': {
      const name =
        reply.name === 'unknown' ? `code 0x${reply.code.toString(16).toUpperCase().padStart(2, '0')}` : reply.name;
      const socket = reply.socket ? ` (socket ${reply.socket})` : '';
      return `error: ${name}${socket}${from} — ${ERROR_HINT[reply.name]}`;
    }
    case 'network-change':
      return `network change${from}: the chain changed; send {"protocol":"visca","broadcast":"address-set"}`;
    case 'address-set': {
      const n = reply.next - 1;
      return `AddressSet came back: ${n} camera${n === 1 ? '' : 's'} on the chain (next free address ${reply.next})`;
    }
    case 'if-clear-broadcast':
      return 'IF_Clear came back around the chain';
  }
}

function classOf(reply: ViscaReply): ReplyClass {
  return reply.kind === 'ack' ? 'ack' : reply.kind === 'network-change' ? 'other' : 'final';
}

/** One raw VISCA packet from a serial line, TCP or UDP. */
export function describeViscaFrame(frame: Uint8Array, inquiry?: ViscaInquiry): DescribedFrame {
  const r = decodeReply(frame);
  if (!r.ok) return { text: `not a VISCA reply: ${r.error.detail}`, cls: 'other' };
  return { text: describeViscaReply(r.value, inquiry), cls: classOf(r.value), reply: r.value };
}

/** `control ACK (RESET done)` / `control error: sequence — …`. */
export function describeControl(c: ViscaIpControl): string {
  if (c.kind === 'ack') return 'control ACK: RESET done, numbering restarts at 1';
  if (c.kind === 'reset') return 'control RESET (from the camera?)';
  if (c.name === 'sequence') {
    return 'control error: sequence number — the camera already ran this number; RESET first or use a higher --sequence';
  }
  if (c.name === 'message') return 'control error: message — the camera could not parse the message';
  return `control error: code 0x${c.code.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** One VISCA-over-IP datagram: reply or control reply, with its sequence number. */
export function describeViscaIpDatagram(datagram: Uint8Array, inquiry?: ViscaInquiry): DescribedFrame {
  const d = decodeViscaIp(datagram);
  if (!d.ok) return { text: `not a VISCA-over-IP datagram: ${d.error.detail}`, cls: 'other' };
  const { type, sequence, payload } = d.value;
  const seq = ` (seq ${sequence})`;
  if (type === PayloadType.reply) {
    const inner = describeViscaFrame(payload, inquiry);
    return { ...inner, text: `${inner.text}${seq}`, sequence };
  }
  if (type === PayloadType.controlReply) {
    const c = decodeControl(payload);
    if (!c.ok) return { text: `control reply not understood: ${c.error.detail}${seq}`, cls: 'other', sequence };
    return { text: `${describeControl(c.value)}${seq}`, cls: 'final', control: c.value, sequence };
  }
  const hexType = type.toString(16).padStart(4, '0').toUpperCase();
  return { text: `unexpected payload type ${hexType} from the camera${seq}`, cls: 'other', sequence };
}

/** `pan position 9000 (90.00°)`, `zoom position 1234`, or why the frame is not a response. */
export function describePelcoResponse(r: PelcoResponse): string {
  const from = ` from address ${r.address}`;
  if (r.kind === 'general') return `general response${from}, alarms 0x${r.alarms.toString(16).padStart(2, '0')}`;
  const deg = r.what === 'zoom' ? '' : ` (${(r.value / 100).toFixed(2)}°)`;
  return `${r.what} position ${r.value}${deg}${from}`;
}

/** One whole Pelco frame read from the bus. */
export function describePelcoFrame(
  variant: PelcoVariant,
  frame: Uint8Array,
): { text: string; response?: PelcoResponse } {
  const r = decodePelcoResponse(variant, frame);
  return r.ok
    ? { text: describePelcoResponse(r.value), response: r.value }
    : { text: `not a position response: ${r.error.detail}` };
}
