/**
 * The bytes the sweep sends and how it reads the answers, pure: a VISCA version inquiry (`81 09 00 02 FF`)
 * framed for VISCA over IP (8-byte header, UDP 52381), as raw VISCA (UDP 1259, TCP 5678), and the verdict
 * on whatever comes back. Any well-formed VISCA reply (even a syntax error) proves a VISCA speaker.
 */
import { ViscaFramer, decodeInquiryAnswer, decodeReply, encodeInquiry } from '../../devices/protocols/visca';
import { PayloadType, decodeViscaIp, encodeViscaIp } from '../../devices/protocols/visca-ip';

/** Which probe a port gets. */
export type ProbeKind = 'visca-ip' | 'visca-udp' | 'visca-tcp' | 'tcp';

/** UDP 52381 → VISCA over IP, UDP 1259 → raw VISCA datagram, TCP 5678 → raw VISCA stream, else TCP connect. */
export function probeKindOf(port: number): ProbeKind {
  if (port === 52381) return 'visca-ip';
  if (port === 1259) return 'visca-udp';
  if (port === 5678) return 'visca-tcp';
  return 'tcp';
}

/** The probe's sequence number: any value works (the camera copies it); a fixed one keeps replies easy to match. */
export const PROBE_SEQUENCE = 0x50544a01; // "PTZ" 01

/** Raw VISCA version inquiry to address 1: `81 09 00 02 FF`. */
export function rawVersionInquiry(): Uint8Array {
  return encodeInquiry(1, 'version');
}

/** The version inquiry with the VISCA-over-IP header: `01 10 00 05 <seq> 81 09 00 02 FF`. */
export function viscaIpVersionInquiry(sequence = PROBE_SEQUENCE): Uint8Array {
  return encodeViscaIp({ type: PayloadType.inquiry, sequence, payload: rawVersionInquiry() });
}

/** What a VISCA answer told us: null model when it was an error reply or a non-version answer. */
export interface ViscaAnswer {
  /** `VISCA vendor 0001 model 0511` from a version answer, else null. */
  model: string | null;
}

/** Reads one raw VISCA reply packet (`90 50 … FF`, `90 60 02 FF` …); null if it is not a VISCA reply. */
export function readRawViscaReply(packet: Uint8Array): ViscaAnswer | null {
  const reply = decodeReply(packet);
  if (!reply.ok) return null;
  const r = reply.value;
  if (r.kind === 'completion') {
    const v = decodeInquiryAnswer('version', r.data);
    if (v.ok && v.value.inquiry === 'version') {
      const hex4 = (n: number) => n.toString(16).padStart(4, '0');
      return { model: `VISCA vendor ${hex4(v.value.vendor)} model ${hex4(v.value.model)}` };
    }
    return { model: null };
  }
  return r.kind === 'ack' || r.kind === 'error' ? { model: null } : null;
}

/** Reads a datagram from UDP 52381: a VISCA-over-IP reply (or control reply) proves the protocol. */
export function readViscaIpDatagram(datagram: Uint8Array): ViscaAnswer | null {
  const msg = decodeViscaIp(datagram);
  if (msg.ok) {
    if (msg.value.type === PayloadType.reply) return readRawViscaReply(msg.value.payload);
    // A control reply (`0F 01` sequence error) still comes only from a VISCA-over-IP stack.
    if (msg.value.type === PayloadType.controlReply) return { model: null };
    return null;
  }
  // A few cameras answer on 52381 without the header (obs-ptz "quirk_visca_udp_no_seq").
  return readRawViscaStream(datagram);
}

/** Reads a raw VISCA byte run (a datagram from 1259, bytes from TCP 5678): the first reply packet in it. */
export function readRawViscaStream(bytes: Uint8Array, framer = new ViscaFramer()): ViscaAnswer | null {
  for (const r of framer.push(bytes)) {
    if (!r.ok) continue;
    const answer = readRawViscaReply(r.value);
    if (answer) return answer;
  }
  return null;
}
