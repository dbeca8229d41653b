import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  STOP_MOTION,
  decodePelcoDResponse,
  decodePelcoPResponse,
  encodePelcoD,
  encodePelcoP,
  type PelcoCommand,
  type PelcoMotion,
} from '../devices/protocols/pelco';
import { pelcoOnFakeBus } from '../devices/drivers/pelco-fake-bus';
import { PelcoResponder } from './pelco-responder';

const motion = (m: Partial<PelcoMotion>): PelcoCommand => ({ kind: 'motion', motion: { ...STOP_MOTION, ...m } });
const D = (address: number, cmd: PelcoCommand): Uint8Array => encodePelcoD(address, cmd);

function bus(addresses = [1], variant: 'd' | 'p' = 'd') {
  let t = 0;
  const responder = new PelcoResponder({ variant, addresses, now: () => t });
  return { responder, at: (ms: number) => (t = ms) };
}

/** The value of the single position answer in `replies`. */
function answered(replies: Uint8Array[], variant: 'd' | 'p' = 'd'): number {
  expect(replies).toHaveLength(1);
  const r = variant === 'd' ? decodePelcoDResponse(replies[0]!) : decodePelcoPResponse(replies[0]!);
  if (!r.ok || r.value.kind !== 'position') throw new Error(`not a position answer: ${JSON.stringify(r)}`);
  return r.value.value;
}

