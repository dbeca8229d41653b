import { describe, expect, it } from 'vitest';
import {
  applyDeadZone,
  quantise,
  quantiseVector,
  stickVector,
  vectorFromKeys,
  vectorFromOffset,
} from './joystick-math';

describe('vectorFromOffset', () => {
  it('maps right to +pan and screen-up (negative dy) to +tilt', () => {
    expect(vectorFromOffset(50, 0, 100)).toEqual({ pan: 0.5, tilt: 0 });
    expect(vectorFromOffset(0, -50, 100)).toEqual({ pan: 0, tilt: 0.5 });
    expect(vectorFromOffset(0, 50, 100)).toEqual({ pan: 0, tilt: -0.5 });
    expect(vectorFromOffset(-25, 0, 100)).toEqual({ pan: -0.25, tilt: 0 });
  });

  it('clamps to the unit circle, keeping the direction', () => {
    const v = vectorFromOffset(300, -400, 100);
    expect(Math.hypot(v.pan, v.tilt)).toBeCloseTo(1, 12);
    expect(v.pan).toBeCloseTo(0.6, 12);
    expect(v.tilt).toBeCloseTo(0.8, 12);
  });

  it('is zero for a degenerate radius or non-finite input, and never -0', () => {
    expect(vectorFromOffset(10, 10, 0)).toEqual({ pan: 0, tilt: 0 });
    expect(vectorFromOffset(Number.NaN, 10, 100)).toEqual({ pan: 0, tilt: 0 });
    expect(Object.is(vectorFromOffset(0, 0, 100).tilt, 0)).toBe(true);
  });
});

describe('applyDeadZone (radial, rescaled)', () => {
  it('is zero inside the dead zone', () => {
    expect(applyDeadZone({ pan: 0.05, tilt: 0.05 }, 0.08)).toEqual({ pan: 0, tilt: 0 });
    expect(applyDeadZone({ pan: -0.079, tilt: 0 }, 0.08)).toEqual({ pan: 0, tilt: 0 });
  });

  it('rescales (|v|−dz)/(1−dz) so speed starts at 0 at the edge and reaches 1 at the rim', () => {
    expect(applyDeadZone({ pan: 0.08, tilt: 0 }, 0.08).pan).toBeCloseTo(0, 12);
    expect(applyDeadZone({ pan: 0.54, tilt: 0 }, 0.08).pan).toBeCloseTo(0.5, 12);
    expect(applyDeadZone({ pan: 1, tilt: 0 }, 0.08).pan).toBeCloseTo(1, 12);
    expect(applyDeadZone({ pan: 0, tilt: -0.54 }, 0.08).tilt).toBeCloseTo(-0.5, 12);
  });

  it('is radial: a diagonal is judged by its length, not per axis', () => {
    // Each axis (0.06) is inside 0.08, but the length (≈0.085) is outside.
    const v = applyDeadZone({ pan: 0.06, tilt: 0.06 }, 0.08);
    expect(v.pan).toBeGreaterThan(0);
    expect(v.pan).toBeCloseTo(v.tilt, 12);
  });

  it('clamps the dead zone to 0..0.5', () => {
    expect(applyDeadZone({ pan: 0.6, tilt: 0 }, 0.9).pan).toBeCloseTo(0.2, 12); // treated as 0.5
    expect(applyDeadZone({ pan: 0.3, tilt: 0 }, -1).pan).toBeCloseTo(0.3, 12); // treated as 0
  });
});

describe('quantise', () => {
  it('rounds to 1/64 steps and clamps to -1..1', () => {
    expect(quantise(0.5)).toBe(0.5);
    expect(quantise(0.01)).toBe(1 / 64);
    expect(quantise(0.007)).toBe(0);
    expect(quantise(1.7)).toBe(1);
    expect(quantise(-3)).toBe(-1);
    expect(quantise(Number.POSITIVE_INFINITY)).toBe(0);
  });

  it('never returns -0', () => {
    expect(Object.is(quantise(-0.001), 0)).toBe(true);
  });

  it('absorbs jitter smaller than a step', () => {
    expect(quantiseVector({ pan: 0.5, tilt: 0.25 })).toEqual(quantiseVector({ pan: 0.503, tilt: 0.247 }));
  });
});

describe('stickVector (the pointer pipeline)', () => {
  it('goes offset → clamp → dead zone → quantise', () => {
    // 50 px of 100: 0.5 → (0.5−0.08)/0.92 ≈ 0.4565 → 29/64.
    expect(stickVector(50, 0, 100)).toEqual({ pan: 29 / 64, tilt: 0 });
    expect(stickVector(0, -200, 100)).toEqual({ pan: 0, tilt: 1 });
    expect(stickVector(3, 3, 100)).toEqual({ pan: 0, tilt: 0 });
  });
});

describe('vectorFromKeys', () => {
  it('gives half speed per held arrow, full with Shift, and cancels opposites', () => {
    expect(vectorFromKeys(new Set(['ArrowRight']), false)).toEqual({ pan: 0.5, tilt: 0 });
    expect(vectorFromKeys(new Set(['ArrowUp', 'ArrowLeft']), true)).toEqual({ pan: -1, tilt: 1 });
    expect(vectorFromKeys(new Set(['ArrowDown']), false)).toEqual({ pan: 0, tilt: -0.5 });
    expect(vectorFromKeys(new Set(['ArrowLeft', 'ArrowRight']), false)).toEqual({ pan: 0, tilt: 0 });
  });
});
