import { describe, expect, it } from 'vitest';
import { encodeCommand, encodeInquiry } from './visca-encode';
import { bytes, hexOf } from './test-hex';
import type { ViscaCommand, ViscaInquiry } from './visca-types';

// Expected bytes transcribed from protocols.md §1.6 / §1.7 for camera 1 (header 81).
const COMMANDS: Array<[string, ViscaCommand, string]> = [
  ['power on', { kind: 'power', on: true }, '81 01 04 00 02 FF'],
  ['power standby', { kind: 'power', on: false }, '81 01 04 00 03 FF'],
  [
    'drive up-left',
    { kind: 'pan-tilt-drive', pan: 'left', tilt: 'up', panSpeed: 0x05, tiltSpeed: 0x06 },
    '81 01 06 01 05 06 01 01 FF',
  ],
  [
    'drive down-right',
    { kind: 'pan-tilt-drive', pan: 'right', tilt: 'down', panSpeed: 0x18, tiltSpeed: 0x17 },
    '81 01 06 01 18 17 02 02 FF',
  ],
  [
    'drive stop',
    { kind: 'pan-tilt-drive', pan: 'stop', tilt: 'stop', panSpeed: 1, tiltSpeed: 1 },
    '81 01 06 01 01 01 03 03 FF',
  ],
  [
    'drive right only',
    { kind: 'pan-tilt-drive', pan: 'right', tilt: 'stop', panSpeed: 0x0c, tiltSpeed: 0x01 },
    '81 01 06 01 0C 01 02 03 FF',
  ],
  ['home', { kind: 'pan-tilt-home' }, '81 01 06 04 FF'],
  ['zoom stop', { kind: 'zoom-drive', direction: 'stop', speed: 0 }, '81 01 04 07 00 FF'],
  ['zoom tele slowest', { kind: 'zoom-drive', direction: 'tele', speed: 0 }, '81 01 04 07 20 FF'],
  ['zoom tele fastest', { kind: 'zoom-drive', direction: 'tele', speed: 7 }, '81 01 04 07 27 FF'],
  ['zoom wide slowest', { kind: 'zoom-drive', direction: 'wide', speed: 0 }, '81 01 04 07 30 FF'],
  ['zoom wide fastest', { kind: 'zoom-drive', direction: 'wide', speed: 7 }, '81 01 04 07 37 FF'],
  ['zoom direct wide', { kind: 'zoom-direct', position: 0 }, '81 01 04 47 00 00 00 00 FF'],
  ['zoom direct 0x4000', { kind: 'zoom-direct', position: 0x4000 }, '81 01 04 47 04 00 00 00 FF'],
  ['zoom direct 0x7AC0', { kind: 'zoom-direct', position: 0x7ac0 }, '81 01 04 47 07 0A 0C 00 FF'],
  ['zoom direct max', { kind: 'zoom-direct', position: 0xffff }, '81 01 04 47 0F 0F 0F 0F FF'],
  ['focus stop', { kind: 'focus-drive', direction: 'stop', speed: 5 }, '81 01 04 08 00 FF'],
  ['focus far 0', { kind: 'focus-drive', direction: 'far', speed: 0 }, '81 01 04 08 20 FF'],
  ['focus near 7', { kind: 'focus-drive', direction: 'near', speed: 7 }, '81 01 04 08 37 FF'],
  ['iris closed', { kind: 'iris-direct', position: 0 }, '81 01 04 4B 00 00 00 00 FF'],
  ['iris F1.6', { kind: 'iris-direct', position: 0x11 }, '81 01 04 4B 00 00 01 01 FF'],
  ['iris 0xFF', { kind: 'iris-direct', position: 0xff }, '81 01 04 4B 00 00 0F 0F FF'],
  ['AE full auto', { kind: 'ae-mode', mode: 'full-auto' }, '81 01 04 39 00 FF'],
  ['AE manual', { kind: 'ae-mode', mode: 'manual' }, '81 01 04 39 03 FF'],
  ['AE shutter priority', { kind: 'ae-mode', mode: 'shutter-priority' }, '81 01 04 39 0A FF'],
  ['AE iris priority', { kind: 'ae-mode', mode: 'iris-priority' }, '81 01 04 39 0B FF'],
  ['AE bright', { kind: 'ae-mode', mode: 'bright' }, '81 01 04 39 0D FF'],
];

const INQUIRIES: Array<[ViscaInquiry, string]> = [
  ['power', '81 09 04 00 FF'],
  ['pan-tilt-position', '81 09 06 12 FF'],
  ['zoom-position', '81 09 04 47 FF'],
  ['iris-position', '81 09 04 4B FF'],
  ['ae-mode', '81 09 04 39 FF'],
  ['version', '81 09 00 02 FF'],
];

