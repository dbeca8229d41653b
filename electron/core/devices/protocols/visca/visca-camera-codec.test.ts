import { describe, expect, it } from 'vitest';
import {
  decodeCommandOrInquiry,
  encodeAck,
  encodeCompletion,
  encodeError,
  encodeInquiryAnswer,
  encodeInquiryAnswerData,
  encodeReply,
} from './visca-camera-codec';
import { decodeInquiryAnswer, decodeReply } from './visca-decode';
import { encodeCommand, encodeInquiry } from './visca-encode';
import { bytes, hexOf } from './test-hex';
import type { ViscaAddress, ViscaCommand, ViscaInquiry, ViscaInquiryAnswer, ViscaReply } from './visca-types';

const ALL_COMMANDS: ViscaCommand[] = [
  { kind: 'power', on: true },
  { kind: 'power', on: false },
  { kind: 'pan-tilt-drive', pan: 'left', tilt: 'up', panSpeed: 1, tiltSpeed: 1 },
  { kind: 'pan-tilt-drive', pan: 'right', tilt: 'down', panSpeed: 0x18, tiltSpeed: 0x17 },
  { kind: 'pan-tilt-drive', pan: 'stop', tilt: 'stop', panSpeed: 3, tiltSpeed: 4 },
  { kind: 'pan-tilt-home' },
  { kind: 'zoom-drive', direction: 'tele', speed: 7 },
  { kind: 'zoom-drive', direction: 'wide', speed: 0 },
  { kind: 'zoom-drive', direction: 'stop', speed: 0 },
  { kind: 'zoom-direct', position: 0 },
  { kind: 'zoom-direct', position: 0xffff },
  { kind: 'focus-drive', direction: 'far', speed: 2 },
  { kind: 'focus-drive', direction: 'near', speed: 7 },
  { kind: 'focus-drive', direction: 'stop', speed: 0 },
  { kind: 'iris-direct', position: 0x11 },
  { kind: 'iris-direct', position: 0xff },
  { kind: 'ae-mode', mode: 'full-auto' },
  { kind: 'ae-mode', mode: 'manual' },
  { kind: 'ae-mode', mode: 'shutter-priority' },
  { kind: 'ae-mode', mode: 'iris-priority' },
  { kind: 'ae-mode', mode: 'bright' },
];
const ALL_INQUIRIES: ViscaInquiry[] = [
  'pan-tilt-position',
  'zoom-position',
  'iris-position',
  'ae-mode',
  'power',
  'version',
];

