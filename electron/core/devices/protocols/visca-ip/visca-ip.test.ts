import { describe, expect, it } from 'vitest';
import {
  ControlErrorCode,
  PayloadType,
  decodeControl,
  decodeViscaIp,
  encodeControlAck,
  encodeControlError,
  encodeReset,
  encodeViscaIp,
  nextSequence,
  payloadTypeFor,
} from './index';
import { decodeInquiryAnswer, decodeReply, encodeCommand, encodeInquiry } from '../visca';
import { bytes, hexOf } from '../visca/test-hex';

describe('VISCA over IP reference frames (§2.1)', () => {
  it('RESET is 02 00 00 01 00 00 00 00 01', () => {
    expect(hexOf(encodeReset())).toBe('02 00 00 01 00 00 00 00 01');
    expect(hexOf(encodeReset(0x01020304))).toBe('02 00 00 01 01 02 03 04 01');
  });

  it('power on with sequence 1', () => {
    const payload = encodeCommand(1, { kind: 'power', on: true });
    expect(hexOf(encodeViscaIp({ type: payloadTypeFor(payload), sequence: 1, payload }))).toBe(
      '01 00 00 06 00 00 00 01 81 01 04 00 02 FF',
    );
  });

  it('decodes ACK and completion with sequence 3', () => {
    const ack = decodeViscaIp(bytes('01 11 00 03 00 00 00 03 90 41 FF'));
    expect(ack).toEqual({ ok: true, value: { type: PayloadType.reply, sequence: 3, payload: bytes('90 41 FF') } });
    const done = decodeViscaIp(bytes('01 11 00 03 00 00 00 03 90 51 FF'));
    expect(done.ok && decodeReply(done.value.payload)).toEqual({
      ok: true,
      value: { kind: 'completion', address: 1, socket: 1, data: new Uint8Array(0) },
    });
  });

  it('decodes the inquiry reply with sequence 6 down to pan +834, tilt −165', () => {
    const msg = decodeViscaIp(bytes('01 11 00 0B 00 00 00 06 90 50 00 03 04 02 0F 0F 05 0B FF'));
    expect(msg.ok && msg.value.sequence).toBe(6);
    if (!msg.ok) return;
    const reply = decodeReply(msg.value.payload);
    expect(reply.ok && reply.value.kind).toBe('completion');
    if (reply.ok && reply.value.kind === 'completion') {
      expect(decodeInquiryAnswer('pan-tilt-position', reply.value.data)).toEqual({
        ok: true,
        value: { inquiry: 'pan-tilt-position', pan: 834, tilt: -165 },
      });
    }
  });

  it('decodes the RESET reply 02 01 00 01 00 00 00 00 01 as a control ACK', () => {
    const msg = decodeViscaIp(bytes('02 01 00 01 00 00 00 00 01'));
    expect(msg.ok && msg.value.type).toBe(PayloadType.controlReply);
    expect(msg.ok && decodeControl(msg.value.payload)).toEqual({ ok: true, value: { kind: 'ack' } });
  });
});

