import { describe, expect, it, vi } from 'vitest';
import {
  decodeIpSetupMessage,
  encodeInquiry,
  encodeNetworkSetting,
  type IpSetupMessage,
} from '../devices/protocols/sony-ip-setup';
import { IpSetupCameraLogic, type IpSetupAddress } from './ip-setup-responder';

const MAC = '02:00:5e:10:00:09';
const STATE = {
  mac: MAC,
  ip: '203.0.113.68',
  mask: '255.255.255.0',
  gateway: '0.0.0.0',
  name: 'CAM',
  model: 'SRG-X400',
  softVersion: '1.00.00',
  writable: true,
};
const setting = (ip: string, mac = MAC) =>
  encodeNetworkSetting({ mac, ip, mask: '255.255.255.0', gateway: '0.0.0.0', name: 'NEW' });
const decode = (b: Uint8Array | null): IpSetupMessage | null => (b ? decodeIpSetupMessage(b) : null);

function logic(
  opts: {
    applyWindowMs?: number;
    applyDelayMs?: number;
    writable?: boolean;
    dropSettingReplies?: number;
    resendReply?: 'ack' | 'nak';
  } = {},
) {
  let now = 0;
  const applied: IpSetupAddress[] = [];
  const l = new IpSetupCameraLogic(
    { ...STATE, writable: opts.writable ?? true },
    { ...opts, now: () => now, applyAddress: (a) => void applied.push(a) },
  );
  return { l, applied, advance: (ms: number) => (now += ms) };
}

describe('IP-setup camera logic (simulator side)', () => {
  it('answers the inquiry with its info', () => {
    expect(decode(logic().l.handle(encodeInquiry()))).toEqual({ kind: 'info', ...STATE, extra: {} });
  });

  it('ignores settings for other MACs, its own replies and garbage', () => {
    const { l } = logic();
    expect(l.handle(setting('198.51.100.60', '02:00:5e:10:00:08'))).toBeNull();
    expect(l.handle(l.handle(encodeInquiry())!)).toBeNull();
    expect(l.handle(Uint8Array.from([1, 2, 3]))).toBeNull();
  });

  it('fault: loses the first reply but takes the setting; strict firmware NAKs its repeat', async () => {
    const { l, applied } = logic({ dropSettingReplies: 1, resendReply: 'nak' });
    expect(l.handle(setting('198.51.100.60'))).toBeNull();
    await l.applying;
    expect(applied).toEqual([{ ip: '198.51.100.60', mask: '255.255.255.0', gateway: '0.0.0.0', name: 'NEW' }]);
    expect(decode(l.handle(setting('198.51.100.60')))).toEqual({
      kind: 'nak',
      mac: MAC,
      detail: 'busy applying a setting',
    });
    // By default the same setting again is acknowledged again.
    const lenient = logic({ dropSettingReplies: 1 }).l;
    expect(lenient.handle(setting('198.51.100.60'))).toBeNull();
    expect(decode(lenient.handle(setting('198.51.100.60')))).toEqual({ kind: 'ack', mac: MAC, detail: null });
  });

  it('ACKs a setting, applies it after the delay, then reports the new address', async () => {
    vi.useFakeTimers();
    try {
      const { l, applied } = logic({ applyDelayMs: 1000 });
      expect(decode(l.handle(setting('198.51.100.60')))).toEqual({ kind: 'ack', mac: MAC, detail: null });
      expect(applied).toEqual([]);
      await vi.advanceTimersByTimeAsync(1000);
      await l.applying;
      expect(applied).toEqual([{ ip: '198.51.100.60', mask: '255.255.255.0', gateway: '0.0.0.0', name: 'NEW' }]);
      expect(decode(l.handle(encodeInquiry()))).toMatchObject({ ip: '198.51.100.60', name: 'NEW' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('re-ACKs the same setting but NAKs a different one inside the apply window, and accepts after it', () => {
    const { l, advance } = logic({ applyWindowMs: 30_000 });
    expect(decode(l.handle(setting('198.51.100.60')))?.kind).toBe('ack');
    expect(decode(l.handle(setting('198.51.100.60')))?.kind).toBe('ack');
    expect(decode(l.handle(setting('198.51.100.61')))).toEqual({
      kind: 'nak',
      mac: MAC,
      detail: 'busy applying a setting',
    });
    advance(30_000);
    expect(decode(l.handle(setting('198.51.100.61')))?.kind).toBe('ack');
    l.dispose();
  });

  it('NAKs every setting while WRITE is off', () => {
    const { l, applied } = logic({ writable: false });
    expect(decode(l.handle(setting('198.51.100.60')))).toEqual({ kind: 'nak', mac: MAC, detail: 'WRITE off' });
    expect(applied).toEqual([]);
  });
});