describe('encodeCommand', () => {
  it.each(COMMANDS)('%s', (_name, cmd, expected) => {
    expect(hexOf(encodeCommand(1, cmd))).toBe(expected);
  });

  it('puts the address in the header: 1 → 81, 7 → 87', () => {
    expect(encodeCommand(1, { kind: 'pan-tilt-home' })[0]).toBe(0x81);
    expect(encodeCommand(7, { kind: 'pan-tilt-home' })[0]).toBe(0x87);
    expect(hexOf(encodeCommand(4, { kind: 'power', on: true }))).toBe('84 01 04 00 02 FF');
  });

  it.each([0, 8, 1.5, -1])('rejects address %s with RangeError', (address) => {
    expect(() => encodeCommand(address as 1, { kind: 'pan-tilt-home' })).toThrow(/address must be an integer in 1–7/);
  });

  it.each([
    ['pan speed 0', { panSpeed: 0, tiltSpeed: 1 }, /pan speed/],
    ['pan speed 0x19', { panSpeed: 0x19, tiltSpeed: 1 }, /pan speed/],
    ['tilt speed 0', { panSpeed: 1, tiltSpeed: 0 }, /tilt speed/],
    ['tilt speed 0x18', { panSpeed: 1, tiltSpeed: 0x18 }, /tilt speed/],
    ['fractional pan speed', { panSpeed: 2.5, tiltSpeed: 1 }, /pan speed/],
  ])('rejects %s, even for a stop', (_name, speeds, message) => {
    expect(() => encodeCommand(1, { kind: 'pan-tilt-drive', pan: 'stop', tilt: 'stop', ...speeds })).toThrow(
      RangeError,
    );
    expect(() => encodeCommand(1, { kind: 'pan-tilt-drive', pan: 'left', tilt: 'up', ...speeds })).toThrow(message);
  });

  it('rejects out-of-range zoom/focus speeds and positions', () => {
    expect(() => encodeCommand(1, { kind: 'zoom-drive', direction: 'tele', speed: 8 })).toThrow(/zoom speed/);
    expect(() => encodeCommand(1, { kind: 'zoom-drive', direction: 'wide', speed: -1 })).toThrow(/zoom speed/);
    expect(() => encodeCommand(1, { kind: 'focus-drive', direction: 'near', speed: 8 })).toThrow(/focus speed/);
    expect(() => encodeCommand(1, { kind: 'zoom-direct', position: 0x10000 })).toThrow(/zoom position/);
    expect(() => encodeCommand(1, { kind: 'zoom-direct', position: -1 })).toThrow(/zoom position/);
    expect(() => encodeCommand(1, { kind: 'iris-direct', position: 0x100 })).toThrow(/iris position/);
  });

  it('rejects values outside the unions from untyped callers', () => {
    expect(() => encodeCommand(1, { kind: 'ae-mode', mode: 'auto' as 'manual' })).toThrow(/AE mode must be one of/);
    expect(() =>
      encodeCommand(1, { kind: 'pan-tilt-drive', pan: 'up' as 'left', tilt: 'up', panSpeed: 1, tiltSpeed: 1 }),
    ).toThrow(/pan direction/);
    expect(() => encodeCommand(1, { kind: 'nope' } as unknown as ViscaCommand)).toThrow(/unknown VISCA command/);
  });

  it('never produces FF inside a packet', () => {
    for (const [, cmd] of COMMANDS) {
      const p = encodeCommand(7, cmd);
      expect(p.indexOf(0xff)).toBe(p.length - 1);
      expect(p.length).toBeLessThanOrEqual(16);
    }
  });
});

describe('encodeInquiry', () => {
  it.each(INQUIRIES)('%s', (inq, expected) => {
    expect(hexOf(encodeInquiry(1, inq))).toBe(expected);
  });

  it('addresses camera 7 and rejects unknown inquiries', () => {
    expect(hexOf(encodeInquiry(7, 'pan-tilt-position'))).toBe('87 09 06 12 FF');
    expect(() => encodeInquiry(1, 'focus' as ViscaInquiry)).toThrow(/unknown VISCA inquiry/);
    expect(() => encodeInquiry(0 as 1, 'power')).toThrow(RangeError);
  });

  it('matches the helper parser (sanity check of the test helper itself)', () => {
    expect(encodeInquiry(2, 'power')).toEqual(bytes('82 09 04 00 FF'));
  });
});
