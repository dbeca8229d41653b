// The camera engine's timing under fake timers: one message per video cycle, ACK at the next cycle,
// completions on arrival, two sockets, buffer full, cancel, and inquiries without sockets.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  VISCA_VARIANTS,
  encodeCancel,
  encodeCommand,
  encodeInquiry,
  type ViscaCommand,
} from '../devices/protocols/visca';
import { bytes, hexOf } from '../devices/protocols/visca/test-hex';
import { SimCamera, UNITS_PER_DEGREE } from './camera-model';
import { simClock } from './sim-clock';
import { VIDEO_CYCLE_MS, ViscaEngine, type EngineOutcome, type ViscaEngineOptions } from './visca-engine';

const P = VIDEO_CYCLE_MS;
const u = UNITS_PER_DEGREE;
/** A move that takes ~40 s (to +170° at the slowest pan speed). */
const LONG_MOVE: ViscaCommand = { kind: 'pan-tilt-absolute', pan: 170 * u, tilt: 0, panSpeed: 1, tiltSpeed: 1 };
const RIGHT: ViscaCommand = { kind: 'pan-tilt-drive', pan: 'right', tilt: 'stop', panSpeed: 0x18, tiltSpeed: 1 };

interface Reply {
  t: number;
  hex: string;
}

function rig(opts: Partial<ViscaEngineOptions> = {}) {
  const t0 = Date.now();
  const camera = new SimCamera({ now: () => Date.now() });
  const engine = new ViscaEngine({ camera, clock: simClock(() => Date.now()), ...opts });
  const replies: Reply[] = [];
  const outcomes: EngineOutcome[] = [];
  const submit = (packet: Uint8Array): void =>
    engine.submit({
      packet,
      reply: (b) => replies.push({ t: Date.now() - t0, hex: hexOf(b) }),
      onOutcome: (o) => outcomes.push(o),
    });
  const cmd = (c: ViscaCommand): void => submit(encodeCommand(1, c));
  const hexes = (): string[] => replies.map((r) => r.hex);
  return { t0, camera, engine, replies, outcomes, submit, cmd, hexes };
}

