// Fault switches in isolation (seeded random, fake timers), then on the VISCA-over-IP server.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PayloadType, encodeReset, encodeViscaIp, payloadTypeFor } from '../devices/protocols/visca-ip';
import { encodeCommand, encodeInquiry, type ViscaCommand } from '../devices/protocols/visca';
import { hexOf } from '../devices/protocols/visca/test-hex';
import { SimCamera } from './camera-model';
import { Faults, NO_FAULTS } from './faults';
import { simClock } from './sim-clock';
import { UdpTestClient } from './test-udp-client';
import { startViscaIpServer, type ViscaIpServer } from './visca-ip-server';

/** mulberry32: a seeded PRNG so loss statistics reproduce. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Faults', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes everything when off', () => {
    const f = new Faults();
    expect(f.settings).toEqual(NO_FAULTS);
    let n = 0;
    for (let i = 0; i < 100; i++) expect(f.inbound(() => n++)).toBe(true);
    expect(n).toBe(100);
    expect(f.garbageBytes()).toBeNull();
  });

  it('drops about the configured share each way, independently', () => {
    const f = new Faults({ lossIn: 0.25, lossOut: 0.5 }, { random: seeded(7) });
    let inn = 0;
    let out = 0;
    for (let i = 0; i < 4000; i++) {
      f.inbound(() => inn++);
      f.outbound(() => out++);
    }
    expect(inn / 4000).toBeGreaterThan(0.72);
    expect(inn / 4000).toBeLessThan(0.78);
    expect(out / 4000).toBeGreaterThan(0.47);
    expect(out / 4000).toBeLessThan(0.53);
    expect(f.counters.droppedIn + inn).toBe(4000);
    expect(f.counters.droppedOut + out).toBe(4000);
  });

  it('delays in order, and loses what is in flight when unplugged', () => {
    const f = new Faults({ delayInMs: 30, delayOutMs: 10 }, { clock: simClock(() => Date.now()) });
    const seen: string[] = [];
    f.inbound(() => seen.push('in-1'));
    f.outbound(() => seen.push('out-1'));
    f.inbound(() => seen.push('in-2'));
    vi.advanceTimersByTime(10);
    expect(seen).toEqual(['out-1']);
    vi.advanceTimersByTime(20);
    expect(seen).toEqual(['out-1', 'in-1', 'in-2']);
    f.inbound(() => seen.push('lost'));
    f.setPlugged(false);
    vi.advanceTimersByTime(100);
    expect(f.inbound(() => seen.push('lost too'))).toBe(false);
    expect(seen).toHaveLength(3);
    expect(f.counters.droppedUnplugged).toBe(2);
    f.setPlugged(true);
    f.set({ delayInMs: 0 });
    f.inbound(() => seen.push('back'));
    expect(seen.at(-1)).toBe('back');
  });

  it('makes garbage of 1…max bytes at the configured rate', () => {
    const f = new Faults({ garbage: 1, garbageMaxBytes: 5 }, { random: seeded(3) });
    const lengths = new Set<number>();
    for (let i = 0; i < 200; i++) lengths.add(f.garbageBytes()!.length);
    expect([...lengths].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(f.counters.garbageInjections).toBe(200);
  });

  it('validates switches and leaves them unchanged on a bad one', () => {
    const f = new Faults({ lossIn: 0.1 });
    expect(() => f.set({ lossOut: 1.5 })).toThrow(RangeError);
    expect(() => f.set({ delayInMs: -1 })).toThrow(RangeError);
    expect(() => f.set({ garbageMaxBytes: 0 })).toThrow(RangeError);
    expect(() => new Faults({ garbage: Number.NaN })).toThrow(RangeError);
    expect(f.settings.lossIn).toBe(0.1);
    expect(f.settings.lossOut).toBe(0);
  });
});

describe('faults on the VISCA-over-IP server', () => {
  const RIGHT: ViscaCommand = { kind: 'pan-tilt-drive', pan: 'right', tilt: 'stop', panSpeed: 2, tiltSpeed: 1 };
  const command = (sequence: number, cmd: ViscaCommand): Uint8Array => {
    const payload = encodeCommand(1, cmd);
    return encodeViscaIp({ type: payloadTypeFor(payload), sequence, payload });
  };
  const inquiry = (sequence: number): Uint8Array =>
    encodeViscaIp({ type: PayloadType.inquiry, sequence, payload: encodeInquiry(1, 'power') });
  let server: ViscaIpServer;
  let client: UdpTestClient;
  afterEach(async () => {
    await client.close();
    await server.close();
  });

  it('loss drops datagrams the camera never sees, counted on both sides', async () => {
    server = await startViscaIpServer({ camera: new SimCamera(), faults: { lossIn: 1 } });
    client = await UdpTestClient.open();
    await client.send(inquiry(1), server.port);
    await expect.poll(() => server.faults.counters.droppedIn).toBe(1);
    server.faults.set({ lossIn: 0, lossOut: 1 });
    await client.send(inquiry(2), server.port);
    await expect.poll(() => server.faults.counters.droppedOut).toBe(1);
    server.faults.set({ lossOut: 0 });
    // Loopback keeps order: the first reply to arrive answers seq 3, so 1 and 2 got nothing.
    expect((await client.exchange(inquiry(3), server.port)).map(hexOf)).toEqual([
      '01 11 00 04 00 00 00 03 90 50 02 FF',
    ]);
    expect(server.counters).toMatchObject({ droppedIn: 1, droppedOut: 1, inquiriesAnswered: 2 });
  });

  it('reboot resets sequence tracking: a rebooted camera accepts any number (Sony), a running one refuses old ones', async () => {
    server = await startViscaIpServer({ camera: new SimCamera() });
    client = await UdpTestClient.open();
    await client.exchange(encodeReset(), server.port);
    expect(await client.exchange(command(100, RIGHT), server.port, 2)).toHaveLength(2);
    expect((await client.exchange(command(5, RIGHT), server.port)).map(hexOf)).toEqual([
      '02 01 00 02 00 00 00 05 0F 01',
    ]);
    server.reboot();
    expect((await client.exchange(command(5, RIGHT), server.port, 2)).map(hexOf)).toEqual([
      '01 11 00 03 00 00 00 05 90 41 FF',
      '01 11 00 03 00 00 00 05 90 51 FF',
    ]);
    expect(server.counters.sequenceErrors).toBe(1);
  });

  it('unplug silences the camera both ways until replug', async () => {
    server = await startViscaIpServer({ camera: new SimCamera() });
    client = await UdpTestClient.open();
    server.unplug();
    await client.send(inquiry(1), server.port);
    await expect.poll(() => server.faults.counters.droppedUnplugged).toBe(1);
    server.replug();
    expect((await client.exchange(inquiry(2), server.port)).map(hexOf)).toEqual([
      '01 11 00 04 00 00 00 02 90 50 02 FF',
    ]);
  });

  it('delay holds replies back by the configured time', async () => {
    server = await startViscaIpServer({ camera: new SimCamera(), faults: { delayOutMs: 80 } });
    client = await UdpTestClient.open();
    const t = performance.now();
    await client.exchange(inquiry(1), server.port);
    expect(performance.now() - t).toBeGreaterThanOrEqual(79);
  });
});
