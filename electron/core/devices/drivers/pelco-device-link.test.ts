import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STOP_MOTION, encodePelcoD, encodePelcoDResponse, hexBytes, type PelcoMotion } from '../protocols/pelco';
import { pelcoOnFakeBus, type FakePelcoBus, type TimedWrite } from './pelco-fake-bus';

const STOP = 'FF 01 00 00 00 00 01';
const Q_PAN = 'FF 01 00 51 00 00 52';
const Q_TILT = 'FF 01 00 53 00 00 54';
const Q_ZOOM = 'FF 01 00 55 00 00 56';
const move = (m: Partial<PelcoMotion>): string =>
  hexBytes(encodePelcoD(1, { kind: 'motion', motion: { ...STOP_MOTION, ...m } }));
const answer = (address: number, what: 'pan' | 'tilt' | 'zoom', value: number): string =>
  hexBytes(encodePelcoDResponse({ kind: 'position', address, what, value }));
/** Advances the clock 1 ms at a time until `hex` is written; returns that write. */
async function firstWriteOf(bus: FakePelcoBus, hex: string): Promise<TimedWrite> {
  for (let i = 0; i < 5000; i++) {
    const w = bus.writes.find((x) => x.hex === hex);
    if (w) return w;
    await vi.advanceTimersByTimeAsync(1);
  }
  throw new Error(`${hex} was never written`);
}
const EACCES = { code: 'EACCES', message: 'Permission denied on /dev/ttyUSB0: add your user to the dialout group' };
const UNPLUGGED = { code: 'unplugged', message: '/dev/ttyUSB0 was unplugged; retrying' };

describe('PelcoDevice link health', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is offline with the transport’s problem while reconnecting, and refuses motion', async () => {
    const { device, bus } = pelcoOnFakeBus();
    await device.start();
    await vi.advanceTimersByTimeAsync(200);
    device.setVelocity({ pan: 0.5 });
    bus.setState('reconnecting', UNPLUGGED);
    expect(device.status).toBe('offline');
    expect(device.snapshot().statusDetail).toBe(UNPLUGGED.message);
    expect(device.moving).toBe(false); // the held velocity is forgotten with the link
    expect(() => device.setVelocity({ pan: 0.5 })).toThrow(expect.objectContaining({ code: 'device-offline' }));
  });

  it('reports a transport that cannot open as error with its message (retrying will not fix it)', async () => {
    const { device, bus } = pelcoOnFakeBus();
    bus.openTo = null;
    bus.setState('failed', EACCES);
    await device.start();
    expect(device.status).toBe('error');
    expect(device.snapshot().statusDetail).toBe(EACCES.message);
    expect(bus.writes).toEqual([]);
  });

  it('reports a transport the pool refuses (baud conflict on a shared port) as error', async () => {
    const { device } = pelcoOnFakeBus({
      acquireTransport: () => {
        throw new Error('/dev/ttyUSB0 is already used at 9600 baud by another device');
      },
    });
    await device.start();
    expect(device.snapshot()).toMatchObject({ status: 'error', statusDetail: expect.stringMatching(/9600 baud/) });
    await device.destroy(); // nothing to release, nothing thrown
  });

  it('after a reconnect sends STOP three times before anything else', async () => {
    const { device, bus } = pelcoOnFakeBus({ pollQueries: true });
    await device.start();
    await vi.advanceTimersByTimeAsync(3000);
    bus.setState('reconnecting', UNPLUGGED);
    await vi.advanceTimersByTimeAsync(2000);
    const mark = bus.writes.length;
    bus.setState('open');
    expect(device.status).toBe('online');
    device.setVelocity({ tilt: -1 }); // the operator is quick: still behind the stops
    await vi.advanceTimersByTimeAsync(400);
    const after = bus.hexSince(mark);
    expect(after.slice(0, 4)).toEqual([STOP, STOP, STOP, move({ tilt: 'down', tiltSpeed: 0x3f })]);
    expect(after.slice(4)).toContain(Q_PAN); // polling resumes after them
    expect(device.snapshot().lastStop?.reason).toBe('reconnect');
  });

  it('a stop issued while offline is not written; the reconnect stop covers it', async () => {
    const { device, bus } = pelcoOnFakeBus();
    await device.start();
    await vi.advanceTimersByTimeAsync(200);
    bus.setState('reconnecting', UNPLUGGED);
    await device.stop('stop-all');
    await vi.advanceTimersByTimeAsync(500);
    expect(bus.writes).toHaveLength(3);
  });

  it('destroy lets the shutdown stop burst finish, then releases the transport', async () => {
    const { device, bus, released } = pelcoOnFakeBus();
    await device.start();
    await vi.advanceTimersByTimeAsync(200);
    device.setVelocity({ pan: 1 });
    await vi.advanceTimersByTimeAsync(40);
    const mark = bus.writes.length;
    const destroyed = device.destroy();
    await vi.advanceTimersByTimeAsync(300);
    await destroyed;
    expect(bus.hexSince(mark)).toEqual([STOP, STOP, STOP]);
    expect(released).toEqual([bus]);
    expect(bus.listenerCount).toBe(0);
  });
});

