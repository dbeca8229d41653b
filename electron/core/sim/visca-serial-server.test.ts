// The serial chain server over an in-memory duplex pair, with fake time: daisy-chained addresses,
// broadcasts, wire pacing at 9600 baud, backpressure, resync after garbage, and faults.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ViscaFramer,
  encodeAddressSet,
  encodeCommand,
  encodeIfClearBroadcast,
  encodeInquiry,
  type ViscaAddress,
} from '../devices/protocols/visca';
import { bytes, hexOf } from '../devices/protocols/visca/test-hex';
import { simClock } from './sim-clock';
import { memoryDuplex } from './test-duplex';
import { VIDEO_CYCLE_MS } from './visca-engine';
import { startViscaSerialServer, type ViscaSerialServerOptions } from './visca-serial-server';
import { startSerialSimulator } from './serial-simulator';

const BYTE_MS_9600 = 10_000 / 9600;

function rig(opts: Partial<ViscaSerialServerOptions> = {}) {
  const t0 = Date.now();
  const pair = memoryDuplex();
  const now = (): number => Date.now();
  const server = startViscaSerialServer({
    endpoint: pair.b,
    addresses: 3,
    baudRate: 9600,
    now,
    clock: simClock(now),
    ...opts,
  });
  // The controller's side: frame what comes back.
  const framer = new ViscaFramer();
  const got: Array<{ t: number; hex: string }> = [];
  pair.a.onData((chunk) => {
    for (const r of framer.push(chunk)) if (r.ok) got.push({ t: Date.now() - t0, hex: hexOf(r.value) });
  });
  const send = (b: Uint8Array): Promise<void> => pair.a.write(b);
  return { t0, pair, server, got, send, hexes: () => got.map((g) => g.hex) };
}

