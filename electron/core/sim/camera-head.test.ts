// The head's rules for the full command set: moves to targets, limits, presets, lens and exposure.
import { describe, expect, it } from 'vitest';
import { VISCA_VARIANTS } from '../devices/protocols/visca';
import { FOCUS_INFINITY, SimCamera, UNITS_PER_DEGREE, ZOOM_DIGITAL_MAX, settleGroups } from './camera-model';

const u = UNITS_PER_DEGREE;

function rig(opts: ConstructorParameters<typeof SimCamera>[0] = {}) {
  let t = 0;
  const camera = new SimCamera({ ...opts, now: () => t });
  return { camera, advance: (ms: number) => (t += ms) };
}

describe('SimCamera moves to targets', () => {
  it('moves absolute at the commanded speeds and reports arrival', () => {
    const { camera, advance } = rig();
    // 0x0C → 50 °/s pan; 0x17 → 70 °/s tilt.
    camera.apply({ kind: 'pan-tilt-absolute', pan: -50 * u, tilt: 35 * u, panSpeed: 0x0c, tiltSpeed: 0x17 });
    expect(camera.isSettled(['pan-tilt'])).toBe(false);
    advance(500);
    expect(camera.snapshot()).toMatchObject({ panDeg: -25, tiltDeg: 35 });
    expect(camera.isSettled(['pan-tilt'])).toBe(false);
    advance(500);
    expect(camera.snapshot().panDeg).toBe(-50);
    expect(camera.isSettled(['pan-tilt'])).toBe(true);
    expect(camera.isSettled(['zoom', 'focus'])).toBe(true);
  });

  it('moves relative from the current target, clamped to the mechanical range', () => {
    const { camera, advance } = rig({ initial: { panDeg: 160 } });
    camera.apply({ kind: 'pan-tilt-relative', pan: 20 * u, tilt: -10 * u, panSpeed: 0x18, tiltSpeed: 0x17 });
    advance(2000);
    expect(camera.snapshot()).toMatchObject({ panDeg: 170, tiltDeg: -10 });
  });

  it('a single-speed-byte head moves both axes at the pan speed', () => {
    const { camera, advance } = rig({ variant: VISCA_VARIANTS['sony-brc-x400'] });
    camera.apply({ kind: 'pan-tilt-absolute', pan: 0, tilt: 60 * u, panSpeed: 0x0c, tiltSpeed: 0x0c });
    advance(500);
    // Tilt speed 0x0C → 70 · 12 / 23 °/s.
    expect(camera.snapshot().tiltDeg).toBeCloseTo(0.5 * ((70 * 12) / 23), 6);
  });

  it('refuses move speeds outside the variant range with syntax', () => {
    const { camera } = rig();
    const move = { kind: 'pan-tilt-absolute', pan: 0, tilt: 0, panSpeed: 0x19, tiltSpeed: 1 } as const;
    expect(camera.apply(move)).toEqual({ ok: false, error: 'syntax' });
  });

  it('narrows and restores pan/tilt limits', () => {
    const { camera, advance } = rig();
    camera.apply({ kind: 'pan-tilt-limit-set', corner: 'up-right', pan: 30 * u, tilt: 20 * u });
    camera.apply({ kind: 'pan-tilt-limit-set', corner: 'down-left', pan: -40 * u, tilt: -10 * u });
    expect(camera.snapshot().limitsDeg).toEqual({ panMin: -40, panMax: 30, tiltMin: -10, tiltMax: 20 });
    camera.apply({ kind: 'pan-tilt-drive', pan: 'right', tilt: 'up', panSpeed: 0x18, tiltSpeed: 0x17 });
    advance(5000);
    expect(camera.snapshot()).toMatchObject({ panDeg: 30, tiltDeg: 20 });
    const status = camera.answer('pan-tilt-status');
    expect(status).toMatchObject({ motion: 'idle', atLimit: { left: false, right: true, up: true, down: false } });
    camera.apply({ kind: 'pan-tilt-limit-clear', corner: 'up-right' });
    expect(camera.snapshot().limitsDeg).toEqual({ panMin: -40, panMax: 170, tiltMin: -10, tiltMax: 90 });
  });

  it('stores, recalls and resets presets with all four axes', () => {
    const { camera, advance } = rig({
      initial: { panDeg: 12, tiltDeg: -3, zoomPosition: 0x1000, focusMode: 'manual' },
    });
    camera.apply({ kind: 'preset', action: 'set', preset: 4 });
    camera.apply({ kind: 'pan-tilt-home' });
    camera.apply({ kind: 'zoom-direct', position: 0 });
    advance(5000);
    camera.apply({ kind: 'preset', action: 'recall', preset: 4 });
    expect(settleGroups({ kind: 'preset', action: 'recall', preset: 4 })).toEqual(['pan-tilt', 'zoom', 'focus']);
    expect(camera.isSettled(['pan-tilt', 'zoom'])).toBe(false);
    advance(5000);
    const back = camera.snapshot();
    expect(back).toMatchObject({ zoomPosition: 0x1000, presets: [4] });
    expect(back.panDeg).toBeCloseTo(12, 9);
    expect(back.tiltDeg).toBeCloseTo(-3, 9);
    camera.apply({ kind: 'preset', action: 'reset', preset: 4 });
    expect(camera.snapshot().presets).toEqual([]);
    // An empty slot recalls nothing and is done at once.
    camera.apply({ kind: 'preset', action: 'recall', preset: 9 });
    expect(camera.isSettled(['pan-tilt', 'zoom', 'focus'])).toBe(true);
    expect(camera.apply({ kind: 'preset', action: 'set', preset: 0x80 })).toEqual({ ok: false, error: 'syntax' });
  });

  it('answers 20-bit-class max speed from its variant', () => {
    const { camera } = rig({ variant: VISCA_VARIANTS.ptzoptics });
    expect(camera.answer('pan-tilt-max-speed')).toEqual({ inquiry: 'pan-tilt-max-speed', pan: 0x18, tilt: 0x14 });
  });
});

