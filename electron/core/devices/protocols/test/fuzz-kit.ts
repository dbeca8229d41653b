/**
 * Shared tooling for the fuzz tests of codecs and the simulator: a seeded PRNG (so a failure replays from
 * the seed in the test name), byte-level mutations of valid frames, and a V8 collector for heap checks.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Deterministic PRNG (mulberry32): numbers in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 1–`maxEdits` random edits of `frame`: overwrite, insert, delete, truncate or flip one bit — the ways a
 * noisy line or a buggy peer damages a frame.
 */
export function mutateBytes(frame: Uint8Array, rand: () => number, maxEdits = 3): Uint8Array {
  const pick = (n: number): number => Math.floor(rand() * n);
  let b = Array.from(frame);
  for (let m = 1 + pick(maxEdits); m > 0; m--) {
    const at = pick(b.length + 1);
    switch (pick(5)) {
      case 0:
        if (b.length) b[Math.min(at, b.length - 1)] = pick(256);
        break;
      case 1:
        b.splice(at, 0, pick(256));
        break;
      case 2:
        b.splice(at, 1);
        break;
      case 3:
        b = b.slice(0, at);
        break;
      default:
        b[Math.min(at, b.length - 1)] = (b[Math.min(at, b.length - 1)] ?? 0) ^ (1 << pick(8));
    }
  }
  return Uint8Array.from(b);
}

/** The V8 collector, exposed at run time (vitest workers start without --expose-gc). */
export function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);