describe('ViscaEngine (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('processes one message per video cycle and replies at the next cycle', () => {
    const r = rig();
    for (const inq of ['power', 'zoom-position', 'ae-mode'] as const) r.submit(encodeInquiry(1, inq));
    expect(r.engine.queued).toBe(3);
    vi.advanceTimersByTime(Math.ceil(P));
    // First cycle: one message taken, nothing sent yet.
    expect(r.engine.queued).toBe(2);
    expect(r.replies).toEqual([]);
    vi.advanceTimersByTime(5 * P);
    expect(r.hexes()).toEqual(['90 50 02 FF', '90 50 00 00 00 00 FF', '90 50 00 FF']);
    const times = r.replies.map((x) => x.t);
    // Cycle 2, 3, 4: one reply per cycle, a cycle apart.
    expect(times[0]).toBeGreaterThanOrEqual(2 * P);
    expect(times[0]).toBeLessThan(3 * P);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(P - 1);
    const processed = r.engine.received.map((x) => x.processedAt! - r.t0);
    expect(new Set(processed.map((t) => Math.floor(t / (P - 1)))).size).toBe(3);
    // Idle again: no cycles run while there is nothing to do.
    const cycles = r.engine.counters.cycles;
    vi.advanceTimersByTime(1000);
    expect(r.engine.counters.cycles).toBe(cycles);
  });

  it('sends the ACK one cycle after processing, and a continuous drive completes right after it', () => {
    const r = rig();
    r.cmd(RIGHT);
    vi.advanceTimersByTime(Math.ceil(P));
    expect(r.engine.received[0]!.processedAt).not.toBeNull();
    expect(r.camera.snapshot().moving).toBe(true);
    expect(r.replies).toEqual([]);
    vi.advanceTimersByTime(Math.ceil(P));
    expect(r.hexes()).toEqual(['90 41 FF', '90 51 FF']);
    expect(r.replies[0]!.t).toBe(r.replies[1]!.t);
    expect(r.outcomes).toEqual([{ kind: 'accepted', socket: 1, command: RIGHT }]);
    expect(r.engine.busySockets).toEqual([]);
  });

  it('completes an absolute move at the first cycle after the head arrives', () => {
    const r = rig();
    // +10° at 100 °/s: 100 ms of travel after processing.
    r.cmd({ kind: 'pan-tilt-absolute', pan: 10 * u, tilt: 0, panSpeed: 0x18, tiltSpeed: 0x17 });
    vi.advanceTimersByTime(3 * P);
    expect(r.hexes()).toEqual(['90 41 FF']);
    expect(r.engine.busySockets).toEqual([1]);
    vi.advanceTimersByTime(200);
    expect(r.hexes()).toEqual(['90 41 FF', '90 51 FF']);
    const processedAt = r.engine.received[0]!.processedAt! - r.t0;
    const done = r.replies[1]!.t;
    expect(done).toBeGreaterThanOrEqual(processedAt + 100);
    expect(done).toBeLessThanOrEqual(processedAt + 100 + P + 1);
    expect(r.camera.snapshot().panDeg).toBe(10);
    expect(r.engine.received[0]!.completedAt).not.toBeNull();
  });

  it('answers buffer full to a flood of three commands while two absolute moves hold both sockets', () => {
    const r = rig();
    r.cmd(LONG_MOVE);
    r.cmd({ ...LONG_MOVE, pan: -170 * u, tilt: 90 * u });
    vi.advanceTimersByTime(4 * P);
    expect(r.hexes()).toEqual(['90 41 FF', '90 42 FF']);
    r.cmd(RIGHT);
    r.cmd({ kind: 'zoom-drive', direction: 'tele', speed: 3 });
    r.cmd({ kind: 'pan-tilt-home' });
    vi.advanceTimersByTime(5 * P);
    expect(r.hexes().slice(2)).toEqual(['90 60 03 FF', '90 60 03 FF', '90 60 03 FF']);
    expect(r.engine.counters.bufferFull).toBe(3);
    expect(r.engine.counters.queueOverflows).toBe(0);
    // Nothing the refused commands asked for happened.
    expect(r.camera.snapshot().zoomVelocity).toBe(0);
  });

  it('refuses at once with buffer full when the input queue overflows', () => {
    const r = rig({ inputQueueDepth: 4 });
    for (let i = 0; i < 6; i++) r.submit(encodeInquiry(1, 'power'));
    expect(r.hexes()).toEqual(['90 60 03 FF', '90 60 03 FF']);
    expect(r.engine.counters.queueOverflows).toBe(2);
    vi.advanceTimersByTime(10 * P);
    expect(r.hexes().filter((h) => h === '90 50 02 FF')).toHaveLength(4);
  });

  it('cancels a running move with 6z 04 and no completion; an empty socket answers 6z 05', () => {
    const r = rig();
    r.cmd(LONG_MOVE);
    vi.advanceTimersByTime(2 * P + 300);
    const movedTo = r.camera.snapshot().panDeg;
    expect(movedTo).toBeGreaterThan(0);
    r.submit(encodeCancel(1, 1));
    r.submit(encodeCancel(1, 2));
    vi.advanceTimersByTime(60_000);
    expect(r.hexes()).toEqual(['90 41 FF', '90 61 04 FF', '90 62 05 FF']);
    expect(r.camera.snapshot().moving).toBe(false);
    expect(r.camera.snapshot().panDeg).toBeLessThan(movedTo + 1);
    expect(r.engine.counters).toMatchObject({ cancelled: 1, noSocket: 1, completions: 0 });
    expect(r.outcomes.slice(1)).toEqual([
      { kind: 'cancel', socket: 1, result: 'cancelled' },
      { kind: 'cancel', socket: 2, result: 'no-socket' },
    ]);
  });

  it('answers inquiries and IF_Clear without a socket while both are busy', () => {
    const r = rig();
    r.cmd(LONG_MOVE);
    r.cmd({ ...LONG_MOVE, tilt: 45 * u });
    r.submit(encodeInquiry(1, 'power'));
    r.submit(encodeInquiry(1, 'pan-tilt-status'));
    vi.advanceTimersByTime(6 * P);
    expect(r.hexes()).toEqual(['90 41 FF', '90 42 FF', '90 50 02 FF', '90 50 24 00 FF']);
    // IF_Clear empties both sockets (no completions follow), then a new command gets socket 1.
    r.submit(bytes('81 01 00 01 FF'));
    r.cmd(RIGHT);
    vi.advanceTimersByTime(60_000);
    expect(r.hexes().slice(4)).toEqual(['90 50 FF', '90 41 FF', '90 51 FF']);
    expect(r.engine.counters.completions).toBe(1);
  });

  it('names the socket of a not-executable command and uses socket 0 for syntax and message length', () => {
    const r = rig();
    r.cmd({ kind: 'iris-direct', position: 5 }); // full auto: not executable
    r.submit(bytes('81 01 04 5F 02 FF')); // unknown
    r.submit(bytes('81 01 06 02 01 01 00 00 00 00 00 00 00 00 00 00 FF')); // 17 bytes to a 16-bit camera
    r.submit(bytes('82 09 04 00 FF')); // another address
    vi.advanceTimersByTime(6 * P);
    expect(r.hexes()).toEqual(['90 61 41 FF', '90 60 02 FF', '90 60 01 FF', '90 60 02 FF']);
    expect(r.engine.counters).toMatchObject({ notExecutable: 1, syntaxErrors: 2, messageLengthErrors: 1 });
  });

  it('answers from its own address and can be re-addressed', () => {
    const r = rig({ address: 3 });
    const inq = new Uint8Array(encodeInquiry(3, 'power'));
    r.submit(inq);
    vi.advanceTimersByTime(3 * P);
    r.engine.setAddress(5);
    r.submit(encodeInquiry(5, 'power'));
    vi.advanceTimersByTime(3 * P);
    expect(r.hexes()).toEqual(['B0 50 02 FF', 'D0 50 02 FF']);
    expect(() => r.engine.setAddress(8)).toThrow(RangeError);
  });

  it('reboot forgets sockets, queue and pending replies; the head stops where it is', () => {
    const r = rig();
    r.cmd(LONG_MOVE);
    vi.advanceTimersByTime(3 * P);
    r.submit(encodeInquiry(1, 'power'));
    r.engine.reboot();
    vi.advanceTimersByTime(60_000);
    expect(r.hexes()).toEqual(['90 41 FF']);
    expect(r.camera.snapshot().moving).toBe(false);
    expect(r.engine.counters.reboots).toBe(1);
    r.cmd(RIGHT);
    vi.advanceTimersByTime(3 * P);
    expect(r.hexes().slice(1)).toEqual(['90 41 FF', '90 51 FF']);
  });

  it('an FR7-class camera takes 17-byte moves and answers 20-bit positions', () => {
    const fr7 = VISCA_VARIANTS['sony-ilme-fr7'];
    const camera = new SimCamera({ now: () => Date.now(), variant: fr7 });
    const engine = new ViscaEngine({ camera, clock: simClock(() => Date.now()) });
    const out: string[] = [];
    const move: ViscaCommand = { kind: 'pan-tilt-absolute', pan: -100, tilt: 50, panSpeed: 0x18, tiltSpeed: 0x17 };
    engine.submit({ packet: encodeCommand(1, move, fr7), reply: (b) => out.push(hexOf(b)) });
    vi.advanceTimersByTime(20 * P);
    engine.submit({ packet: encodeInquiry(1, 'pan-tilt-position'), reply: (b) => out.push(hexOf(b)) });
    vi.advanceTimersByTime(3 * P);
    expect(out).toEqual(['90 41 FF', '90 51 FF', '90 50 0F 0F 0F 09 0C 00 00 00 03 02 FF']);
  });

  it('a 50 Hz camera runs 20 ms cycles', () => {
    const r = rig({ cycleMs: 20 });
    r.submit(encodeInquiry(1, 'power'));
    vi.advanceTimersByTime(39);
    expect(r.replies).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(r.replies).toEqual([{ t: 40, hex: '90 50 02 FF' }]);
  });

  it('in immediate mode replies synchronously, completion included', () => {
    const r = rig({ cycleMs: 0 });
    r.cmd(LONG_MOVE);
    r.submit(encodeInquiry(1, 'power'));
    expect(r.hexes()).toEqual(['90 41 FF', '90 51 FF', '90 50 02 FF']);
  });

  it('survives a reply callback that throws, and closes for good', () => {
    const r = rig();
    r.engine.submit({
      packet: encodeInquiry(1, 'power'),
      reply: () => {
        throw new Error('socket gone');
      },
    });
    vi.advanceTimersByTime(3 * P);
    expect(r.engine.counters.replyErrors).toBe(1);
    // A version the wire cannot carry (FF inside): counted, nothing thrown from the cycle timer.
    const odd = new ViscaEngine({
      camera: new SimCamera({ now: () => Date.now(), version: { vendor: 0xff, model: 0, rom: 0, maxSocket: 2 } }),
      clock: simClock(() => Date.now()),
    });
    odd.submit({ packet: encodeInquiry(1, 'version'), reply: () => undefined });
    vi.advanceTimersByTime(3 * P);
    expect(odd.counters.internalErrors).toBe(1);
    r.engine.close();
    r.submit(encodeInquiry(1, 'power'));
    vi.advanceTimersByTime(3 * P);
    expect(r.replies).toEqual([]);
    expect(() => new ViscaEngine({ camera: r.camera, inputQueueDepth: 0 })).toThrow(RangeError);
    expect(() => new ViscaEngine({ camera: r.camera, cycleMs: -1 })).toThrow(RangeError);
  });
});