describe('PelcoResponder', () => {
  it('drives right: pan increases with time; stop stops it', () => {
    const { responder, at } = bus();
    expect(responder.handle(D(1, motion({ pan: 'right', panSpeed: 0x3f })))).toEqual([]);
    at(500);
    const moving = responder.camera(1).snapshot().panDeg;
    expect(moving).toBeCloseTo(50, 6); // the head's fastest pan: 100°/s
    responder.handle(D(1, motion({})));
    at(2000);
    expect(responder.camera(1).snapshot()).toMatchObject({ panDeg: moving, moving: false });
  });

  it('scales Pelco speeds onto the head: slower speed, slower pan; turbo is the fastest', () => {
    const { responder, at } = bus();
    responder.handle(D(1, motion({ tilt: 'up', tiltSpeed: 0x10 })));
    at(1000);
    const slow = responder.camera(1).snapshot().tiltDeg;
    expect(slow).toBeGreaterThan(10);
    expect(slow).toBeLessThan(25);
    responder.handle(D(1, motion({ pan: 'left', panSpeed: 'turbo' })));
    at(1100);
    expect(responder.camera(1).snapshot().panVelocityDegS).toBeCloseTo(-100, 6);
  });

  it('answers position queries with the model’s position, only queries', () => {
    const { responder, at } = bus();
    responder.handle(D(1, motion({ pan: 'left', tilt: 'down', panSpeed: 0x3f, tiltSpeed: 0x3f })));
    at(300);
    const s = responder.camera(1).snapshot(); // −30° pan; tilt held at −30° (the head's lower limit)
    expect(answered(responder.handle(D(1, { kind: 'query', what: 'pan' })))).toBe(Math.round((360 + s.panDeg) * 100));
    expect(answered(responder.handle(D(1, { kind: 'query', what: 'tilt' })))).toBe(Math.round(-s.tiltDeg * 100));
    expect(answered(responder.handle(D(1, { kind: 'query', what: 'zoom' })))).toBe(0);
    expect(responder.handle(D(1, { kind: 'preset-set', preset: 3 }))).toEqual([]);
  });

  it('keeps several receivers on one bus independent', () => {
    const { responder, at } = bus([1, 2, 255]);
    responder.handle(D(1, motion({ pan: 'right', panSpeed: 0x3f })));
    responder.handle(D(2, motion({ tilt: 'up', tiltSpeed: 0x3f })));
    at(200);
    expect(responder.camera(1).snapshot()).toMatchObject({ tiltDeg: 0 });
    expect(responder.camera(1).snapshot().panDeg).toBeGreaterThan(0);
    expect(responder.camera(2).snapshot()).toMatchObject({ panDeg: 0 });
    expect(responder.camera(2).snapshot().tiltDeg).toBeGreaterThan(0);
    expect(responder.camera(255).snapshot().moving).toBe(false);
    responder.handle(D(3, motion({ pan: 'left' }))); // nobody at 3
    expect(responder.ignored).toBe(1);
    expect(responder.received.map((r) => r.address)).toEqual([1, 2]);
    expect(() => responder.camera(3)).toThrow(RangeError);
  });

  it('ignores garbage, bad checksums and split frames resync, in any chunking', () => {
    const { responder } = bus();
    const query = D(1, { kind: 'query', what: 'pan' });
    const corrupt = D(1, motion({ pan: 'right' }));
    corrupt[6] = corrupt[6]! ^ 0x01;
    const stream = Uint8Array.from([0x00, 0x12, 0xff, 0x34, ...corrupt, ...query, 0xa0, 0xff]);
    const replies: Uint8Array[] = [];
    for (const b of stream) replies.push(...responder.handle(Uint8Array.of(b)));
    expect(replies).toHaveLength(1);
    expect(responder.received.map((r) => r.command)).toEqual([{ kind: 'query', what: 'pan' }]);
    expect(responder.framingErrors).toBeGreaterThan(0);
    expect(responder.camera(1).snapshot().moving).toBe(false); // the corrupted move never ran
  });

  it('executes absolute pan/tilt, zoom position, presets and zero pan', () => {
    const { responder, at } = bus();
    responder.handle(D(1, { kind: 'set-pan-position', hundredthsOfDegree: 9000 }));
    responder.handle(D(1, { kind: 'set-tilt-position', hundredthsOfDegree: 1500 })); // 15° down
    responder.handle(D(1, { kind: 'set-zoom-position', position: 0xffff }));
    at(5000);
    expect(responder.camera(1).snapshot()).toMatchObject({ panDeg: 90, tiltDeg: -15, zoomPosition: 0x4000 });
    responder.handle(D(1, { kind: 'preset-set', preset: 1 }));
    responder.handle(D(1, { kind: 'preset-go', preset: 0x22 })); // zero pan, tilt kept
    at(10_000);
    expect(responder.camera(1).snapshot()).toMatchObject({ panDeg: 0, tiltDeg: -15 });
    responder.handle(D(1, { kind: 'preset-go', preset: 1 }));
    at(15_000);
    expect(responder.camera(1).snapshot()).toMatchObject({ panDeg: 90, tiltDeg: -15 });
    expect(answered(responder.handle(D(1, { kind: 'query', what: 'zoom' })))).toBe(0xffff);
  });

  it('zooms at the speed set with the zoom-speed command; camera off refuses motion', () => {
    const { responder, at } = bus();
    responder.handle(D(1, motion({ zoom: 'tele' })));
    at(100);
    const fast = responder.camera(1).snapshot().zoomVelocity;
    responder.handle(D(1, { kind: 'zoom-speed', speed: 0 }));
    responder.handle(D(1, motion({ zoom: 'tele' })));
    at(200);
    expect(responder.camera(1).snapshot().zoomVelocity).toBeLessThan(fast / 4);
    responder.handle(D(1, { kind: 'camera-power', on: false }));
    responder.handle(D(1, motion({ pan: 'right', panSpeed: 0x3f })));
    at(1200);
    expect(responder.camera(1).snapshot()).toMatchObject({ power: false, moving: false, panDeg: 0 });
  });

  it('speaks Pelco-P: zero-based address on the wire, answers in the Pelco-P envelope', () => {
    const { responder, at } = bus([1, 32], 'p');
    responder.handle(encodePelcoP(32, motion({ pan: 'right', panSpeed: 0x3f })));
    at(900);
    expect(responder.camera(32).snapshot().panDeg).toBeCloseTo(90, 6);
    expect(responder.camera(1).snapshot().moving).toBe(false);
    expect(answered(responder.handle(encodePelcoP(32, { kind: 'query', what: 'pan' })), 'p')).toBe(9000);
    expect(responder.handle(encodePelcoD(32, { kind: 'query', what: 'pan' }))).toEqual([]); // wrong dialect
  });

  it('refuses bad or duplicate addresses, and bounds its log', () => {
    expect(() => new PelcoResponder({ variant: 'd', addresses: [0] })).toThrow(RangeError);
    expect(() => new PelcoResponder({ variant: 'd', addresses: [256] })).toThrow(RangeError);
    expect(() => new PelcoResponder({ variant: 'p', addresses: [256, 256] })).toThrow(/twice/);
    const r = new PelcoResponder({ variant: 'd', addresses: [1], maxRecords: 10, now: () => 0 });
    for (let i = 0; i < 25; i++) r.handle(D(1, { kind: 'query', what: 'pan' }));
    expect(r.received.length).toBeLessThanOrEqual(10);
  });
});

describe('PelcoDevice against the responder', () => {
  afterEach(() => vi.useRealTimers());

  it('drives the simulated head and shows its position from the query answers', async () => {
    vi.useFakeTimers();
    const responder = new PelcoResponder({ variant: 'd', addresses: [1], now: () => Date.now() });
    const { device, bus: wire } = pelcoOnFakeBus({ pollQueries: true });
    wire.echo = true; // a half-duplex adapter: the driver hears itself too
    const write = wire.write.bind(wire);
    wire.write = async (bytes) => {
      await write(bytes);
      for (const reply of responder.handle(bytes)) queueMicrotask(() => wire.receive(hex(reply)));
    };
    await device.start();
    await vi.advanceTimersByTimeAsync(500);
    device.setVelocity({ pan: 1 });
    for (let t = 0; t < 1000; t += 100) {
      device.heartbeat();
      await vi.advanceTimersByTimeAsync(100);
    }
    void device.stop('operator');
    await vi.advanceTimersByTimeAsync(2000);
    const head = responder.camera(1).snapshot();
    expect(head.moving).toBe(false);
    expect(head.panDeg).toBeGreaterThan(90);
    expect(device.snapshot().position?.panDeg).toBeCloseTo(head.panDeg, 1);
    expect(device.snapshot().position?.tiltDeg).toBe(0);
  });
});

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
