// Table tests of the §1.7 inquiries: request bytes, answer encoding (camera) and decoding (controller).
import { describe, expect, it } from 'vitest';
import { encodeInquiryAnswer, encodeInquiryAnswerData } from './visca-camera-codec';
import { decodeCommandOrInquiry } from './visca-command-decode';
import { decodeInquiryAnswer, decodeReply } from './visca-decode';
import { encodeInquiry } from './visca-encode';
import { panTiltStatusFromRaw, panTiltStatusRaw } from './visca-status';
import { bytes, hexOf } from './test-hex';
import type { ViscaInquiry, ViscaInquiryAnswer } from './visca-types';

const REQUESTS: Array<[ViscaInquiry, string]> = [
  ['pan-tilt-status', '81 09 06 10 FF'],
  ['pan-tilt-max-speed', '81 09 06 11 FF'],
  ['pan-tilt-position', '81 09 06 12 FF'],
  ['zoom-position', '81 09 04 47 FF'],
  ['focus-position', '81 09 04 48 FF'],
  ['focus-mode', '81 09 04 38 FF'],
  ['ae-mode', '81 09 04 39 FF'],
  ['iris-position', '81 09 04 4B FF'],
  ['power', '81 09 04 00 FF'],
  ['version', '81 09 00 02 FF'],
];

describe('inquiry requests (§1.7)', () => {
  it.each(REQUESTS)('%s is %s and the camera reads it back', (inq, hex) => {
    expect(hexOf(encodeInquiry(1, inq))).toBe(hex);
    expect(decodeCommandOrInquiry(bytes(hex))).toEqual({
      ok: true,
      value: { address: 1, message: { type: 'inquiry', inquiry: inq } },
    });
  });
});

const MOVING_AT_LEFT_END = panTiltStatusFromRaw(0x2000 | 0x0400 | 0x0001);

// [answer, reply frame from camera 1]
const ANSWERS: Array<[string, ViscaInquiryAnswer, string]> = [
  [
    'position 20-bit extremes',
    { inquiry: 'pan-tilt-position', pan: 0x7ffff, tilt: -0x80000 },
    '90 50 07 0F 0F 0F 0F 08 00 00 00 00 FF',
  ],
  ['status idle, initialised', { inquiry: 'pan-tilt-status', ...panTiltStatusFromRaw(0x2000) }, '90 50 20 00 FF'],
  ['status moving at the left end', { inquiry: 'pan-tilt-status', ...MOVING_AT_LEFT_END }, '90 50 24 01 FF'],
  [
    'status all ends, errors, failed',
    { inquiry: 'pan-tilt-status', ...panTiltStatusFromRaw(0x3d1f) },
    '90 50 3D 1F FF',
  ],
  ['max speed 18/17', { inquiry: 'pan-tilt-max-speed', pan: 0x18, tilt: 0x17 }, '90 50 18 17 FF'],
  ['max speed slow mode 7F/7F', { inquiry: 'pan-tilt-max-speed', pan: 0x7f, tilt: 0x7f }, '90 50 7F 7F FF'],
  ['focus position 0', { inquiry: 'focus-position', position: 0 }, '90 50 00 00 00 00 FF'],
  ['focus position max', { inquiry: 'focus-position', position: 0xffff }, '90 50 0F 0F 0F 0F FF'],
  ['focus mode auto', { inquiry: 'focus-mode', mode: 'auto', raw: 2 }, '90 50 02 FF'],
  ['focus mode manual', { inquiry: 'focus-mode', mode: 'manual', raw: 3 }, '90 50 03 FF'],
  ['focus mode unknown', { inquiry: 'focus-mode', mode: 'unknown', raw: 0x10 }, '90 50 10 FF'],
  ['power on', { inquiry: 'power', on: true }, '90 50 02 FF'],
  ['power standby', { inquiry: 'power', on: false }, '90 50 03 FF'],
  ['power error state 04', { inquiry: 'power', on: null, raw: 4 }, '90 50 04 FF'],
  ['power unknown 0x7F', { inquiry: 'power', on: null, raw: 0x7f }, '90 50 7F FF'],
  ['AE bright', { inquiry: 'ae-mode', mode: 'bright', raw: 0x0d }, '90 50 0D FF'],
  ['iris F1.6', { inquiry: 'iris-position', position: 0x11 }, '90 50 00 00 01 01 FF'],
  ['zoom digital max', { inquiry: 'zoom-position', position: 0x7ac0 }, '90 50 07 0A 0C 00 FF'],
  [
    'version BRC-X400',
    { inquiry: 'version', vendor: 1, model: 0x051c, rom: 0x0100, maxSocket: 2 },
    '90 50 00 01 05 1C 01 00 02 FF',
  ],
];

