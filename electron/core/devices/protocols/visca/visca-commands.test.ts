// Table tests of the full §1.4–§1.6 command set: controller encoder and camera decoder, both directions,
// with the ends of every range, negative positions and the model variants.
import { describe, expect, it } from 'vitest';
import { decodeCommandOrInquiry } from './visca-command-decode';
import { encodeAddressSet, encodeCancel, encodeCommand, encodeIfClearBroadcast } from './visca-encode';
import { decodeReply } from './visca-decode';
import { bytes, hexOf } from './test-hex';
import type { ViscaCommand } from './visca-types';
import { VISCA_VARIANTS, maxPacketLength, positionRange, type ViscaCodecVariant } from './visca-variants';

const FR7 = VISCA_VARIANTS['sony-ilme-fr7'];
const X400 = VISCA_VARIANTS['sony-brc-x400'];
const PTZO = VISCA_VARIANTS.ptzoptics;

// [name, command, bytes for camera 1, variant (default generic Sony)]
const TABLE: Array<[string, ViscaCommand, string, ViscaCodecVariant?]> = [
  ['IF_Clear to one device', { kind: 'if-clear' }, '81 01 00 01 FF'],
  [
    'absolute, §1.7 sample values',
    { kind: 'pan-tilt-absolute', pan: 834, tilt: -165, panSpeed: 0x18, tiltSpeed: 0x17 },
    '81 01 06 02 18 17 00 03 04 02 0F 0F 05 0B FF',
  ],
  [
    'absolute −170° / +90° (SRG-300H)',
    { kind: 'pan-tilt-absolute', pan: -0x2200, tilt: 0x1200, panSpeed: 1, tiltSpeed: 1 },
    '81 01 06 02 01 01 0D 0E 00 00 01 02 00 00 FF',
  ],
  [
    'absolute, 16-bit extremes',
    { kind: 'pan-tilt-absolute', pan: -0x8000, tilt: 0x7fff, panSpeed: 1, tiltSpeed: 1 },
    '81 01 06 02 01 01 08 00 00 00 07 0F 0F 0F FF',
  ],
  [
    'absolute −1 / 0',
    { kind: 'pan-tilt-absolute', pan: -1, tilt: 0, panSpeed: 2, tiltSpeed: 3 },
    '81 01 06 02 02 03 0F 0F 0F 0F 00 00 00 00 FF',
  ],
  [
    'absolute 20-bit extremes (FR7)',
    { kind: 'pan-tilt-absolute', pan: 0x7ffff, tilt: -0x80000, panSpeed: 0x18, tiltSpeed: 0x17 },
    '81 01 06 02 18 17 07 0F 0F 0F 0F 08 00 00 00 00 FF',
    FR7,
  ],
  [
    'absolute 20-bit small negative (FR7)',
    { kind: 'pan-tilt-absolute', pan: -2, tilt: 0x8000, panSpeed: 1, tiltSpeed: 1 },
    '81 01 06 02 01 01 0F 0F 0F 0F 0E 00 08 00 00 00 FF',
    FR7,
  ],
  [
    'absolute, single speed byte (BRC-X400)',
    { kind: 'pan-tilt-absolute', pan: 0x100, tilt: -0x100, panSpeed: 0x0c, tiltSpeed: 0x0c },
    '81 01 06 02 0C 00 00 01 00 00 0F 0F 00 00 FF',
    X400,
  ],
  [
    'relative, negative deltas',
    { kind: 'pan-tilt-relative', pan: -0x10, tilt: -0x8000, panSpeed: 0x18, tiltSpeed: 0x17 },
    '81 01 06 03 18 17 0F 0F 0F 00 08 00 00 00 FF',
  ],
  [
    'relative 20-bit (FR7)',
    { kind: 'pan-tilt-relative', pan: 0x12345, tilt: -0x12345, panSpeed: 1, tiltSpeed: 1 },
    '81 01 06 03 01 01 01 02 03 04 05 0E 0D 0C 0B 0B FF',
    FR7,
  ],
  ['pan-tilt reset', { kind: 'pan-tilt-reset' }, '81 01 06 05 FF'],
  [
    'limit set up-right',
    { kind: 'pan-tilt-limit-set', corner: 'up-right', pan: 0x2200, tilt: 0x1200 },
    '81 01 06 07 00 01 02 02 00 00 01 02 00 00 FF',
  ],
  [
    'limit set down-left, negative',
    { kind: 'pan-tilt-limit-set', corner: 'down-left', pan: -0x2200, tilt: -0x8000 },
    '81 01 06 07 00 00 0D 0E 00 00 08 00 00 00 FF',
  ],
  [
    'limit clear up-right',
    { kind: 'pan-tilt-limit-clear', corner: 'up-right' },
    '81 01 06 07 01 01 07 0F 0F 0F 07 0F 0F 0F FF',
  ],
  [
    'limit clear down-left',
    { kind: 'pan-tilt-limit-clear', corner: 'down-left' },
    '81 01 06 07 01 00 07 0F 0F 0F 07 0F 0F 0F FF',
  ],
  ['zoom tele standard', { kind: 'zoom-standard', direction: 'tele' }, '81 01 04 07 02 FF'],
  ['zoom wide standard', { kind: 'zoom-standard', direction: 'wide' }, '81 01 04 07 03 FF'],
  [
    'zoom+focus direct, ends',
    { kind: 'zoom-focus-direct', zoom: 0, focus: 0xffff },
    '81 01 04 47 00 00 00 00 0F 0F 0F 0F FF',
  ],
  [
    'zoom+focus direct, mid',
    { kind: 'zoom-focus-direct', zoom: 0x4000, focus: 0x1234 },
    '81 01 04 47 04 00 00 00 01 02 03 04 FF',
  ],
  ['digital zoom on', { kind: 'digital-zoom', on: true }, '81 01 04 06 02 FF'],
  ['digital zoom off', { kind: 'digital-zoom', on: false }, '81 01 04 06 03 FF'],
  ['focus far standard', { kind: 'focus-standard', direction: 'far' }, '81 01 04 08 02 FF'],
  ['focus near standard', { kind: 'focus-standard', direction: 'near' }, '81 01 04 08 03 FF'],
  ['focus direct 0', { kind: 'focus-direct', position: 0 }, '81 01 04 48 00 00 00 00 FF'],
  ['focus direct max', { kind: 'focus-direct', position: 0xffff }, '81 01 04 48 0F 0F 0F 0F FF'],
  ['focus auto', { kind: 'focus-mode', mode: 'auto' }, '81 01 04 38 02 FF'],
  ['focus manual', { kind: 'focus-mode', mode: 'manual' }, '81 01 04 38 03 FF'],
  ['focus toggle', { kind: 'focus-mode', mode: 'toggle' }, '81 01 04 38 10 FF'],
  ['one-push AF', { kind: 'focus-one-push' }, '81 01 04 18 01 FF'],
  ['focus infinity', { kind: 'focus-infinity' }, '81 01 04 18 02 FF'],
  ['iris reset', { kind: 'iris-step', action: 'reset' }, '81 01 04 0B 00 FF'],
  ['iris up', { kind: 'iris-step', action: 'up' }, '81 01 04 0B 02 FF'],
  ['iris down', { kind: 'iris-step', action: 'down' }, '81 01 04 0B 03 FF'],
  ['gain 0', { kind: 'gain-direct', position: 0 }, '81 01 04 4C 00 00 00 00 FF'],
  ['gain FF', { kind: 'gain-direct', position: 0xff }, '81 01 04 4C 00 00 0F 0F FF'],
  ['shutter 0x15', { kind: 'shutter-direct', position: 0x15 }, '81 01 04 4A 00 00 01 05 FF'],
  ['bright 0x1F', { kind: 'bright-direct', position: 0x1f }, '81 01 04 4D 00 00 01 0F FF'],
  ['exposure comp on', { kind: 'exposure-comp', on: true }, '81 01 04 3E 02 FF'],
  ['exposure comp off', { kind: 'exposure-comp', on: false }, '81 01 04 3E 03 FF'],
  ['exposure comp 0x0E', { kind: 'exposure-comp-direct', position: 0x0e }, '81 01 04 4E 00 00 00 0E FF'],
  ['WB auto', { kind: 'white-balance', mode: 'auto' }, '81 01 04 35 00 FF'],
  ['WB indoor', { kind: 'white-balance', mode: 'indoor' }, '81 01 04 35 01 FF'],
  ['WB outdoor', { kind: 'white-balance', mode: 'outdoor' }, '81 01 04 35 02 FF'],
  ['WB one-push', { kind: 'white-balance', mode: 'one-push' }, '81 01 04 35 03 FF'],
  ['WB ATW', { kind: 'white-balance', mode: 'atw' }, '81 01 04 35 04 FF'],
  ['WB manual', { kind: 'white-balance', mode: 'manual' }, '81 01 04 35 05 FF'],
  ['preset reset 0', { kind: 'preset', action: 'reset', preset: 0 }, '81 01 04 3F 00 00 FF'],
  ['preset set 0x7F', { kind: 'preset', action: 'set', preset: 0x7f }, '81 01 04 3F 01 7F FF'],
  ['preset recall 5', { kind: 'preset', action: 'recall', preset: 5 }, '81 01 04 3F 02 05 FF'],
  ['preset recall 0x63 (BRC-X400)', { kind: 'preset', action: 'recall', preset: 0x63 }, '81 01 04 3F 02 63 FF', X400],
  ['power on', { kind: 'power', on: true }, '81 01 04 00 02 FF'],
  ['power standby', { kind: 'power', on: false }, '81 01 04 00 03 FF'],
  [
    'tilt speed 0x14 (PTZOptics max)',
    { kind: 'pan-tilt-drive', pan: 'left', tilt: 'up', panSpeed: 0x18, tiltSpeed: 0x14 },
    '81 01 06 01 18 14 01 01 FF',
    PTZO,
  ],
];

