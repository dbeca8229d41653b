/**
 * A validated ptzctl message → its bytes, through the real codecs, with a plain-words account of each
 * byte group for `encode --explain`.
 */
import type { PelcoCommand } from '../devices/protocols/pelco';
import { encodePelcoD, encodePelcoP } from '../devices/protocols/pelco';
import {
  encodeAddressSet,
  encodeCancel,
  encodeCommand,
  encodeIfClearBroadcast,
  encodeInquiry,
  type ViscaAddress,
} from '../devices/protocols/visca';
import { PayloadType, encodeReset, encodeViscaIp, payloadTypeFor } from '../devices/protocols/visca-ip';
import type { PtzRequest } from './command-schema';
import { describeFields, type ByteGroup } from './hex-format';

/** The bytes of one message and their explanation. */
export interface EncodedRequest {
  /** What goes on the wire: one VISCA packet, one VISCA-over-IP datagram, or one Pelco frame. */
  bytes: Uint8Array;
  /** The same bytes cut into meaningful runs, in order. */
  groups: ByteGroup[];
}

const PAYLOAD_NAME: Readonly<Record<number, string>> = {
  [PayloadType.command]: 'VISCA command',
  [PayloadType.inquiry]: 'VISCA inquiry',
  [PayloadType.control]: 'control',
};

/** Cuts `bytes` at the given lengths; each run gets its meaning. */
function cut(bytes: Uint8Array, parts: ReadonlyArray<[length: number, meaning: string]>): ByteGroup[] {
  let at = 0;
  return parts.map(([length, meaning]) => {
    const group = { bytes: bytes.subarray(at, at + length), meaning };
    at += length;
    return group;
  });
}

/** Header, message, terminator of a VISCA packet. */
function viscaGroups(packet: Uint8Array, message: string): ByteGroup[] {
  const header =
    packet[0] === 0x88 ? 'header: broadcast to every camera on the chain' : `header: to camera ${packet[0]! & 0x07}`;
  return cut(packet, [
    [1, header],
    [packet.length - 2, message],
    [1, 'terminator'],
  ]);
}

/** Sony's 8-byte header, then the payload's own groups. */
function viscaIpGroups(datagram: Uint8Array, type: number, sequence: number, payload: ByteGroup[]): ByteGroup[] {
  const length = datagram.length - 8;
  return [
    ...cut(datagram, [
      [2, `payload type ${type.toString(16).padStart(4, '0').toUpperCase()}: ${PAYLOAD_NAME[type] ?? 'unknown'}`],
      [2, `payload length: ${length} byte${length === 1 ? '' : 's'}`],
      [4, `sequence number ${sequence}`],
    ]),
    ...payload,
  ];
}

function viscaPacket(req: PtzRequest): { packet: Uint8Array; message: string } | null {
  switch (req.form) {
    case 'visca-command':
    case 'visca-ip-command': {
      const address = (req.form === 'visca-command' ? req.value.address : 1) as ViscaAddress;
      const cmd = req.value.command;
      const fields = describeFields(cmd);
      return { packet: encodeCommand(address, cmd), message: `command ${cmd.kind}${fields ? `: ${fields}` : ''}` };
    }
    case 'visca-inquiry':
    case 'visca-ip-inquiry': {
      const address = (req.form === 'visca-inquiry' ? req.value.address : 1) as ViscaAddress;
      return { packet: encodeInquiry(address, req.value.inquiry), message: `inquiry ${req.value.inquiry}` };
    }
    case 'visca-broadcast':
      return req.value.broadcast === 'address-set'
        ? {
            packet: encodeAddressSet(req.value.first ?? 1),
            message: `AddressSet: the first camera takes address ${req.value.first ?? 1}, the next one the following address`,
          }
        : { packet: encodeIfClearBroadcast(), message: 'IF_Clear: every camera empties its command buffers' };
    case 'visca-cancel':
      return {
        packet: encodeCancel(req.value.address as ViscaAddress, req.value.cancel),
        message: `cancel the command in socket ${req.value.cancel}`,
      };
    default:
      return null;
  }
}

