import { describe, expect, it } from 'vitest';
import { decodeInquiryAnswer, decodeReply } from './visca-decode';
import { bytes } from './test-hex';
import type { ViscaDecodeError, ViscaErrorName, ViscaReply } from './visca-types';

function reply(hex: string): ViscaReply {
  const r = decodeReply(bytes(hex));
  if (!r.ok) throw new Error(`expected ok for ${hex}, got ${r.error.reason}: ${r.error.detail}`);
  return r.value;
}

function failure(r: { ok: boolean; error?: ViscaDecodeError }): ViscaDecodeError {
  if (r.ok || !r.error) throw new Error('expected an error');
  return r.error;
}

describe('decodeReply', () => {
  it('decodes ACK for both sockets and every address', () => {
    expect(reply('90 41 FF')).toEqual({ kind: 'ack', address: 1, socket: 1 });
    expect(reply('90 42 FF')).toEqual({ kind: 'ack', address: 1, socket: 2 });
    expect(reply('A0 41 FF')).toEqual({ kind: 'ack', address: 2, socket: 1 });
    expect(reply('F0 42 FF')).toEqual({ kind: 'ack', address: 7, socket: 2 });
  });

  it('decodes command completion without data', () => {
    expect(reply('90 51 FF')).toEqual({ kind: 'completion', address: 1, socket: 1, data: new Uint8Array(0) });
    expect(reply('F0 52 FF')).toEqual({ kind: 'completion', address: 7, socket: 2, data: new Uint8Array(0) });
  });

  it('decodes inquiry completion with data (socket 0) and copies it', () => {
    const frame = bytes('90 50 00 03 04 02 0F 0F 05 0B FF');
    const r = decodeReply(frame);
    expect(r).toEqual({
      ok: true,
      value: { kind: 'completion', address: 1, socket: 0, data: bytes('00 03 04 02 0F 0F 05 0B') },
    });
    frame[2] = 0x07;
    expect(r.ok && r.value.kind === 'completion' && r.value.data[0]).toBe(0x00);
    // IF_Clear to one device answers y0 50 FF: a completion with no data.
    expect(reply('B0 50 FF')).toEqual({ kind: 'completion', address: 3, socket: 0, data: new Uint8Array(0) });
  });

  it.each<[string, number, number, ViscaErrorName]>([
    ['90 60 01 FF', 0, 0x01, 'message-length'],
    ['90 60 02 FF', 0, 0x02, 'syntax'],
    ['90 60 03 FF', 0, 0x03, 'buffer-full'],
    ['90 61 04 FF', 1, 0x04, 'cancelled'],
    ['90 62 04 FF', 2, 0x04, 'cancelled'],
    ['90 61 05 FF', 1, 0x05, 'no-socket'],
    ['90 62 05 FF', 2, 0x05, 'no-socket'],
    ['90 61 41 FF', 1, 0x41, 'not-executable'],
    ['90 62 41 FF', 2, 0x41, 'not-executable'],
    ['90 60 7A FF', 0, 0x7a, 'unknown'],
    ['90 61 06 FF', 1, 0x06, 'unknown'],
  ])('decodes error %s', (hex, socket, code, name) => {
    expect(reply(hex)).toEqual({ kind: 'error', address: 1, socket, code, name });
  });

  it('decodes network change, AddressSet return and IF_Clear echo', () => {
    expect(reply('90 38 FF')).toEqual({ kind: 'network-change', address: 1 });
    expect(reply('C0 38 FF')).toEqual({ kind: 'network-change', address: 4 });
    expect(reply('88 30 02 FF')).toEqual({ kind: 'address-set', next: 2 });
    expect(reply('88 30 08 FF')).toEqual({ kind: 'address-set', next: 8 });
    expect(reply('88 30 01 FF')).toEqual({ kind: 'address-set', next: 1 });
    expect(reply('88 01 00 01 FF')).toEqual({ kind: 'if-clear-broadcast' });
  });

  it.each<[string, string, ViscaDecodeError['reason'], RegExp]>([
    ['empty', '', 'empty', /empty/],
    ['only FF', 'FF', 'too-short', /shorter than 3/],
    ['header + FF', '90 FF', 'too-short', /2 bytes/],
    ['missing FF', '90 41', 'no-terminator', /does not end in FF/],
    ['17 bytes', '90 50 00 00 00 00 00 00 00 00 00 00 00 00 00 00 FF', 'too-long', /17 bytes exceeds 16/],
    ['two frames glued', '90 41 FF 90 51 FF', 'bad-data', /FF inside the VISCA frame at byte 2/],
    ['command header', '81 41 FF', 'bad-header', /0x81 is not a reply header/],
    ['reply header with receiver bits', '91 41 FF', 'bad-header', /0x91/],
    ['data byte as header', '10 41 FF', 'bad-header', /0x10/],
    ['unknown reply type', '90 70 FF', 'unknown-reply', /0x70/],
    ['0x3z other than 38', '90 31 FF', 'unknown-reply', /0x31/],
    ['ACK with payload', '90 41 00 FF', 'bad-data', /ACK must be 3 bytes/],
    ['error without code', '90 60 FF', 'bad-data', /error reply must be 4 bytes/],
    ['error with extra byte', '90 60 02 00 FF', 'bad-data', /error reply must be 4 bytes/],
    ['network change with data', '90 38 00 FF', 'unknown-reply', /0x38/],
    ['AddressSet 0', '88 30 00 FF', 'bad-data', /01–08/],
    ['AddressSet 9', '88 30 09 FF', 'bad-data', /01–08/],
    ['unknown broadcast', '88 01 00 02 FF', 'unknown-reply', /broadcast/],
  ])('rejects %s', (_name, hex, reason, detail) => {
    const e = failure(decodeReply(bytes(hex)));
    expect(e.reason).toBe(reason);
    expect(e.detail).toMatch(detail);
  });

  it('reports an oversized frame as too-long even without FF', () => {
    expect(failure(decodeReply(new Uint8Array(40).fill(0x90))).reason).toBe('too-long');
  });
});