describe('decodeCommandOrInquiry', () => {
  it.each(ALL_COMMANDS.map((c) => [JSON.stringify(c), c] as const))(
    'round-trips %s at addresses 1 and 7',
    (_n, cmd) => {
      for (const address of [1, 7] as ViscaAddress[]) {
        expect(decodeCommandOrInquiry(encodeCommand(address, cmd))).toEqual({
          ok: true,
          value: { address, message: { type: 'command', command: cmd } },
        });
      }
    },
  );

  it.each(ALL_INQUIRIES)('round-trips inquiry %s', (inquiry) => {
    expect(decodeCommandOrInquiry(encodeInquiry(3, inquiry))).toEqual({
      ok: true,
      value: { address: 3, message: { type: 'inquiry', inquiry } },
    });
  });

  it('accepts the standard-speed zoom/focus forms that ptzsim rejected (§1.8), distinct from variable speed', () => {
    const decode = (hex: string): unknown => {
      const r = decodeCommandOrInquiry(bytes(hex));
      return r.ok && r.value.message.type === 'command' ? r.value.message.command : r;
    };
    expect(decode('81 01 04 07 02 FF')).toEqual({ kind: 'zoom-standard', direction: 'tele' });
    expect(decode('81 01 04 07 03 FF')).toEqual({ kind: 'zoom-standard', direction: 'wide' });
    expect(decode('81 01 04 08 02 FF')).toEqual({ kind: 'focus-standard', direction: 'far' });
    expect(decode('81 01 04 08 03 FF')).toEqual({ kind: 'focus-standard', direction: 'near' });
    expect(decode('81 01 04 07 23 FF')).toEqual({ kind: 'zoom-drive', direction: 'tele', speed: 3 });
  });

  it('reports the broadcast header as address 8', () => {
    const r = decodeCommandOrInquiry(bytes('88 01 04 00 02 FF'));
    expect(r.ok && r.value.address).toBe(8);
  });

  it.each<[string, string, string]>([
    ['broadcast cancel', '88 21 FF', 'unknown-reply'],
    ['AddressSet to one device', '81 30 01 FF', 'unknown-reply'],
    ['AddressSet w 0', '88 30 00 FF', 'bad-data'],
    ['AddressSet w 8', '88 30 08 FF', 'bad-data'],
    ['zoom direct with 6 parameter bytes', '81 01 04 47 00 00 00 00 00 00 FF', 'bad-data'],
    ['unknown camera command', '81 01 04 5F 02 FF', 'unknown-reply'],
    ['block inquiry (unsupported)', '81 09 7E 7E 00 FF', 'unknown-reply'],
    ['inquiry with extra byte', '81 09 04 00 00 FF', 'unknown-reply'],
    ['pan speed 0', '81 01 06 01 00 01 01 01 FF', 'bad-data'],
    ['pan speed 0x19', '81 01 06 01 19 01 01 01 FF', 'bad-data'],
    ['tilt speed 0x18', '81 01 06 01 01 18 01 01 FF', 'bad-data'],
    ['pan direction 04', '81 01 06 01 01 01 04 03 FF', 'bad-data'],
    ['tilt direction 00', '81 01 06 01 01 01 03 00 FF', 'bad-data'],
    ['drive too short', '81 01 06 01 01 01 03 FF', 'bad-data'],
    ['home with a parameter', '81 01 06 04 00 FF', 'bad-data'],
    ['zoom speed 28', '81 01 04 07 28 FF', 'bad-data'],
    ['zoom byte 01', '81 01 04 07 01 FF', 'bad-data'],
    ['zoom position nibble 10', '81 01 04 47 10 00 00 00 FF', 'bad-data'],
    ['iris above FF', '81 01 04 4B 00 01 00 00 FF', 'bad-data'],
    ['AE mode 1', '81 01 04 39 01 FF', 'bad-data'],
    ['power 04', '81 01 04 00 04 FF', 'bad-data'],
    ['reply header', '90 41 FF', 'bad-header'],
    ['other sender', '91 01 04 00 02 FF', 'bad-header'],
    ['header 80', '80 01 04 00 02 FF', 'bad-header'],
    ['no FF', '81 01 04 00 02', 'no-terminator'],
    ['too short', '81 FF', 'too-short'],
  ])('rejects %s (%s) as %s', (_n, hex, reason) => {
    const r = decodeCommandOrInquiry(bytes(hex));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toBe(reason);
  });
});