describe('PelcoDevice position polling', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('polls pan, tilt, zoom in turn and publishes the answers', async () => {
    const { device, bus } = pelcoOnFakeBus({ pollQueries: true });
    await device.start();
    await vi.advanceTimersByTimeAsync(3500);
    expect(bus.hexSince(3).slice(0, 3)).toEqual([Q_PAN, Q_TILT, Q_ZOOM]);
    bus.receive(answer(1, 'pan', 9000)); // 90° right
    expect(device.snapshot().position).toBeNull(); // tilt not known yet
    bus.receive(`${answer(1, 'tilt', 4500)} ${answer(1, 'zoom', 0x8000)}`); // 45° below the horizon
    expect(device.snapshot().position).toMatchObject({ panDeg: 90, pan: 0.75, tiltDeg: -45, tilt: 0.25 });
    expect(device.snapshot().position?.zoom).toBeCloseTo(0.5, 4);
    bus.receive(answer(1, 'pan', 27000)); // 90° left
    expect(device.snapshot().position).toMatchObject({ panDeg: -90, pan: 0.25 });
  });

  it('ignores answers from other receivers on the bus', async () => {
    const { device, bus } = pelcoOnFakeBus({ pollQueries: true });
    await device.start();
    await vi.advanceTimersByTimeAsync(1500);
    bus.receive(`${answer(2, 'pan', 100)} ${answer(2, 'tilt', 100)}`);
    expect(device.snapshot().position).toBeNull();
  });

  it('a receiver that never answers keeps position null with no problem, at the idle pace', async () => {
    const { device, bus } = pelcoOnFakeBus({ pollQueries: true });
    await device.start();
    await vi.advanceTimersByTimeAsync(10_050);
    const queries = bus.hexSince(3).filter((h) => [Q_PAN, Q_TILT, Q_ZOOM].includes(h));
    expect(queries.length).toBeGreaterThanOrEqual(9);
    expect(queries.length).toBeLessThanOrEqual(11); // one per second while idle
    expect(device.snapshot()).toMatchObject({ status: 'online', position: null, problem: null });
  });

  it('does not take its own echoes for another controller: an idle receiver stays at the idle pace', async () => {
    const { device, bus } = pelcoOnFakeBus({ pollQueries: true });
    bus.echo = true;
    await device.start();
    await vi.advanceTimersByTimeAsync(10_050);
    const queries = bus.hexSince(3).filter((h) => [Q_PAN, Q_TILT, Q_ZOOM].includes(h));
    expect(queries.length).toBeLessThanOrEqual(11);
    expect(device.snapshot()).toMatchObject({ status: 'online', position: null, problem: null });
  });

  it('polls fast for a while when another controller drives our receiver', async () => {
    const { device, bus } = pelcoOnFakeBus({ pollQueries: true });
    await device.start();
    await vi.advanceTimersByTimeAsync(1500);
    const mark = bus.writes.length;
    bus.receive(move({ pan: 'left', panSpeed: 0x20 })); // a keyboard on the same bus, to camera 1
    bus.receive('FF 02 00 04 20 00 26'); // …and to camera 2: not ours
    await vi.advanceTimersByTimeAsync(1000);
    expect(bus.hexSince(mark).length).toBeGreaterThanOrEqual(4);
    await vi.advanceTimersByTimeAsync(3000); // quiet again: back to one per second
    const late = bus.writes.filter((w) => w.t > Date.now() - 2000);
    expect(late.length).toBeLessThanOrEqual(3);
    expect(device.moving).toBe(false); // we never drove it
  });

  it('polls every 200 ms while moving', async () => {
    const { device, bus } = pelcoOnFakeBus({ pollQueries: true, refreshMs: 0 });
    await device.start();
    await vi.advanceTimersByTimeAsync(1050);
    const mark = bus.writes.length;
    device.setVelocity({ pan: 0.2 });
    for (let t = 0; t < 1000; t += 100) {
      device.heartbeat();
      await vi.advanceTimersByTimeAsync(100);
    }
    const queries = bus.hexSince(mark).filter((h) => h.includes(' 00 5'));
    expect(queries.length).toBeGreaterThanOrEqual(4);
  });

  it('leaves the half-duplex bus quiet after a query until the answer would be over', async () => {
    const { device, bus } = pelcoOnFakeBus({ pollQueries: true });
    bus.echo = true; // our own bytes come back, as from an adapter without echo suppression
    await device.start();
    const q = await firstWriteOf(bus, Q_PAN); // after the start-up stops
    await vi.advanceTimersByTimeAsync(q.t + 35 - Date.now()); // query done at +30; its echo came back
    device.setVelocity({ pan: 1 });
    await vi.advanceTimersByTimeAsync(100);
    const m = bus.writes.find((w) => w.hex === move({ pan: 'right', panSpeed: 0x3f }))!;
    // The echo is not the answer: the move waits out query (30) + answer (30) + turnaround (10).
    expect(m.t - q.t).toBe(70);
    expect(device.snapshot()).toMatchObject({ status: 'online', position: null, problem: null });
  });

  it('an answer ends the quiet time at once, and echoes mixed with answers are sorted out', async () => {
    const { device, bus } = pelcoOnFakeBus({ pollQueries: true });
    bus.echo = true;
    await device.start();
    const q = await firstWriteOf(bus, Q_PAN);
    await vi.advanceTimersByTimeAsync(q.t + 35 - Date.now());
    device.setVelocity({ pan: 1 });
    bus.receive(`${Q_PAN} ${answer(1, 'pan', 18000)} ${STOP}`); // echo, answer, echo in one chunk
    await vi.advanceTimersByTimeAsync(1);
    const m = bus.writes.find((w) => w.hex === move({ pan: 'right', panSpeed: 0x3f }))!;
    expect(m.t - q.t).toBe(35);
    bus.receive(answer(1, 'tilt', 0));
    expect(device.snapshot().position).toMatchObject({ panDeg: 180, tiltDeg: 0, tilt: 0.5 });
  });
});