describe('SimCamera lens and exposure', () => {
  it('digital zoom widens the zoom range and clamps back when switched off', () => {
    const { camera, advance } = rig();
    camera.apply({ kind: 'digital-zoom', on: true });
    camera.apply({ kind: 'zoom-direct', position: 0x7000 });
    advance(10_000);
    expect(camera.snapshot()).toMatchObject({ zoomPosition: 0x7000, digitalZoom: true });
    camera.apply({ kind: 'zoom-standard', direction: 'tele' });
    advance(10_000);
    expect(camera.snapshot().zoomPosition).toBe(ZOOM_DIGITAL_MAX);
    camera.apply({ kind: 'digital-zoom', on: false });
    expect(camera.snapshot().zoomPosition).toBe(0x4000);
  });

  it('moves focus only in manual mode; a focus stop is always accepted', () => {
    const { camera, advance } = rig();
    expect(camera.apply({ kind: 'focus-drive', direction: 'far', speed: 7 })).toEqual({
      ok: false,
      error: 'not-executable',
    });
    expect(camera.apply({ kind: 'focus-drive', direction: 'stop' })).toEqual({ ok: true });
    expect(camera.apply({ kind: 'focus-direct', position: 0x2000 })).toEqual({ ok: false, error: 'not-executable' });
    camera.apply({ kind: 'focus-mode', mode: 'toggle' });
    expect(camera.answer('focus-mode')).toEqual({ inquiry: 'focus-mode', mode: 'manual', raw: 3 });
    camera.apply({ kind: 'focus-infinity' });
    advance(5000);
    expect(camera.answer('focus-position')).toEqual({ inquiry: 'focus-position', position: FOCUS_INFINITY });
    camera.apply({ kind: 'zoom-focus-direct', zoom: 0x2000, focus: 0x8000 });
    expect(settleGroups({ kind: 'zoom-focus-direct', zoom: 0, focus: 0 })).toEqual(['zoom', 'focus']);
    advance(5000);
    expect(camera.snapshot()).toMatchObject({ zoomPosition: 0x2000, focusPosition: 0x8000 });
    camera.apply({ kind: 'focus-standard', direction: 'near' });
    advance(100);
    expect(camera.snapshot().focusPosition).toBeGreaterThan(0x8000);
    camera.apply({ kind: 'focus-mode', mode: 'auto' });
    expect(camera.snapshot().focusMode).toBe('auto');
  });

  it('steps the iris through the table and gates exposure settings by AE mode', () => {
    const { camera } = rig({ initial: { aeMode: 'manual', irisCode: 0x11 } });
    camera.apply({ kind: 'iris-step', action: 'up' });
    expect(camera.snapshot().irisCode).toBe(0x11);
    camera.apply({ kind: 'iris-step', action: 'down' });
    expect(camera.snapshot().irisCode).toBe(0x10);
    camera.apply({ kind: 'iris-step', action: 'reset' });
    expect(camera.snapshot().irisCode).toBe(0x0c);
    expect(camera.apply({ kind: 'gain-direct', position: 9 })).toEqual({ ok: true });
    expect(camera.apply({ kind: 'bright-direct', position: 9 })).toEqual({ ok: false, error: 'not-executable' });
    camera.apply({ kind: 'ae-mode', mode: 'shutter-priority' });
    expect(camera.apply({ kind: 'shutter-direct', position: 0x15 })).toEqual({ ok: true });
    expect(camera.apply({ kind: 'gain-direct', position: 1 })).toEqual({ ok: false, error: 'not-executable' });
    camera.apply({ kind: 'exposure-comp', on: true });
    camera.apply({ kind: 'exposure-comp-direct', position: 0x0a });
    camera.apply({ kind: 'white-balance', mode: 'outdoor' });
    expect(camera.snapshot()).toMatchObject({
      gain: 9,
      shutter: 0x15,
      exposureComp: { on: true, level: 0x0a },
      whiteBalance: 'outdoor',
    });
  });
});