describe('VISCA serial chain server (in-memory line, fake time)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('drives three daisy-chained cameras independently, replies from each address on the one line', async () => {
    const r = rig();
    const drive = (address: ViscaAddress, pan: 'left' | 'right' | 'stop', tilt: 'up' | 'stop') =>
      encodeCommand(address, { kind: 'pan-tilt-drive', pan, tilt, panSpeed: 0x18, tiltSpeed: 0x17 });
    await r.send(drive(1, 'right', 'stop'));
    await r.send(drive(3, 'stop', 'up'));
    await vi.advanceTimersByTimeAsync(200);
    expect(r.hexes()).toEqual(['90 41 FF', '90 51 FF', 'B0 41 FF', 'B0 51 FF']);
    await vi.advanceTimersByTimeAsync(500);
    const [c1, c2, c3] = r.server.cameras.map((c) => c.snapshot());
    expect(c1!.panDeg).toBeGreaterThan(40);
    expect(c1!.tiltDeg).toBe(0);
    expect(c2!.moving).toBe(false);
    expect(c3!.tiltDeg).toBeGreaterThan(20);
    expect(c3!.panDeg).toBe(0);
    // Nobody holds address 5: no answer, as on a real line.
    await r.send(encodeInquiry(5, 'power'));
    await vi.advanceTimersByTimeAsync(200);
    expect(r.got).toHaveLength(4);
    expect(r.server.chain.counters.unroutable).toBe(1);
    await r.server.close();
  });

  it('answers AddressSet with 88 30 0w FF, renumbers the chain, and echoes IF_Clear broadcast', async () => {
    const r = rig();
    await r.send(encodeAddressSet());
    await vi.advanceTimersByTimeAsync(200);
    expect(r.hexes()).toEqual(['88 30 04 FF']);
    await r.send(encodeAddressSet(5));
    await r.send(encodeIfClearBroadcast());
    await r.send(encodeInquiry(7, 'power'));
    await r.send(encodeInquiry(1, 'power'));
    await vi.advanceTimersByTimeAsync(300);
    expect(r.hexes().slice(1).sort()).toEqual(['88 01 00 01 FF', '88 30 08 FF', 'F0 50 02 FF'].sort());
    expect(r.server.chain.units.map((u) => u.engine.address)).toEqual([5, 6, 7]);
    // The broadcasts took one cycle per camera to come back.
    const addressSet = r.got.find((g) => g.hex === '88 30 04 FF')!;
    expect(addressSet.t).toBeGreaterThanOrEqual(3 * VIDEO_CYCLE_MS);
    await r.server.close();
  });

  it('takes bytes off the wire no faster than 9600 baud: 100 bytes need ≥ 104 ms', async () => {
    const r = rig({ addresses: 1 });
    const burst = new Uint8Array(100);
    for (let i = 0; i < 20; i++) burst.set(encodeInquiry(1, 'power'), i * 5);
    await r.send(burst);
    await vi.advanceTimersByTimeAsync(50);
    // About 48 bytes (9 whole packets) in 50 ms; certainly not all 20.
    expect(r.server.received.length).toBeLessThanOrEqual(9);
    await vi.advanceTimersByTimeAsync(100);
    expect(r.server.received).toHaveLength(20);
    const last = r.server.received[19]!.wireAt - r.t0;
    expect(last).toBeGreaterThanOrEqual(104);
    expect(last).toBeCloseTo(100 * BYTE_MS_9600, 3);
    // Each packet's last byte is 5 byte times after the previous one's.
    const gaps = r.server.received.slice(1).map((f, i) => f.wireAt - r.server.received[i]!.wireAt);
    for (const g of gaps) expect(g).toBeCloseTo(5 * BYTE_MS_9600, 3);
    await r.server.close();
  });

  it('pauses the endpoint when its backlog grows, so the sender backs up, and resumes as it drains', async () => {
    const r = rig({ addresses: 1, pauseAt: 32, resumeAt: 8 });
    const burst = new Uint8Array(40);
    for (let i = 0; i < 8; i++) burst.set(encodeInquiry(1, 'power'), i * 5);
    await r.send(burst);
    expect(r.pair.b.paused).toBe(true);
    await r.send(burst);
    // The second burst waits in the "OS buffer", not in the server.
    expect(r.pair.b.pendingBytes).toBe(40);
    await vi.advanceTimersByTimeAsync(200);
    expect(r.server.counters.pauses).toBeGreaterThanOrEqual(1);
    expect(r.server.counters.resumes).toBeGreaterThanOrEqual(1);
    expect(r.server.received).toHaveLength(16);
    expect(r.server.counters.overruns).toBe(0);
    await r.server.close();
  });

  it('without pause support, drops what exceeds its backlog as an overrun', async () => {
    const pair = memoryDuplex();
    const now = (): number => Date.now();
    const server = startViscaSerialServer({
      endpoint: { write: pair.b.write, onData: pair.b.onData },
      addresses: 1,
      clock: simClock(now),
      now,
      maxBacklog: 10,
    });
    await pair.a.write(new Uint8Array(25).fill(0x01));
    expect(server.counters.overruns).toBe(15);
    await server.close();
  });

  it('resynchronises on FF after garbage between frames', async () => {
    const r = rig();
    await r.send(bytes('81 09 04 00 FF 12 34 FF 00 A5 3C 82 09 04 00 FF 7F 83 09 04 00 FF'));
    await vi.advanceTimersByTimeAsync(300);
    expect(r.hexes()).toEqual(['90 50 02 FF', 'A0 50 02 FF', 'B0 50 02 FF']);
    // `12 34 FF 00` is noise outside any packet; A5 starts a bogus packet that the 82 header cuts short;
    // 7F before 83 is noise again. Every real packet still gets through.
    expect(r.server.counters.framingErrors).toBeGreaterThanOrEqual(3);
    expect(r.server.received.map((f) => f.address)).toEqual([1, 2, 3]);
    await r.server.close();
  });

  it('serialises replies on the line at wire speed', async () => {
    const r = rig();
    for (const a of [1, 2, 3] as const) await r.send(encodeInquiry(a, 'pan-tilt-position'));
    await vi.advanceTimersByTimeAsync(300);
    expect(r.hexes()).toEqual([
      '90 50 00 00 00 00 00 00 00 00 FF',
      'A0 50 00 00 00 00 00 00 00 00 FF',
      'B0 50 00 00 00 00 00 00 00 00 FF',
    ]);
    const writes = r.pair.b.writes;
    expect(writes).toHaveLength(3);
    for (let i = 1; i < writes.length; i++)
      expect(writes[i]!.t - writes[i - 1]!.t).toBeGreaterThanOrEqual(Math.floor(11 * BYTE_MS_9600));
    await r.server.close();
  });

  it('faults: loss drops frames, unplug silences the line, garbage is injected, reboot clears sockets', async () => {
    const r = rig({ addresses: 1 });
    r.server.faults.set({ lossIn: 1 });
    await r.send(encodeInquiry(1, 'power'));
    await vi.advanceTimersByTimeAsync(100);
    expect(r.got).toEqual([]);
    expect(r.server.received[0]!.dropped).toBe(true);
    r.server.faults.set({ lossIn: 0 });
    r.server.unplug();
    await r.send(encodeInquiry(1, 'power'));
    await vi.advanceTimersByTimeAsync(100);
    expect(r.got).toEqual([]);
    r.server.replug();
    r.server.faults.set({ garbage: 1, garbageMaxBytes: 4 });
    await r.send(encodeInquiry(1, 'power'));
    await vi.advanceTimersByTimeAsync(100);
    expect(r.hexes()).toEqual(['90 50 02 FF']);
    expect(r.server.faults.counters.garbageInjections).toBe(1);
    r.server.faults.set({ garbage: 0 });
    await r.send(encodeCommand(1, { kind: 'pan-tilt-home' }));
    await r.send(encodeCommand(1, { kind: 'pan-tilt-absolute', pan: 0x2000, tilt: 0, panSpeed: 1, tiltSpeed: 1 }));
    await vi.advanceTimersByTimeAsync(100);
    r.server.reboot();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(r.hexes().slice(1)).toEqual(['90 41 FF', '90 51 FF', '90 41 FF']);
    r.server.announceNetworkChange();
    await vi.advanceTimersByTimeAsync(20);
    expect(r.hexes().at(-1)).toBe('90 38 FF');
    await r.server.close();
  });

  it('startSerialSimulator makes the chain from a count and rejects bad ones', async () => {
    const pair = memoryDuplex();
    const sim = await startSerialSimulator({ endpoint: pair.b, addresses: 7, baudRate: 38400 });
    expect(sim.cameras).toHaveLength(7);
    expect(sim.server.baudRate).toBe(38400);
    await sim.close();
    await sim.close();
    await expect(startSerialSimulator({ endpoint: pair.b, addresses: 8 })).rejects.toThrow(RangeError);
    await expect(startSerialSimulator({ endpoint: pair.b, baudRate: 12.5 })).rejects.toThrow(/baud/);
  });
});
