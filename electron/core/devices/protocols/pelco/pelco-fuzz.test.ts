// Property test: random and mutated frames through every Pelco decoder and framer. Nothing may throw,
// errors must carry known reasons, whatever decodes must re-encode to the same bytes, and memory must
// stay bounded (framer buffers by construction, the heap by measurement after a GC).
import { describe, expect, it } from 'vitest';
import { collector, mutateBytes, prng, sameBytes } from '../test/fuzz-kit';
import {
  PelcoFramer,
  STOP_MOTION,
  checkPelcoFrame,
  decodePelcoDCommand,
  decodePelcoDGeneralResponse,
  decodePelcoDResponse,
  decodePelcoPCommand,
  decodePelcoPResponse,
  encodePelcoD,
  encodePelcoDResponse,
  encodePelcoP,
  encodePelcoPResponse,
  type PelcoCommand,
  type PelcoMotion,
} from '.';

const SEED = 0x9e1c0d;
const ITERATIONS = 100_000;
const REASONS = new Set(['too-short', 'bad-sync', 'bad-checksum', 'bad-trailer', 'unknown-command', 'bad-data']);

function randomCommand(rand: () => number): PelcoCommand {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const int = (max: number): number => Math.floor(rand() * (max + 1));
  switch (int(6)) {
    case 0:
    case 1:
    case 2: {
      const motion: PelcoMotion = {
        ...STOP_MOTION,
        pan: pick(['left', 'right', 'stop'] as const),
        tilt: pick(['up', 'down', 'stop'] as const),
        zoom: pick(['tele', 'wide', 'stop'] as const),
        focus: pick(['far', 'near', 'stop'] as const),
        iris: pick(['open', 'close', 'stop'] as const),
        panSpeed: rand() < 0.1 ? 'turbo' : int(0x3f),
        tiltSpeed: int(0x3f),
      };
      return { kind: 'motion', motion };
    }
    case 3:
      return { kind: pick(['preset-set', 'preset-clear', 'preset-go'] as const), preset: 1 + int(254) };
    case 4:
      return { kind: 'set-pan-position', hundredthsOfDegree: int(35999) };
    case 5:
      return { kind: 'query', what: pick(['pan', 'tilt', 'zoom'] as const) };
    default:
      return pick<PelcoCommand>([
        { kind: 'camera-power', on: rand() < 0.5 },
        { kind: 'remote-reset' },
        { kind: 'zoom-speed', speed: int(3) },
        { kind: 'auto-iris', mode: int(255) },
        { kind: 'set-zoom-position', position: int(0xffff) },
      ]);
  }
}

function randomFrame(rand: () => number): Uint8Array {
  const pick = (n: number): number => Math.floor(rand() * n);
  const r = rand();
  if (r < 0.25) {
    // Noise biased toward the interesting bytes (sync, trailer, turbo, response opcodes).
    const out = new Uint8Array(pick(20));
    for (let i = 0; i < out.length; i++)
      out[i] = rand() < 0.35 ? [0xff, 0xa0, 0xaf, 0x40, 0x59, 0x5b, 0x00, 0x01][pick(8)]! : pick(256);
    return out;
  }
  const address = 1 + pick(255);
  const what = (['pan', 'tilt', 'zoom'] as const)[pick(3)]!;
  let base: Uint8Array;
  if (r < 0.35) base = encodePelcoDResponse({ kind: 'position', address, what, value: pick(36000) });
  else if (r < 0.4) base = encodePelcoPResponse({ kind: 'position', address, what, value: pick(36000) });
  else if (r < 0.7) base = encodePelcoD(address, randomCommand(rand));
  else base = encodePelcoP(address, randomCommand(rand));
  if (rand() < 0.3) return base; // keep success paths busy
  return mutateBytes(base, rand);
}

describe(`Pelco decoders under ${ITERATIONS} random and mutated frames (seed 0x${SEED.toString(16)})`, () => {
  it('never throw, report known reasons, re-encode what they accept, and hold bounded memory', () => {
    const gc = collector();
    const rand = prng(SEED);
    const framers = [
      new PelcoFramer('d', 'to-camera'),
      new PelcoFramer('d', 'from-camera'),
      new PelcoFramer('p', 'to-camera'),
      new PelcoFramer('p', 'from-camera'),
    ];
    const accepted = { dCmd: 0, pCmd: 0, dResp: 0, pResp: 0, general: 0, framed: 0 };
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < ITERATIONS; i++) {
      const f = randomFrame(rand);
      // Plain checks, not expect(), inside the loop: 100 000 × a dozen expect() calls is needlessly slow.
      const check = (cond: boolean, what: string): void => {
        if (!cond) throw new Error(`${what} (iteration ${i}, frame [${Array.from(f, (x) => x.toString(16))}])`);
      };
      const reason = (r: { ok: false; error: { reason: string; detail: string } }, what: string): void =>
        check(REASONS.has(r.error.reason) && r.error.detail.length > 0, `${what} reason ${r.error.reason}`);
      try {
        const d = decodePelcoDCommand(f);
        if (d.ok) {
          accepted.dCmd++;
          check(sameBytes(encodePelcoD(d.value.address, d.value.command), f), 'D command does not re-encode');
        } else reason(d, 'decodePelcoDCommand');

        const p = decodePelcoPCommand(f);
        if (p.ok) {
          accepted.pCmd++;
          check(sameBytes(encodePelcoP(p.value.address, p.value.command), f), 'P command does not re-encode');
        } else reason(p, 'decodePelcoPCommand');

        const dr = decodePelcoDResponse(f);
        if (dr.ok) {
          accepted.dResp++;
          check(sameBytes(encodePelcoDResponse(dr.value), f), 'D response does not re-encode');
        } else reason(dr, 'decodePelcoDResponse');

        const pr = decodePelcoPResponse(f);
        if (pr.ok) {
          accepted.pResp++;
          check(sameBytes(encodePelcoPResponse(pr.value), f), 'P response does not re-encode');
        } else reason(pr, 'decodePelcoPResponse');

        const g = decodePelcoDGeneralResponse(f, f[3] ?? 0);
        if (g.ok) accepted.general++;
        else reason(g, 'decodePelcoDGeneralResponse');

        for (const v of ['d', 'p'] as const) {
          const e = checkPelcoFrame(v, f);
          if (!e.ok) reason(e, 'checkPelcoFrame');
        }

        for (const framer of framers) {
          for (const r of framer.push(f)) {
            if (r.ok) {
              accepted.framed++;
              check(checkPelcoFrame(framer.variant, r.value).ok || r.value[1] === 0, 'framed frame fails its check');
            } else reason(r, 'framer');
          }
          check(framer.pendingLength < (framer.variant === 'd' ? 7 : 8), 'framer holds more than one frame');
        }
      } catch (e) {
        throw new Error(`iteration ${i}, frame [${Array.from(f, (x) => x.toString(16))}]: ${(e as Error).message}`, {
          cause: e,
        });
      }
    }
    gc();
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    // The mutations must keep exercising the success paths too, or the round-trip checks prove nothing.
    expect(accepted.dCmd).toBeGreaterThan(5000);
    expect(accepted.pCmd).toBeGreaterThan(5000);
    expect(accepted.dResp).toBeGreaterThan(1000);
    expect(accepted.pResp).toBeGreaterThan(500);
    expect(accepted.general).toBeGreaterThan(0);
    expect(accepted.framed).toBeGreaterThan(10_000);
    // Nothing is retained per frame; a leak of even 100 bytes per iteration would show as 10 MB.
    expect(heapGrowth).toBeLessThan(4 * 1024 * 1024);
  });
});