describe('camera-side reply encoders', () => {
  it('encode ACK, completion and errors as §1.3', () => {
    expect(hexOf(encodeAck(1, 1))).toBe('90 41 FF');
    expect(hexOf(encodeAck(7, 2))).toBe('F0 42 FF');
    expect(hexOf(encodeCompletion(1, 1))).toBe('90 51 FF');
    expect(hexOf(encodeCompletion(2, 0, bytes('02')))).toBe('A0 50 02 FF');
    expect(hexOf(encodeError(1, 0, 'message-length'))).toBe('90 60 01 FF');
    expect(hexOf(encodeError(1, 0, 'syntax'))).toBe('90 60 02 FF');
    expect(hexOf(encodeError(1, 0, 'buffer-full'))).toBe('90 60 03 FF');
    expect(hexOf(encodeError(1, 1, 'cancelled'))).toBe('90 61 04 FF');
    expect(hexOf(encodeError(1, 2, 'no-socket'))).toBe('90 62 05 FF');
    expect(hexOf(encodeError(1, 1, 'not-executable'))).toBe('90 61 41 FF');
    expect(hexOf(encodeError(1, 0, 0x7a))).toBe('90 60 7A FF');
  });

  it('refuses replies the wire cannot carry', () => {
    expect(() => encodeAck(0, 1)).toThrow(/reply address/);
    expect(() => encodeAck(8, 1)).toThrow(/reply address/);
    expect(() => encodeAck(1, 16)).toThrow(/socket/);
    expect(() => encodeCompletion(1, 0, bytes('00 FF'))).toThrow(/FF/);
    expect(() => encodeCompletion(1, 0, new Uint8Array(14))).toThrow(/exceeds 13/);
    expect(() => encodeError(1, 0, 0xff)).toThrow(/error code/);
  });

  const REPLIES: ViscaReply[] = [
    { kind: 'ack', address: 1, socket: 1 },
    { kind: 'completion', address: 5, socket: 0, data: bytes('01 02 03') },
    { kind: 'error', address: 1, socket: 1, code: 0x41, name: 'not-executable' },
    { kind: 'error', address: 2, socket: 0, code: 0x33, name: 'unknown' },
    { kind: 'network-change', address: 6 },
    { kind: 'address-set', next: 3 },
    { kind: 'if-clear-broadcast' },
  ];
  it.each(REPLIES.map((r) => [r.kind, r] as const))('encodeReply round-trips %s through decodeReply', (_k, r) => {
    expect(decodeReply(encodeReply(r))).toEqual({ ok: true, value: r });
  });

  const ANSWERS: ViscaInquiryAnswer[] = [
    { inquiry: 'pan-tilt-position', pan: 834, tilt: -165 },
    { inquiry: 'pan-tilt-position', pan: -8704, tilt: 4608 },
    { inquiry: 'pan-tilt-position', pan: -0x8000, tilt: 0x7fff },
    { inquiry: 'pan-tilt-position', pan: 0x8000, tilt: -1 },
    { inquiry: 'pan-tilt-position', pan: -0x80000, tilt: 0x7ffff },
    { inquiry: 'zoom-position', position: 0x4000 },
    { inquiry: 'iris-position', position: 0x0c },
    { inquiry: 'ae-mode', mode: 'manual', raw: 3 },
    { inquiry: 'ae-mode', mode: 'unknown', raw: 0x0e },
    { inquiry: 'power', on: true },
    { inquiry: 'power', on: false },
    { inquiry: 'version', vendor: 1, model: 0x051c, rom: 0x0200, maxSocket: 2 },
  ];
  it.each(ANSWERS.map((a) => [JSON.stringify(a), a] as const))('answer %s round-trips', (_n, a) => {
    const frame = encodeInquiryAnswer(1, a);
    const r = decodeReply(frame);
    expect(r.ok && r.value.kind).toBe('completion');
    if (r.ok && r.value.kind === 'completion')
      expect(decodeInquiryAnswer(a.inquiry, r.value.data)).toEqual({ ok: true, value: a });
  });

  it('produces the §1.7 reference answer bytes', () => {
    expect(hexOf(encodeInquiryAnswer(1, { inquiry: 'pan-tilt-position', pan: 834, tilt: -165 }))).toBe(
      '90 50 00 03 04 02 0F 0F 05 0B FF',
    );
    expect(hexOf(encodeInquiryAnswer(1, { inquiry: 'pan-tilt-position', pan: -8704, tilt: 4608 }))).toBe(
      '90 50 0D 0E 00 00 01 02 00 00 FF',
    );
    expect(hexOf(encodeInquiryAnswerData({ inquiry: 'iris-position', position: 0x11 }))).toBe('00 00 01 01');
  });

  it('switches to 20-bit positions only when 16 bits cannot hold them', () => {
    expect(encodeInquiryAnswerData({ inquiry: 'pan-tilt-position', pan: 0x7fff, tilt: -0x8000 })).toHaveLength(8);
    expect(encodeInquiryAnswerData({ inquiry: 'pan-tilt-position', pan: 0x8000, tilt: 0 })).toHaveLength(10);
    expect(() => encodeInquiryAnswerData({ inquiry: 'pan-tilt-position', pan: 0x80000, tilt: 0 })).toThrow(
      /pan position/,
    );
    expect(() => encodeInquiryAnswerData({ inquiry: 'pan-tilt-position', pan: 1.5, tilt: 0 })).toThrow(RangeError);
    expect(() =>
      encodeInquiryAnswerData({ inquiry: 'version', vendor: 0x00ff, model: 0, rom: 0, maxSocket: 2 }),
    ).toThrow(/FF/);
    expect(() => encodeInquiryAnswerData({ inquiry: 'ae-mode', mode: 'unknown', raw: 0x10 })).toThrow(/AE mode code/);
  });
});