describe('PelcoDevice one-shots', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  async function online(options: Parameters<typeof pelcoOnFakeBus>[0] = {}) {
    const r = pelcoOnFakeBus(options);
    await r.device.start();
    await vi.advanceTimersByTimeAsync(200);
    return { ...r, mark: r.bus.writes.length };
  }

  it('home recalls preset 1 by default, or the configured preset', async () => {
    const a = await online();
    await a.device.home();
    expect(a.bus.hexSince(a.mark)).toEqual(['FF 01 00 07 00 01 09']);
    const b = await online({ homePreset: 0x22 });
    await b.device.home();
    expect(b.bus.hexSince(b.mark)).toEqual(['FF 01 00 07 00 22 2A']);
    const c = await online({ homePreset: null });
    await expect(c.device.home()).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('zoomTo sends set-zoom-position on the 0–0xFFFF scale', async () => {
    const { device, bus, mark } = await online();
    await device.zoomTo(0.5);
    expect(bus.hexSince(mark)).toEqual(['FF 01 00 4F 80 00 D0']);
  });

  it('a stop discards a one-shot that has not gone out yet', async () => {
    const { device, bus, mark } = await online();
    device.setVelocity({ pan: 1 }); // occupies the wire
    const home = device.home();
    void device.stop('operator');
    await expect(home).rejects.toMatchObject({ code: 'conflict' });
    await vi.advanceTimersByTimeAsync(300);
    expect(bus.hexSince(mark)).toEqual([move({ pan: 'right', panSpeed: 0x3f }), STOP, STOP, STOP]);
  });

  it('refuses one-shots while offline', async () => {
    const { device, bus } = await online();
    bus.setState('reconnecting', UNPLUGGED);
    await expect(device.zoomTo(1)).rejects.toMatchObject({ code: 'device-offline' });
  });
});
