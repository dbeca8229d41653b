import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STOP_MOTION, encodePelcoD, encodePelcoP, hexBytes, type PelcoMotion } from '../protocols/pelco';
import { PELCO_D_CONFIG, pelcoOnFakeBus, type FakePelcoBus } from './pelco-fake-bus';
import type { PelcoDevice } from './pelco-device';

const STOP = 'FF 01 00 00 00 00 01';
const move = (m: Partial<PelcoMotion>): string =>
  hexBytes(encodePelcoD(1, { kind: 'motion', motion: { ...STOP_MOTION, ...m } }));
/** 7 bytes × 10 bits at 2400 bit/s, rounded up. */
const FRAME_MS = 30;

describe('PelcoDevice motion policy (Pelco-D, 2400 baud)', () => {
  let device: PelcoDevice;
  let bus: FakePelcoBus;
  /** Index of the first write after the start-up stops. */
  let mark: number;

  beforeEach(async () => {
    vi.useFakeTimers();
    ({ device, bus } = pelcoOnFakeBus());
    await device.start();
    await vi.advanceTimersByTimeAsync(200);
    mark = bus.writes.length;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stops three times, 50 ms apart, on first open', () => {
    expect(device.status).toBe('online');
    expect(bus.hexSince(0)).toEqual([STOP, STOP, STOP]);
    const [a, b, c] = bus.writes.map((w) => w.t);
    expect(b! - a!).toBe(50);
    expect(c! - b!).toBe(50);
    expect(device.snapshot().lastStop?.reason).toBe('startup');
  });

  it('latest value wins under a 120 Hz burst: few frames, paced by the wire, the last one the newest', async () => {
    for (let i = 1; i <= 120; i++) {
      device.setVelocity({ pan: i / 120, tilt: -i / 240 });
      await vi.advanceTimersByTimeAsync(1000 / 120);
    }
    await vi.advanceTimersByTimeAsync(100);
    const sent = bus.writes.slice(mark);
    // 1 s of input at one frame per 30 ms: at most ~34 frames, never a backlog of 120.
    expect(sent.length).toBeLessThanOrEqual(35);
    expect(sent.length).toBeGreaterThanOrEqual(25);
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.t - sent[i - 1]!.t).toBeGreaterThanOrEqual(FRAME_MS);
    expect(sent.at(-1)!.hex).toBe(move({ pan: 'right', tilt: 'down', panSpeed: 0x3f, tiltSpeed: 32 }));
    // Nothing left waiting once the input stops.
    const count = bus.writes.length;
    await vi.advanceTimersByTimeAsync(300);
    expect(bus.writes.length).toBe(count);
  });

  it('does not re-send a velocity that maps to the same frame', async () => {
    device.setVelocity({ pan: 0.5 });
    await vi.advanceTimersByTimeAsync(40);
    device.setVelocity({ pan: 0.505 }); // still step 32 of 63
    device.setVelocity({ pan: 0.5, zoom: 0 });
    await vi.advanceTimersByTimeAsync(100);
    expect(bus.hexSince(mark)).toEqual([move({ pan: 'right', panSpeed: 32 })]);
  });

  it('drops a waiting move that the newest value returns to what is on the wire', async () => {
    device.setVelocity({ pan: 0.5 }); // on the wire for 30 ms
    device.setVelocity({ pan: 1 }); // waits
    device.setVelocity({ pan: 0.5 }); // back to the frame on the wire: the waiting one is dropped
    await vi.advanceTimersByTimeAsync(200);
    expect(bus.hexSince(mark)).toEqual([move({ pan: 'right', panSpeed: 32 })]);
  });

  it('STOP is repeated 3 times and jumps a waiting move, which is discarded', async () => {
    device.setVelocity({ pan: 1 }); // on the wire
    device.setVelocity({ pan: -1 }); // waiting behind it
    void device.stop('operator');
    await vi.advanceTimersByTimeAsync(400);
    const sent = bus.writes.slice(mark);
    expect(sent.map((w) => w.hex)).toEqual([move({ pan: 'right', panSpeed: 0x3f }), STOP, STOP, STOP]);
    // The first stop goes out as soon as the frame already on the wire has left it.
    expect(sent[1]!.t - sent[0]!.t).toBe(FRAME_MS);
    expect(sent[3]!.t - sent[1]!.t).toBe(100);
  });

  it('sends no move after a stop unless a new velocity arrives', async () => {
    device.setVelocity({ tilt: 0.7 });
    await vi.advanceTimersByTimeAsync(10);
    void device.stop('operator');
    await vi.advanceTimersByTimeAsync(5000);
    const after = bus.hexSince(mark);
    expect(after.slice(1)).toEqual([STOP, STOP, STOP]);
  });

  it('a velocity arriving during the stop burst goes out after the last stop', async () => {
    void device.stop('operator');
    device.setVelocity({ zoom: 1 });
    await vi.advanceTimersByTimeAsync(200);
    expect(bus.hexSince(mark)).toEqual([STOP, STOP, STOP, move({ zoom: 'tele' })]);
  });

  it('maps zoom and focus to direction bits only (Pelco has no lens speed in the frame)', async () => {
    device.setVelocity({ zoom: -0.1, focus: 0.9 });
    await vi.advanceTimersByTimeAsync(40);
    device.setVelocity({ zoom: -1, focus: 0.2 }); // same bits: not re-sent
    await vi.advanceTimersByTimeAsync(40);
    expect(bus.hexSince(mark)).toEqual([move({ zoom: 'wide', focus: 'far' })]);
  });

  it('the dead-man watchdog of the base class stops a held move without heartbeats', async () => {
    device.setVelocity({ pan: 0.3 });
    await vi.advanceTimersByTimeAsync(499);
    expect(bus.hexSince(mark)).toEqual([move({ pan: 'right', panSpeed: 19 })]);
    await vi.advanceTimersByTimeAsync(200);
    expect(bus.hexSince(mark).slice(1)).toEqual([STOP, STOP, STOP]);
    expect(device.snapshot().lastStop?.reason).toBe('watchdog');
  });

  it('re-sends the held move every refreshMs (1 s) while heartbeats keep it alive', async () => {
    device.setVelocity({ pan: -0.5 });
    for (let t = 0; t < 2100; t += 100) {
      device.heartbeat();
      await vi.advanceTimersByTimeAsync(100);
    }
    const left = move({ pan: 'left', panSpeed: 32 });
    expect(bus.hexSince(mark)).toEqual([left, left, left]);
  });
});