describe('full command set (§1.4–§1.6)', () => {
  it.each(TABLE)('encodes %s', (_n, cmd, hex, variant) => {
    expect(hexOf(encodeCommand(1, cmd, variant))).toBe(hex);
  });

  it.each(TABLE)('camera decodes %s back to the command', (_n, cmd, hex, variant) => {
    expect(decodeCommandOrInquiry(bytes(hex), variant)).toEqual({
      ok: true,
      value: { address: 1, message: { type: 'command', command: cmd } },
    });
  });

  it('never puts FF inside a packet and stays within the variant packet limit', () => {
    for (const [, cmd, , variant] of TABLE) {
      const p = encodeCommand(7, cmd, variant);
      expect(p.indexOf(0xff)).toBe(p.length - 1);
      expect(p.length).toBeLessThanOrEqual(maxPacketLength(variant ?? VISCA_VARIANTS['sony-generic']));
      expect(p[0]).toBe(0x87);
    }
  });

  it('lets a drive stop omit its speed', () => {
    expect(hexOf(encodeCommand(1, { kind: 'zoom-drive', direction: 'stop' }))).toBe('81 01 04 07 00 FF');
    expect(hexOf(encodeCommand(1, { kind: 'focus-drive', direction: 'stop' }))).toBe('81 01 04 08 00 FF');
  });

  it('single speed byte: tilt speed is ignored when encoding and mirrors pan speed when decoding', () => {
    const cmd: ViscaCommand = { kind: 'pan-tilt-absolute', pan: 0, tilt: 0, panSpeed: 5, tiltSpeed: 0x7f };
    expect(hexOf(encodeCommand(1, cmd, X400))).toBe('81 01 06 02 05 00 00 00 00 00 00 00 00 00 FF');
  });

  it.each<[string, ViscaCommand, RegExp, ViscaCodecVariant?]>([
    [
      '16-bit pan above 0x7FFF',
      { kind: 'pan-tilt-absolute', pan: 0x8000, tilt: 0, panSpeed: 1, tiltSpeed: 1 },
      /pan position/,
    ],
    [
      '16-bit tilt below −0x8000',
      { kind: 'pan-tilt-absolute', pan: 0, tilt: -0x8001, panSpeed: 1, tiltSpeed: 1 },
      /tilt position/,
    ],
    [
      '20-bit pan above 0x7FFFF',
      { kind: 'pan-tilt-absolute', pan: 0x80000, tilt: 0, panSpeed: 1, tiltSpeed: 1 },
      /pan position/,
      FR7,
    ],
    [
      'relative delta fraction',
      { kind: 'pan-tilt-relative', pan: 0.5, tilt: 0, panSpeed: 1, tiltSpeed: 1 },
      /pan delta/,
    ],
    ['move pan speed 0', { kind: 'pan-tilt-absolute', pan: 0, tilt: 0, panSpeed: 0, tiltSpeed: 1 }, /pan speed/],
    [
      'move tilt speed 0x18',
      { kind: 'pan-tilt-absolute', pan: 0, tilt: 0, panSpeed: 1, tiltSpeed: 0x18 },
      /tilt speed/,
    ],
    [
      'PTZOptics tilt speed 0x15',
      { kind: 'pan-tilt-drive', pan: 'stop', tilt: 'up', panSpeed: 1, tiltSpeed: 0x15 },
      /tilt speed/,
      PTZO,
    ],
    ['limit pan 0x8000', { kind: 'pan-tilt-limit-set', corner: 'up-right', pan: 0x8000, tilt: 0 }, /pan limit/],
    ['limit corner', { kind: 'pan-tilt-limit-clear', corner: 'top' as 'up-right' }, /limit corner/],
    ['zoom+focus focus 0x10000', { kind: 'zoom-focus-direct', zoom: 0, focus: 0x10000 }, /focus position/],
    ['focus direct −1', { kind: 'focus-direct', position: -1 }, /focus position/],
    ['gain 0x100', { kind: 'gain-direct', position: 0x100 }, /gain position/],
    ['shutter −1', { kind: 'shutter-direct', position: -1 }, /shutter position/],
    ['bright 1.5', { kind: 'bright-direct', position: 1.5 }, /bright position/],
    ['exposure comp 0x100', { kind: 'exposure-comp-direct', position: 0x100 }, /exposure compensation/],
    ['WB mode', { kind: 'white-balance', mode: 'sunny' as 'auto' }, /white balance mode/],
    ['focus mode', { kind: 'focus-mode', mode: 'on' as 'auto' }, /focus mode/],
    ['iris action', { kind: 'iris-step', action: 'open' as 'up' }, /iris action/],
    ['preset 0x80', { kind: 'preset', action: 'set', preset: 0x80 }, /preset number/],
    [
      'preset 0x10 on SRG-300H',
      { kind: 'preset', action: 'set', preset: 0x10 },
      /preset number/,
      VISCA_VARIANTS['sony-srg-300h'],
    ],
    ['preset −1', { kind: 'preset', action: 'recall', preset: -1 }, /preset number/],
    ['preset action', { kind: 'preset', action: 'store' as 'set', preset: 1 }, /preset action/],
    ['zoom standard direction', { kind: 'zoom-standard', direction: 'stop' as 'tele' }, /zoom direction/],
    ['zoom drive speed missing', { kind: 'zoom-drive', direction: 'tele' } as unknown as ViscaCommand, /zoom speed/],
  ])('rejects %s with RangeError', (_n, cmd, message, variant) => {
    expect(() => encodeCommand(1, cmd, variant)).toThrow(RangeError);
    expect(() => encodeCommand(1, cmd, variant)).toThrow(message);
  });

  it.each<[string, string, ViscaCodecVariant?]>([
    ['16-bit move to a 20-bit camera', '81 01 06 02 01 01 00 00 00 00 00 00 00 00 FF', FR7],
    ['two speed bytes to a single-speed camera', '81 01 06 02 01 01 00 00 00 00 00 00 00 00 FF', X400],
    ['single speed byte to a two-speed camera', '81 01 06 02 01 00 00 00 00 00 00 00 00 00 FF'],
    ['move with a non-nibble position', '81 01 06 02 01 01 10 00 00 00 00 00 00 00 FF'],
    ['move pan speed 0x19', '81 01 06 03 19 01 00 00 00 00 00 00 00 00 FF'],
    ['limit byte 02', '81 01 06 07 02 01 07 0F 0F 0F 07 0F 0F 0F FF'],
    ['limit corner 02', '81 01 06 07 00 02 00 00 00 00 00 00 00 00 FF'],
    ['limit clear with a wrong pattern', '81 01 06 07 01 01 07 0F 0F 0F 07 0F 0F 0E FF'],
    ['zoom+focus non-nibble', '81 01 04 47 00 00 00 00 00 00 00 10 FF'],
    ['digital zoom 04', '81 01 04 06 04 FF'],
    ['focus mode 04', '81 01 04 38 04 FF'],
    ['one-push 03', '81 01 04 18 03 FF'],
    ['iris step 01', '81 01 04 0B 01 FF'],
    ['gain above FF', '81 01 04 4C 00 01 00 00 FF'],
    ['exposure comp 01', '81 01 04 3E 01 FF'],
    ['WB 06', '81 01 04 35 06 FF'],
    ['memory action 03', '81 01 04 3F 03 01 FF'],
    ['preset 0x64 on BRC-X400', '81 01 04 3F 02 64 FF', X400],
    ['preset without number', '81 01 04 3F 02 FF'],
    ['reset with a parameter', '81 01 06 05 00 FF'],
  ])('camera rejects %s as bad-data', (_n, hex, variant) => {
    const r = decodeCommandOrInquiry(bytes(hex), variant);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toBe('bad-data');
  });

  it('camera accepts a 17-byte packet only from a 20-bit variant', () => {
    const frame = encodeCommand(1, { kind: 'pan-tilt-absolute', pan: 1, tilt: 1, panSpeed: 1, tiltSpeed: 1 }, FR7);
    expect(frame).toHaveLength(17);
    const r = decodeCommandOrInquiry(frame);
    expect(r.ok === false && r.error.reason).toBe('too-long');
    expect(positionRange(FR7)).toEqual({ min: -0x80000, max: 0x7ffff });
    expect(positionRange(X400)).toEqual({ min: -0x8000, max: 0x7fff });
  });
});