describe('encodeViscaIp / decodeViscaIp', () => {
  it('writes the header big-endian and round-trips every payload type and sequence extreme', () => {
    for (const type of Object.values(PayloadType)) {
      for (const sequence of [0, 1, 0x12345678, 0xffffffff]) {
        const payload = bytes('81 09 04 00 FF');
        const d = encodeViscaIp({ type, sequence, payload });
        expect(d[0]).toBe(type >> 8);
        expect(d[1]).toBe(type & 0xff);
        expect(decodeViscaIp(d)).toEqual({ ok: true, value: { type, sequence, payload } });
      }
    }
    expect(hexOf(encodeViscaIp({ type: PayloadType.command, sequence: 0xffffffff, payload: bytes('01') }))).toBe(
      '01 00 00 01 FF FF FF FF 01',
    );
  });

  it('accepts payloads of 1 and 16 bytes and rejects 0 and 17 when encoding', () => {
    expect(encodeViscaIp({ type: PayloadType.command, sequence: 1, payload: new Uint8Array(16) })).toHaveLength(24);
    expect(() => encodeViscaIp({ type: PayloadType.command, sequence: 1, payload: new Uint8Array(0) })).toThrow(
      /1–16 bytes, got 0/,
    );
    expect(() => encodeViscaIp({ type: PayloadType.command, sequence: 1, payload: new Uint8Array(17) })).toThrow(
      /got 17/,
    );
    expect(() => encodeViscaIp({ type: PayloadType.command, sequence: -1, payload: bytes('01') })).toThrow(/sequence/);
    expect(() => encodeViscaIp({ type: PayloadType.command, sequence: 2 ** 32, payload: bytes('01') })).toThrow(
      /sequence/,
    );
    expect(() => encodeViscaIp({ type: 0x0300 as PayloadType, sequence: 1, payload: bytes('01') })).toThrow(
      /payload type/,
    );
  });

  it('allows a 17-byte payload only when the link says so (20-bit position cameras)', () => {
    const payload = new Uint8Array(17).fill(1);
    expect(() => encodeViscaIp({ type: PayloadType.command, sequence: 1, payload })).toThrow(/1–16 bytes, got 17/);
    const d = encodeViscaIp({ type: PayloadType.command, sequence: 1, payload }, { maxPayload: 17 });
    expect(d).toHaveLength(25);
    expect(decodeViscaIp(d).ok).toBe(false);
    expect(decodeViscaIp(d, { maxPayload: 17 })).toEqual({
      ok: true,
      value: { type: PayloadType.command, sequence: 1, payload },
    });
    expect(() => encodeViscaIp({ type: PayloadType.command, sequence: 1, payload }, { maxPayload: 0 })).toThrow(
      /payload limit/,
    );
    // A decoder never throws: a bad limit falls back to 16.
    expect(decodeViscaIp(d, { maxPayload: -1 }).ok).toBe(false);
  });

  it('copies the payload into a plain Uint8Array', () => {
    const datagram = bytes('01 11 00 03 00 00 00 03 90 41 FF');
    const r = decodeViscaIp(datagram);
    datagram[9] = 0x51;
    expect(r.ok && hexOf(r.value.payload)).toBe('90 41 FF');
    const fromBuffer = decodeViscaIp(Buffer.from(bytes('01 11 00 03 00 00 00 03 90 41 FF')));
    expect(fromBuffer.ok && Object.getPrototypeOf(fromBuffer.value.payload)).toBe(Uint8Array.prototype);
  });

  it('reads a datagram that is a view into a larger buffer', () => {
    const big = bytes('AA AA 01 11 00 03 00 00 00 03 90 41 FF');
    expect(decodeViscaIp(big.subarray(2))).toEqual({
      ok: true,
      value: { type: PayloadType.reply, sequence: 3, payload: bytes('90 41 FF') },
    });
  });

  it.each<[string, string, string]>([
    ['empty', '', 'too-short'],
    ['header only', '01 11 00 00 00 00 00 03', 'too-short'],
    ['length says 3, 2 follow', '01 11 00 03 00 00 00 03 90 41', 'length-mismatch'],
    ['length says 2, 3 follow', '01 11 00 02 00 00 00 03 90 41 FF', 'length-mismatch'],
    ['length 0 with a byte', '01 11 00 00 00 00 00 03 90', 'length-mismatch'],
    ['unknown type 0300', '03 00 00 01 00 00 00 01 01', 'bad-type'],
    ['unknown type 0101', '01 01 00 01 00 00 00 01 01', 'bad-type'],
    ['17-byte payload', `01 00 00 11 00 00 00 01 ${'01 '.repeat(17)}`, 'bad-payload'],
  ])('rejects %s as %s', (_n, hex, reason) => {
    const r = decodeViscaIp(bytes(hex));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toBe(reason);
  });
});

describe('control messages', () => {
  it('decodes 01 by direction, and ERROR 0F yy by code', () => {
    expect(decodeControl(bytes('01'), PayloadType.control)).toEqual({ ok: true, value: { kind: 'reset' } });
    expect(decodeControl(bytes('01'), PayloadType.controlReply)).toEqual({ ok: true, value: { kind: 'ack' } });
    expect(decodeControl(bytes('0F 01'))).toEqual({ ok: true, value: { kind: 'error', code: 1, name: 'sequence' } });
    expect(decodeControl(bytes('0F 02'))).toEqual({ ok: true, value: { kind: 'error', code: 2, name: 'message' } });
    expect(decodeControl(bytes('0F 07'))).toEqual({ ok: true, value: { kind: 'error', code: 7, name: 'unknown' } });
  });

  it.each(['', '02', '01 00', '0F', '0F 01 00', '81 01 04 00 02 FF'])('rejects control payload "%s"', (hex) => {
    const r = decodeControl(bytes(hex));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toBe('bad-payload');
  });

  it('encodes ACK and ERROR payloads', () => {
    expect(hexOf(encodeControlAck())).toBe('01');
    expect(hexOf(encodeControlError(ControlErrorCode.sequence))).toBe('0F 01');
    expect(hexOf(encodeControlError(ControlErrorCode.message))).toBe('0F 02');
    expect(() => encodeControlError(0x100)).toThrow(RangeError);
    expect(hexOf(encodeViscaIp({ type: PayloadType.controlReply, sequence: 9, payload: encodeControlError(1) }))).toBe(
      '02 01 00 02 00 00 00 09 0F 01',
    );
  });
});

describe('sequence numbers and payload types', () => {
  it('increments and wraps 0xFFFFFFFF → 0', () => {
    expect(nextSequence(0)).toBe(1);
    expect(nextSequence(41)).toBe(42);
    expect(nextSequence(0xfffffffe)).toBe(0xffffffff);
    expect(nextSequence(0xffffffff)).toBe(0);
    expect(() => nextSequence(-1)).toThrow(RangeError);
    expect(() => nextSequence(2 ** 32)).toThrow(RangeError);
    expect(() => nextSequence(1.5)).toThrow(RangeError);
  });

  it('picks 0x0110 for inquiries (byte 1 = 09) and 0x0100 otherwise', () => {
    expect(payloadTypeFor(encodeInquiry(1, 'power'))).toBe(0x0110);
    expect(payloadTypeFor(encodeCommand(1, { kind: 'pan-tilt-home' }))).toBe(0x0100);
    expect(payloadTypeFor(bytes('81 21 FF'))).toBe(0x0100);
    expect(payloadTypeFor(new Uint8Array(0))).toBe(0x0100);
  });
});