describe('decodeInquiryAnswer', () => {
  it('decodes the §1.7 reference pan/tilt answers with sign extension', () => {
    expect(decodeInquiryAnswer('pan-tilt-position', bytes('00 03 04 02 0F 0F 05 0B'))).toEqual({
      ok: true,
      value: { inquiry: 'pan-tilt-position', pan: 834, tilt: -165 },
    });
    expect(decodeInquiryAnswer('pan-tilt-position', bytes('0D 0E 00 00 01 02 00 00'))).toEqual({
      ok: true,
      value: { inquiry: 'pan-tilt-position', pan: -8704, tilt: 4608 },
    });
  });

  it('covers the ends of the 16-bit range', () => {
    expect(decodeInquiryAnswer('pan-tilt-position', bytes('07 0F 0F 0F 08 00 00 00'))).toEqual({
      ok: true,
      value: { inquiry: 'pan-tilt-position', pan: 0x7fff, tilt: -0x8000 },
    });
    expect(decodeInquiryAnswer('pan-tilt-position', bytes('0F 0F 0F 0F 00 00 00 00'))).toEqual({
      ok: true,
      value: { inquiry: 'pan-tilt-position', pan: -1, tilt: 0 },
    });
  });

  it('decodes 20-bit (5+5 nibble) pan/tilt by length', () => {
    // pan 0x7FFFF (max positive), tilt 0xFFFFE (−2).
    expect(decodeInquiryAnswer('pan-tilt-position', bytes('07 0F 0F 0F 0F 0F 0F 0F 0F 0E'))).toEqual({
      ok: true,
      value: { inquiry: 'pan-tilt-position', pan: 0x7ffff, tilt: -2 },
    });
    // Bit 15 set but not bit 19: positive in 20-bit.
    expect(decodeInquiryAnswer('pan-tilt-position', bytes('00 0D 0E 00 00 08 00 00 00 00'))).toEqual({
      ok: true,
      value: { inquiry: 'pan-tilt-position', pan: 0xde00, tilt: -0x80000 },
    });
  });

  it('decodes zoom, iris, AE mode, power and version', () => {
    expect(decodeInquiryAnswer('zoom-position', bytes('04 00 00 00'))).toEqual({
      ok: true,
      value: { inquiry: 'zoom-position', position: 0x4000 },
    });
    expect(decodeInquiryAnswer('zoom-position', bytes('0F 0F 0F 0F'))).toEqual({
      ok: true,
      value: { inquiry: 'zoom-position', position: 0xffff },
    });
    expect(decodeInquiryAnswer('iris-position', bytes('00 00 01 01'))).toEqual({
      ok: true,
      value: { inquiry: 'iris-position', position: 0x11 },
    });
    expect(decodeInquiryAnswer('ae-mode', bytes('0B'))).toEqual({
      ok: true,
      value: { inquiry: 'ae-mode', mode: 'iris-priority', raw: 0x0b },
    });
    expect(decodeInquiryAnswer('ae-mode', bytes('00'))).toEqual({
      ok: true,
      value: { inquiry: 'ae-mode', mode: 'full-auto', raw: 0 },
    });
    expect(decodeInquiryAnswer('ae-mode', bytes('0E'))).toEqual({
      ok: true,
      value: { inquiry: 'ae-mode', mode: 'unknown', raw: 0x0e },
    });
    expect(decodeInquiryAnswer('power', bytes('02'))).toEqual({ ok: true, value: { inquiry: 'power', on: true } });
    expect(decodeInquiryAnswer('power', bytes('03'))).toEqual({ ok: true, value: { inquiry: 'power', on: false } });
    expect(decodeInquiryAnswer('version', bytes('00 01 05 1C 01 23 02'))).toEqual({
      ok: true,
      value: { inquiry: 'version', vendor: 1, model: 0x051c, rom: 0x0123, maxSocket: 2 },
    });
  });

  it.each<[Parameters<typeof decodeInquiryAnswer>[0], string, RegExp]>([
    ['pan-tilt-position', '00 03 04 02 0F 0F 05', /8 or 10/],
    ['pan-tilt-position', '00 03 04 02 0F 0F 05 0B 00', /8 or 10/],
    ['pan-tilt-position', '00 03 04 12 0F 0F 05 0B', /pan position: byte 3 is 0x12, not a nibble/],
    ['pan-tilt-position', '00 03 04 02 0F 10 05 0B', /tilt position: byte 5 is 0x10/],
    ['zoom-position', '04 00 00', /must have 4 data bytes, got 3/],
    ['zoom-position', '04 00 00 7F', /not a nibble/],
    ['iris-position', '', /got 0/],
    ['iris-position', '00 00 01 20', /not a nibble/],
    ['ae-mode', '00 00', /must have 1/],
    ['ae-mode', '30', /not a nibble/],
    ['power', '80', /7-bit/],
    ['power', '', /must have 1/],
    ['version', '00 01 05 1C 01 23', /must have 7/],
  ])('rejects %s answer %s', (inq, hex, detail) => {
    const r = decodeInquiryAnswer(inq, bytes(hex));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.reason).toBe('bad-data');
      expect(r.error.detail).toMatch(detail);
    }
  });

  it('rejects an unknown inquiry name from an untyped caller', () => {
    expect(decodeInquiryAnswer('focus' as 'power', bytes('02')).ok).toBe(false);
  });
});
