import { describe, expect, it } from 'vitest';
import type { Result } from '../../../../../shared/util/result';
import { PelcoFramer, STOP_MOTION, encodePelcoD, encodePelcoP, hexBytes, type PelcoDecodeError } from '.';

const bytes = (s: string): Uint8Array => Uint8Array.from(s.split(' ').map((x) => parseInt(x, 16)));
const cat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
/** Frames as hex, errors as `!reason`, for compact assertions. */
const show = (rs: Array<Result<Uint8Array, PelcoDecodeError>>): string[] =>
  rs.map((r) => (r.ok ? hexBytes(r.value) : `!${r.error.reason}`));

const STOP = 'FF 01 00 00 00 00 01';
const RIGHT_TURBO = hexBytes(
  encodePelcoD(1, { kind: 'motion', motion: { ...STOP_MOTION, pan: 'right', panSpeed: 'turbo' } }),
);
const P_RIGHT = 'A0 01 00 02 29 00 AF 25';

describe('PelcoFramer (Pelco-D)', () => {
  it('yields back-to-back frames from one chunk', () => {
    const f = new PelcoFramer('d', 'to-camera');
    expect(show(f.push(cat(bytes(STOP), bytes(RIGHT_TURBO))))).toEqual([STOP, RIGHT_TURBO]);
  });

  it('keeps a partial frame across pushes, one byte at a time', () => {
    const f = new PelcoFramer('d', 'from-camera');
    const out: string[] = [];
    for (const b of bytes(`${RIGHT_TURBO} ${STOP}`)) {
      out.push(...show(f.push(Uint8Array.of(b))));
      expect(f.pendingLength).toBeLessThan(7);
    }
    expect(out).toEqual([RIGHT_TURBO, STOP]);
  });

  it('reports garbage before a sync byte once per run, then frames', () => {
    const f = new PelcoFramer('d', 'to-camera');
    expect(show(f.push(bytes(`12 34 56 ${STOP}`)))).toEqual(['!bad-sync', STOP]);
  });

  it('resyncs after a bad checksum by sliding one byte', () => {
    const f = new PelcoFramer('d', 'to-camera');
    // A stray FF (line noise) glued to the front: FF 12 FF 01 00 00 00 fails, the real frame follows.
    expect(show(f.push(bytes(`FF 12 ${STOP}`)))).toEqual(['!bad-checksum', STOP]);
    // A corrupted frame directly followed by a good one.
    expect(show(f.push(bytes(`FF 01 00 02 10 00 14 ${STOP}`)))).toEqual(['!bad-checksum', STOP]);
    expect(f.pendingLength).toBe(0);
  });

  it('finds a frame whose data contains the sync byte (turbo FF) after misalignment', () => {
    const f = new PelcoFramer('d', 'from-camera');
    const out = show(f.push(bytes(`FF 00 ${RIGHT_TURBO} ${RIGHT_TURBO}`)));
    expect(out.filter((s) => !s.startsWith('!'))).toEqual([RIGHT_TURBO, RIGHT_TURBO]);
  });

  it('reset forgets a partial frame', () => {
    const f = new PelcoFramer('d', 'to-camera');
    f.push(bytes('FF 01 00'));
    expect(f.pendingLength).toBe(3);
    f.reset();
    expect(f.pendingLength).toBe(0);
    expect(show(f.push(bytes(STOP)))).toEqual([STOP]);
  });
});

describe('PelcoFramer (Pelco-P)', () => {
  it('frames A0 … AF with the XOR checksum', () => {
    const f = new PelcoFramer('p', 'to-camera');
    const stop = hexBytes(encodePelcoP(1, { kind: 'motion', motion: STOP_MOTION }));
    expect(show(f.push(bytes(`${P_RIGHT} ${stop}`)))).toEqual([P_RIGHT, stop]);
  });

  it('reports a missing AF trailer and recovers', () => {
    const f = new PelcoFramer('p', 'to-camera');
    expect(show(f.push(bytes(`A0 01 00 02 29 00 AE 25 ${P_RIGHT}`)))).toEqual(['!bad-trailer', P_RIGHT]);
  });

  it('resyncs on a stray A0 inside noise', () => {
    const f = new PelcoFramer('p', 'from-camera');
    expect(show(f.push(bytes(`A0 A0 ${P_RIGHT}`)))).toEqual(['!bad-trailer', '!bad-trailer', P_RIGHT]);
  });

  it('ignores Pelco-D frames on a Pelco-P stream', () => {
    const f = new PelcoFramer('p', 'to-camera');
    expect(show(f.push(bytes(STOP)))).toEqual(['!bad-sync']);
  });
});