describe('interface administration (§1.4)', () => {
  it('AddressSet broadcast and its return', () => {
    expect(hexOf(encodeAddressSet())).toBe('88 30 01 FF');
    expect(hexOf(encodeAddressSet(7))).toBe('88 30 07 FF');
    expect(() => encodeAddressSet(0)).toThrow(RangeError);
    expect(() => encodeAddressSet(8)).toThrow(RangeError);
    expect(decodeCommandOrInquiry(bytes('88 30 01 FF'))).toEqual({
      ok: true,
      value: { address: 8, message: { type: 'address-set', first: 1 } },
    });
    expect(decodeReply(bytes('88 30 02 FF'))).toEqual({ ok: true, value: { kind: 'address-set', next: 2 } });
    expect(decodeReply(bytes('88 30 08 FF'))).toEqual({ ok: true, value: { kind: 'address-set', next: 8 } });
  });

  it('IF_Clear broadcast, its echo, and the per-device reply y0 50 FF', () => {
    expect(hexOf(encodeIfClearBroadcast())).toBe('88 01 00 01 FF');
    expect(decodeCommandOrInquiry(bytes('88 01 00 01 FF'))).toEqual({
      ok: true,
      value: { address: 8, message: { type: 'command', command: { kind: 'if-clear' } } },
    });
    expect(decodeReply(bytes('88 01 00 01 FF'))).toEqual({ ok: true, value: { kind: 'if-clear-broadcast' } });
    expect(decodeReply(bytes('A0 50 FF'))).toEqual({
      ok: true,
      value: { kind: 'completion', address: 2, socket: 0, data: new Uint8Array(0) },
    });
  });

  it('command cancel and its replies name the socket', () => {
    expect(hexOf(encodeCancel(1, 1))).toBe('81 21 FF');
    expect(hexOf(encodeCancel(7, 2))).toBe('87 22 FF');
    expect(() => encodeCancel(1, 0)).toThrow(RangeError);
    expect(() => encodeCancel(1, 16)).toThrow(RangeError);
    expect(decodeCommandOrInquiry(bytes('83 22 FF'))).toEqual({
      ok: true,
      value: { address: 3, message: { type: 'cancel', socket: 2 } },
    });
    expect(decodeCommandOrInquiry(bytes('81 20 FF'))).toEqual({
      ok: true,
      value: { address: 1, message: { type: 'cancel', socket: 0 } },
    });
    expect(decodeReply(bytes('90 61 04 FF'))).toEqual({
      ok: true,
      value: { kind: 'error', address: 1, socket: 1, code: 4, name: 'cancelled' },
    });
    expect(decodeReply(bytes('B0 62 05 FF'))).toEqual({
      ok: true,
      value: { kind: 'error', address: 3, socket: 2, code: 5, name: 'no-socket' },
    });
    expect(decodeReply(bytes('90 60 03 FF'))).toEqual({
      ok: true,
      value: { kind: 'error', address: 1, socket: 0, code: 3, name: 'buffer-full' },
    });
  });
});