describe('PelcoDevice speed mapping and dialects', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  async function firstMove(
    setup: Parameters<typeof pelcoOnFakeBus>,
    v: Parameters<PelcoDevice['setVelocity']>[0],
  ): Promise<string | undefined> {
    const { device, bus } = pelcoOnFakeBus(...setup);
    await device.start();
    await vi.advanceTimersByTimeAsync(200);
    const mark = bus.writes.length;
    device.setVelocity(v);
    await vi.advanceTimersByTimeAsync(50);
    return bus.hexSince(mark)[0];
  }

  it('full pan deflection is 0x3F unless turbo is enabled', async () => {
    expect(await firstMove([{}], { pan: 1 })).toBe(move({ pan: 'right', panSpeed: 0x3f }));
    expect(await firstMove([{ turbo: true }], { pan: 1 })).toBe(move({ pan: 'right', panSpeed: 'turbo' }));
    expect(await firstMove([{ turbo: true }], { pan: 0.99 })).toBe(move({ pan: 'right', panSpeed: 62 }));
  });

  it('applies the response curve from the config (or the curve option)', async () => {
    const curved = { ...PELCO_D_CONFIG, responseCurve: 2 };
    // 0.5² × 63 = 15.75 → 16
    expect(await firstMove([{}, curved], { tilt: 0.5 })).toBe(move({ tilt: 'up', tiltSpeed: 16 }));
    expect(await firstMove([{ curve: { exponent: 1 } }, curved], { tilt: 0.5 })).toBe(
      move({ tilt: 'up', tiltSpeed: 32 }),
    );
  });

  it('speaks Pelco-P with a zero-based address, paced at its own baud rate', async () => {
    const config = { ...PELCO_D_CONFIG, protocol: 'pelco-p' as const, baudRate: 4800, address: 1 };
    const { device, bus } = pelcoOnFakeBus({}, config);
    await device.start();
    await vi.advanceTimersByTimeAsync(200);
    const stop = hexBytes(encodePelcoP(1, { kind: 'motion', motion: STOP_MOTION }));
    expect(stop).toBe('A0 00 00 00 00 00 AF 0F');
    expect(bus.hexSince(0)).toEqual([stop, stop, stop]);
    const mark = bus.writes.length;
    device.setVelocity({ pan: 0.2 });
    device.setVelocity({ pan: 0.4 });
    await vi.advanceTimersByTimeAsync(100);
    const sent = bus.writes.slice(mark);
    expect(sent.map((w) => w.hex)).toEqual([
      hexBytes(encodePelcoP(1, { kind: 'motion', motion: { ...STOP_MOTION, pan: 'right', panSpeed: 13 } })),
      hexBytes(encodePelcoP(1, { kind: 'motion', motion: { ...STOP_MOTION, pan: 'right', panSpeed: 25 } })),
    ]);
    expect(sent[1]!.t - sent[0]!.t).toBe(17); // 8 bytes × 10 bits at 4800 bit/s
  });
});
