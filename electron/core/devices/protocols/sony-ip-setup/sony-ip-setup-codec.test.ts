import { describe, expect, it } from 'vitest';
import {
  IpSetupFormatError,
  decodeIpSetupMessage,
  encodeInfo,
  encodeInquiry,
  encodeNetworkSetting,
  encodeSettingReply,
  tryDecodeIpSetupMessage,
} from '.';

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
const frame = (...fields: string[]): Uint8Array =>
  Uint8Array.from([0x02, ...fields.flatMap((f) => [...ascii(f), 0xff]), 0x03]);
const reason = (bytes: Uint8Array): string => {
  const r = tryDecodeIpSetupMessage(bytes);
  return r.ok ? 'ok' : r.error.reason;
};

describe('Sony IP-setup codec (reference §6)', () => {
  it('encodes the inquiry as 02 "ENQ:network" FF 03', () => {
    expect(Array.from(encodeInquiry())).toEqual([0x02, ...ascii('ENQ:network'), 0xff, 0x03]);
    expect(decodeIpSetupMessage(encodeInquiry())).toEqual({ kind: 'inquiry' });
  });

  it('decodes an inquiry reply with every documented key and keeps unknown ones', () => {
    const bytes = frame(
      'MAC:08-00-46-AA-BB-CC',
      'INFO:network',
      'MODEL:IPCARD',
      'SOFTVERSION:2.10.00',
      'IPADR:192.168.0.100',
      'MASK:255.255.255.0',
      'GATEWAY:192.168.0.254',
      'NAME:CAM1',
      'WRITE:on',
    );
    expect(decodeIpSetupMessage(bytes)).toEqual({
      kind: 'info',
      mac: '08:00:46:aa:bb:cc',
      model: 'IPCARD',
      softVersion: '2.10.00',
      ip: '192.168.0.100',
      mask: '255.255.255.0',
      gateway: '192.168.0.254',
      name: 'CAM1',
      writable: true,
      extra: { INFO: 'network' },
    });
  });

  it('tolerates missing keys (SRG-120DH sends no GATEWAY) and WRITE:off', () => {
    const m = decodeIpSetupMessage(frame('MAC:08-00-46-aa-bb-cc', 'MODEL:SRG-120DH', 'IPADR:192.0.2.5', 'WRITE:off'));
    expect(m).toMatchObject({
      kind: 'info',
      gateway: null,
      mask: null,
      name: null,
      softVersion: null,
      writable: false,
    });
  });

  it('encodes a network setting by MAC and decodes it back', () => {
    const bytes = encodeNetworkSetting({
      mac: '02:00:5e:00:53:01',
      ip: '198.51.100.60',
      mask: '255.255.255.0',
      gateway: '0.0.0.0',
      name: 'CAM 2',
    });
    expect(bytes).toEqual(
      frame('MAC:02-00-5E-00-53-01', 'IPADR:198.51.100.60', 'MASK:255.255.255.0', 'GATEWAY:0.0.0.0', 'NAME:CAM 2'),
    );
    expect(decodeIpSetupMessage(bytes)).toEqual({
      kind: 'setting',
      mac: '02:00:5e:00:53:01',
      ip: '198.51.100.60',
      mask: '255.255.255.0',
      gateway: '0.0.0.0',
      name: 'CAM 2',
    });
  });

  it('refuses names longer than 8 or with other characters, and bad addresses', () => {
    const base = { mac: '02:00:5e:00:53:01', ip: '198.51.100.60', mask: '255.255.255.0', gateway: '0.0.0.0' };
    expect(() => encodeNetworkSetting({ ...base, name: 'NINECHARS' })).toThrow(/at most 8/);
    expect(() => encodeNetworkSetting({ ...base, name: 'CAM-1' })).toThrow(IpSetupFormatError);
    expect(() => encodeNetworkSetting({ ...base, name: 'x', ip: '198.51.100.256' })).toThrow(/not an IPv4/);
    expect(() => encodeNetworkSetting({ ...base, name: 'x', mac: '02:00:5e:00:53' })).toThrow(/not a MAC/);
  });

  it('decodes ACK and NAK with the MAC and an optional detail', () => {
    expect(decodeIpSetupMessage(frame('ACK:02-00-5E-00-53-01'))).toEqual({
      kind: 'ack',
      mac: '02:00:5e:00:53:01',
      detail: null,
    });
    expect(decodeIpSetupMessage(encodeSettingReply('nak', '02:00:5e:00:53:01', 'busy applying'))).toEqual({
      kind: 'nak',
      mac: '02:00:5e:00:53:01',
      detail: 'busy applying',
    });
  });

  it('round-trips an info reply built by the simulator side', () => {
    const info = {
      mac: '02:00:5e:00:53:07',
      model: 'SRG-X400',
      softVersion: '1.00',
      ip: '203.0.113.68',
      mask: '255.255.255.0',
      gateway: null,
      name: 'LAB',
      writable: true,
    };
    expect(decodeIpSetupMessage(encodeInfo(info))).toEqual({ kind: 'info', ...info, extra: {} });
  });

  it('returns unknown for frames without a MAC', () => {
    expect(decodeIpSetupMessage(frame('FOO:bar', 'plain'))).toEqual({
      kind: 'unknown',
      fields: [
        ['FOO', 'bar'],
        ['', 'plain'],
      ],
    });
  });

  it('names what is wrong with a malformed frame', () => {
    expect(reason(new Uint8Array())).toBe('empty');
    expect(reason(Uint8Array.from([...ascii('ENQ:network'), 0xff, 0x03]))).toBe('no-stx');
    expect(reason(Uint8Array.from([0x02, ...ascii('ENQ:network'), 0xff]))).toBe('no-etx');
    expect(reason(Uint8Array.from([0x02, ...ascii('ENQ:network'), 0x03]))).toBe('missing-ff');
    expect(reason(Uint8Array.from([0x02, 0xc3, 0xa9, 0xff, 0x03]))).toBe('non-ascii');
    expect(reason(Uint8Array.from([0x02, 0x03]))).toBe('bad-field');
    expect(reason(frame('MAC:zz-00-5E-00-53-01', 'MODEL:X'))).toBe('bad-mac');
    expect(reason(frame('MAC:02-00-5E-00-53-01', 'MODEL:X', 'IPADR:1.2.3'))).toBe('bad-ip');
    expect(reason(new Uint8Array(2000))).toBe('too-long');
    expect(() => decodeIpSetupMessage(Uint8Array.from([0x02, 0x03]))).toThrow(/Sony IP-setup: frame has no fields/);
  });
});