describe('inquiry answers (§1.7)', () => {
  it.each(ANSWERS)('%s: camera encodes, controller decodes', (_n, answer, hex) => {
    expect(hexOf(encodeInquiryAnswer(1, answer))).toBe(hex);
    const reply = decodeReply(bytes(hex));
    expect(reply.ok && reply.value.kind).toBe('completion');
    if (reply.ok && reply.value.kind === 'completion')
      expect(decodeInquiryAnswer(answer.inquiry, reply.value.data)).toEqual({ ok: true, value: answer });
  });

  it('names every status field', () => {
    expect(MOVING_AT_LEFT_END).toEqual({
      raw: 0x2401,
      initialisation: 'initialised',
      motion: 'moving',
      tiltPositionError: false,
      panPositionError: false,
      atLimit: { left: true, right: false, up: false, down: false },
    });
    const all = panTiltStatusFromRaw(0x3d1f);
    expect(all).toMatchObject({
      initialisation: 'failed',
      motion: 'failed',
      tiltPositionError: true,
      panPositionError: true,
    });
    expect(all.atLimit).toEqual({ left: true, right: true, up: true, down: true });
    expect(panTiltStatusFromRaw(0x1800)).toMatchObject({ initialisation: 'initialising', motion: 'completed' });
    expect(panTiltStatusFromRaw(0)).toMatchObject({ initialisation: 'not-initialised', motion: 'idle' });
    for (const raw of [0, 0x2000, 0x2401, 0x3d1f, 0x1800, 0x050c]) {
      const { raw: _r, ...fields } = panTiltStatusFromRaw(raw);
      expect(panTiltStatusRaw(fields)).toBe(raw);
    }
  });

  it('writes pan/tilt with the nibble width a model asks for', () => {
    const small: ViscaInquiryAnswer = { inquiry: 'pan-tilt-position', pan: -1, tilt: 2 };
    expect(hexOf(encodeInquiryAnswerData(small))).toBe('0F 0F 0F 0F 00 00 00 02');
    expect(hexOf(encodeInquiryAnswerData(small, { positionNibbles: 5 }))).toBe('0F 0F 0F 0F 0F 00 00 00 00 02');
    expect(decodeInquiryAnswer('pan-tilt-position', bytes('0F 0F 0F 0F 0F 00 00 00 00 02'))).toEqual({
      ok: true,
      value: small,
    });
    expect(() =>
      encodeInquiryAnswerData({ inquiry: 'pan-tilt-position', pan: 0x8000, tilt: 0 }, { positionNibbles: 4 }),
    ).toThrow(/pan position/);
  });

  it.each<[string, ViscaInquiryAnswer, RegExp]>([
    ['status bit 15', { inquiry: 'pan-tilt-status', ...panTiltStatusFromRaw(0x8000) }, /pan-tilt status/],
    ['status bit 7', { inquiry: 'pan-tilt-status', ...panTiltStatusFromRaw(0x0080) }, /bit 7/],
    ['max speed 0x80', { inquiry: 'pan-tilt-max-speed', pan: 0x80, tilt: 1 }, /max pan speed/],
    ['focus position 0x10000', { inquiry: 'focus-position', position: 0x10000 }, /focus position/],
    ['focus mode code 0x80', { inquiry: 'focus-mode', mode: 'unknown', raw: 0x80 }, /focus mode code/],
    ['power code 0xFF', { inquiry: 'power', on: null, raw: 0xff }, /power state code/],
  ])('refuses to encode %s', (_n, answer, message) => {
    expect(() => encodeInquiryAnswerData(answer)).toThrow(message);
  });

  it.each<[ViscaInquiry, string, RegExp]>([
    ['pan-tilt-status', '20', /must have 2/],
    ['pan-tilt-status', '20 80', /7-bit/],
    ['pan-tilt-max-speed', '18 17 00', /must have 2/],
    ['pan-tilt-max-speed', '80 17', /7-bit/],
    ['focus-position', '01 02 03', /must have 4/],
    ['focus-position', '01 02 03 40', /not a nibble/],
    ['focus-mode', '', /must have 1/],
    ['focus-mode', '90', /7-bit/],
    ['power', '02 02', /must have 1/],
  ])('controller rejects %s answer "%s"', (inq, hex, detail) => {
    const r = decodeInquiryAnswer(inq, bytes(hex));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.reason).toBe('bad-data');
      expect(r.error.detail).toMatch(detail);
    }
  });
});
