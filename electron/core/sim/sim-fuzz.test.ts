// Random and mutated packets into the simulator's own decoding paths: the camera chain (raw VISCA, as the
// serial, TCP and UDP servers use it) and the VISCA-over-IP responder. Nothing may throw, every reply must
// be a well-formed VISCA or VISCA-over-IP message, and the cameras must keep answering.
import { describe, expect, it } from 'vitest';
import { prng } from '../devices/protocols/test/fuzz-kit';
import { decodeReply, encodeCommand, encodeInquiry } from '../devices/protocols/visca';
import { decodeControl, decodeViscaIp, encodeViscaIp, PayloadType } from '../devices/protocols/visca-ip';
import { SimCamera } from './camera-model';
import { simClock } from './sim-clock';
import { ViscaChain } from './visca-chain';
import { ViscaEngine } from './visca-engine';
import { ViscaIpResponder } from './visca-ip-responder';

const SEEDS = [
  encodeCommand(1, { kind: 'pan-tilt-absolute', pan: 100, tilt: -100, panSpeed: 3, tiltSpeed: 3 }),
  encodeCommand(1, { kind: 'preset', action: 'set', preset: 3 }),
  encodeCommand(1, { kind: 'zoom-focus-direct', zoom: 1, focus: 0x2000 }),
  encodeCommand(1, { kind: 'power', on: false }),
  encodeInquiry(1, 'pan-tilt-status'),
  Uint8Array.of(0x81, 0x21, 0xff),
  Uint8Array.of(0x88, 0x30, 0x01, 0xff),
];

function mutate(rand: () => number): Uint8Array {
  const pick = (n: number): number => Math.floor(rand() * n);
  if (rand() < 0.3) return Uint8Array.from({ length: 2 + pick(16) }, () => (rand() < 0.2 ? 0xff : pick(256)));
  const b = Array.from(SEEDS[pick(SEEDS.length)]!);
  for (let m = 1 + pick(2); m > 0; m--) b[pick(b.length)] = pick(256);
  return Uint8Array.from(b);
}

describe('simulator paths under 20 000 random and mutated packets (seed 0xf00d)', () => {
  it('never throw, answer only well-formed replies, and keep serving', () => {
    const rand = prng(0xf00d);
    let t = 0;
    const clock = { ...simClock(() => t), setTimeout: () => null, clearTimeout: () => undefined };
    const camera = new SimCamera({ now: () => t });
    const chain = new ViscaChain({ cameras: [camera], clock, engine: { cycleMs: 0 } });
    const ipEngine = new ViscaEngine({ camera: new SimCamera({ now: () => t }), clock, cycleMs: 0, ifClear: false });
    const responder = new ViscaIpResponder(ipEngine);
    let replies = 0;
    const checkVisca = (b: Uint8Array): void => {
      replies++;
      const r = decodeReply(b);
      if (!r.ok) throw new Error(`bad VISCA reply ${Array.from(b).join(',')}: ${r.error.detail}`);
    };
    const checkIp = (d: Uint8Array): void => {
      replies++;
      const m = decodeViscaIp(d);
      if (!m.ok) throw new Error(`bad VISCA-over-IP reply: ${m.error.detail}`);
      const ok =
        m.value.type === PayloadType.reply ? decodeReply(m.value.payload).ok : decodeControl(m.value.payload).ok;
      if (!ok) throw new Error('bad VISCA-over-IP reply payload');
    };
    for (let i = 0; i < 20_000; i++) {
      t += 1;
      const packet = mutate(rand);
      chain.submit(packet, checkVisca);
      responder.handle(
        encodeViscaIp({ type: PayloadType.command, sequence: i, payload: packet.subarray(0, 16) }),
        { address: '127.0.0.1', port: 1 },
        { send: checkIp, settled: () => undefined },
      );
      responder.handle(packet, { address: '127.0.0.1', port: 1 }, { send: checkIp, settled: () => undefined });
    }
    expect(replies).toBeGreaterThan(20_000);
    expect(chain.units[0]!.engine.counters.replyErrors).toBe(0);
    expect(ipEngine.counters.replyErrors).toBe(0);
    // Still serving: renumber (a mutated AddressSet may have moved it), power on again and ask.
    const answers: string[] = [];
    chain.submit(Uint8Array.of(0x88, 0x30, 0x01, 0xff), () => undefined);
    chain.submit(encodeCommand(1, { kind: 'power', on: true }), () => undefined);
    chain.submit(encodeInquiry(1, 'power'), (b) => answers.push(Array.from(b).join(' ')));
    expect(answers).toEqual(['144 80 2 255']);
  });
});