/** Encodes a validated message. Throws RangeError only where the schema and codec disagree (a bug). */
export function encodeRequest(req: PtzRequest): EncodedRequest {
  switch (req.form) {
    case 'visca-ip-command':
    case 'visca-ip-inquiry': {
      const { packet, message } = viscaPacket(req)!;
      const type = payloadTypeFor(packet);
      const bytes = encodeViscaIp({ type, sequence: req.value.sequence, payload: packet });
      return { bytes, groups: viscaIpGroups(bytes, type, req.value.sequence, viscaGroups(bytes.subarray(8), message)) };
    }
    case 'visca-ip-control': {
      const sequence = req.value.sequence ?? 0;
      const bytes = encodeReset(sequence);
      return {
        bytes,
        groups: viscaIpGroups(bytes, PayloadType.control, sequence, cut(bytes.subarray(8), [[1, 'RESET']])),
      };
    }
    case 'pelco-d':
    case 'pelco-p':
      return encodePelcoRequest(req.form, req.value.address, req.value.command);
    default: {
      const { packet, message } = viscaPacket(req)!;
      return { bytes: packet, groups: viscaGroups(packet, message) };
    }
  }
}

/** What the command and data bytes of a Pelco frame say. */
function pelcoMeaning(cmd: PelcoCommand): [command: string, data: string] {
  switch (cmd.kind) {
    case 'motion': {
      const m = cmd.motion;
      const moving = (['pan', 'tilt', 'zoom', 'focus', 'iris'] as const)
        .filter((axis) => m[axis] !== 'stop')
        .map((axis) => `${axis} ${m[axis]}`);
      return [
        `command: motion, ${moving.length ? moving.join(', ') : 'all stop'}`,
        `pan speed ${m.panSpeed}, tilt speed ${m.tiltSpeed}`,
      ];
    }
    case 'camera-power':
      return [`command: camera ${cmd.on ? 'on' : 'off'}`, 'data: none'];
    case 'preset-set':
    case 'preset-clear':
    case 'preset-go':
      return [`command: ${cmd.kind}`, `preset ${cmd.preset}`];
    case 'remote-reset':
      return ['command: remote-reset', 'data: none'];
    case 'zoom-speed':
    case 'focus-speed':
      return [`command: ${cmd.kind}`, `speed ${cmd.speed}`];
    case 'auto-focus':
    case 'auto-iris':
      return [`command: ${cmd.kind}`, `mode ${cmd.mode}`];
    case 'set-pan-position':
    case 'set-tilt-position':
      return [`command: ${cmd.kind}`, `${cmd.hundredthsOfDegree} = ${(cmd.hundredthsOfDegree / 100).toFixed(2)}°`];
    case 'set-zoom-position':
      return ['command: set-zoom-position', `position ${cmd.position}`];
    case 'query':
      return [`command: query ${cmd.what} position`, 'data: none'];
  }
}

function encodePelcoRequest(form: 'pelco-d' | 'pelco-p', address: number, cmd: PelcoCommand): EncodedRequest {
  const [command, data] = pelcoMeaning(cmd);
  if (form === 'pelco-d') {
    const bytes = encodePelcoD(address, cmd);
    return {
      bytes,
      groups: cut(bytes, [
        [1, 'sync'],
        [1, `address ${address}`],
        [2, command],
        [2, data],
        [1, 'checksum: sum of bytes 2–6 mod 256'],
      ]),
    };
  }
  const bytes = encodePelcoP(address, cmd);
  return {
    bytes,
    groups: cut(bytes, [
      [1, 'STX'],
      [1, `address ${address} (sent zero-based)`],
      [2, command],
      [2, data],
      [1, 'ETX'],
      [1, 'checksum: XOR of bytes 1–7'],
    ]),
  };
}
