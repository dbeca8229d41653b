import { describe, expect, it } from 'vitest';
import {
  IRIS_F_NUMBER,
  SimCamera,
  UNITS_PER_DEGREE,
  panDegPerSecond,
  tiltDegPerSecond,
  zoomRatioOf,
  zoomUnitsPerSecond,
} from './camera-model';

/** A camera on a hand-driven clock. */
function rig(initial: ConstructorParameters<typeof SimCamera>[0] = {}) {
  let t = 1000;
  const camera = new SimCamera({ ...initial, now: () => t });
  return {
    camera,
    advance(ms: number) {
      t += ms;
    },
  };
}

describe('speed mappings', () => {
  it('are linear and documented end points hold', () => {
    expect(panDegPerSecond(0x18)).toBe(100);
    expect(panDegPerSecond(0x0c)).toBe(50);
    expect(tiltDegPerSecond(0x17)).toBe(70);
    expect(zoomUnitsPerSecond(7)).toBe(0x2000);
    expect(zoomUnitsPerSecond(0)).toBe(0x400);
  });
});

describe('SimCamera pan/tilt', () => {
  it('starts centred, wide, F4, full auto, on and still', () => {
    const s = rig().camera.snapshot();
    expect(s).toMatchObject({
      panDeg: 0,
      tiltDeg: 0,
      zoomPosition: 0,
      zoomRatio: 1,
      irisCode: 0x0c,
      irisF: 4,
      aeMode: 'full-auto',
      power: true,
      moving: false,
    });
  });

  it('pans right at a speed proportional to the VISCA speed', () => {
    const { camera, advance } = rig();
    expect(camera.apply({ kind: 'pan-tilt-drive', pan: 'right', tilt: 'stop', panSpeed: 0x0c, tiltSpeed: 1 })).toEqual({
      ok: true,
    });
    advance(1000);
    let s = camera.snapshot();
    expect(s.panDeg).toBeCloseTo(50, 6);
    expect(s.tiltDeg).toBe(0);
    expect(s.panVelocityDegS).toBeCloseTo(50, 6);
    expect(s.moving).toBe(true);
    // Double speed, double distance in the same time.
    camera.apply({ kind: 'pan-tilt-drive', pan: 'left', tilt: 'stop', panSpeed: 0x18, tiltSpeed: 1 });
    advance(500);
    s = camera.snapshot();
    expect(s.panDeg).toBeCloseTo(0, 6);
    expect(s.panVelocityDegS).toBeCloseTo(-100, 6);
  });

  it('tilts up and down and stops on a stop command', () => {
    const { camera, advance } = rig();
    camera.apply({ kind: 'pan-tilt-drive', pan: 'stop', tilt: 'up', panSpeed: 1, tiltSpeed: 0x17 });
    advance(500);
    expect(camera.snapshot().tiltDeg).toBeCloseTo(35, 6);
    camera.apply({ kind: 'pan-tilt-drive', pan: 'stop', tilt: 'stop', panSpeed: 1, tiltSpeed: 1 });
    advance(5000);
    const s = camera.snapshot();
    expect(s.tiltDeg).toBeCloseTo(35, 6);
    expect(s.moving).toBe(false);
    camera.apply({ kind: 'pan-tilt-drive', pan: 'stop', tilt: 'down', panSpeed: 1, tiltSpeed: 0x17 });
    advance(250);
    expect(camera.snapshot().tiltDeg).toBeCloseTo(17.5, 6);
  });

  it('clamps at the hard limits and reports zero velocity there', () => {
    const { camera, advance } = rig();
    camera.apply({ kind: 'pan-tilt-drive', pan: 'right', tilt: 'up', panSpeed: 0x18, tiltSpeed: 0x17 });
    advance(60_000);
    let s = camera.snapshot();
    expect(s.panDeg).toBe(170);
    expect(s.tiltDeg).toBe(90);
    expect(s.panVelocityDegS).toBe(0);
    expect(s.moving).toBe(false);
    expect(camera.answer('pan-tilt-position')).toEqual({ inquiry: 'pan-tilt-position', pan: 0x2200, tilt: 0x1200 });
    camera.apply({ kind: 'pan-tilt-drive', pan: 'left', tilt: 'down', panSpeed: 0x18, tiltSpeed: 0x17 });
    advance(60_000);
    s = camera.snapshot();
    expect(s.panDeg).toBe(-170);
    expect(s.tiltDeg).toBe(-30);
    expect(camera.answer('pan-tilt-position')).toEqual({ inquiry: 'pan-tilt-position', pan: -0x2200, tilt: -1536 });
  });

  it('answers positions in VISCA units (51.2 per degree), negative included', () => {
    const { camera } = rig({ initial: { panDeg: -10, tiltDeg: 12.5 } });
    expect(camera.answer('pan-tilt-position')).toEqual({ inquiry: 'pan-tilt-position', pan: -512, tilt: 640 });
    expect(UNITS_PER_DEGREE * 170).toBe(0x2200);
  });

  it('homes at maximum speed and stops exactly at 0/0', () => {
    const { camera, advance } = rig({ initial: { panDeg: 150, tiltDeg: -20 } });
    camera.apply({ kind: 'pan-tilt-home' });
    advance(500);
    let s = camera.snapshot();
    expect(s.panDeg).toBeCloseTo(100, 6);
    expect(s.tiltDeg).toBeCloseTo(0, 6);
    expect(s.panVelocityDegS).toBeCloseTo(-100, 6);
    expect(s.tiltVelocityDegS).toBe(0);
    advance(2000);
    s = camera.snapshot();
    expect(s.panDeg).toBe(0);
    expect(s.moving).toBe(false);
  });

  it('lets a drive interrupt homing', () => {
    const { camera, advance } = rig({ initial: { panDeg: 100 } });
    camera.apply({ kind: 'pan-tilt-home' });
    advance(100);
    camera.apply({ kind: 'pan-tilt-drive', pan: 'stop', tilt: 'stop', panSpeed: 1, tiltSpeed: 1 });
    advance(1000);
    expect(camera.snapshot().panDeg).toBeCloseTo(90, 6);
  });

  it('ignores a clock that steps backwards', () => {
    let t = 5000;
    const camera = new SimCamera({ now: () => t });
    camera.apply({ kind: 'pan-tilt-drive', pan: 'right', tilt: 'stop', panSpeed: 0x18, tiltSpeed: 1 });
    t = 4000;
    expect(camera.snapshot().panDeg).toBe(0);
    t = 5100;
    expect(camera.snapshot().panDeg).toBeCloseTo(10, 6);
  });
});

describe('SimCamera zoom', () => {
  it('maps position to ratio 20^(pos/0x4000)', () => {
    expect(zoomRatioOf(0)).toBe(1);
    expect(zoomRatioOf(0x4000)).toBeCloseTo(20, 9);
    expect(zoomRatioOf(0x2000)).toBeCloseTo(Math.sqrt(20), 9);
  });

  it('zooms at the variable speed and clamps at 0..0x4000', () => {
    const { camera, advance } = rig();
    camera.apply({ kind: 'zoom-drive', direction: 'tele', speed: 7 });
    advance(1000);
    expect(camera.snapshot().zoomPosition).toBe(0x2000);
    expect(camera.snapshot().zoomVelocity).toBe(0x2000);
    advance(10_000);
    expect(camera.answer('zoom-position')).toEqual({ inquiry: 'zoom-position', position: 0x4000 });
    expect(camera.snapshot().zoomRatio).toBeCloseTo(20, 9);
    camera.apply({ kind: 'zoom-drive', direction: 'wide', speed: 0 });
    advance(1000);
    expect(camera.snapshot().zoomPosition).toBe(0x4000 - 0x400);
    camera.apply({ kind: 'zoom-drive', direction: 'stop', speed: 0 });
    advance(1000);
    expect(camera.snapshot().zoomPosition).toBe(0x3c00);
  });

  it('moves to a zoom-direct target at maximum speed and clamps beyond the optical range', () => {
    const { camera, advance } = rig();
    camera.apply({ kind: 'zoom-direct', position: 0x1000 });
    advance(250);
    expect(camera.snapshot().zoomPosition).toBe(0x800);
    advance(1000);
    expect(camera.snapshot().zoomPosition).toBe(0x1000);
    camera.apply({ kind: 'zoom-direct', position: 0x7ac0 });
    advance(10_000);
    expect(camera.snapshot().zoomPosition).toBe(0x4000);
  });
});

describe('SimCamera iris, AE and power', () => {
  it('knows the SRG-300H iris table', () => {
    expect(IRIS_F_NUMBER.get(0x05)).toBe(14);
    expect(IRIS_F_NUMBER.get(0x0a)).toBe(5.6);
    expect(IRIS_F_NUMBER.get(0x11)).toBe(1.6);
    expect(IRIS_F_NUMBER.has(0x04)).toBe(false);
  });

  it('refuses iris-direct in full auto, shutter priority and bright with not-executable', () => {
    const { camera } = rig();
    for (const mode of ['full-auto', 'shutter-priority', 'bright'] as const) {
      camera.apply({ kind: 'ae-mode', mode });
      expect(camera.apply({ kind: 'iris-direct', position: 0x05 })).toEqual({ ok: false, error: 'not-executable' });
    }
    expect(camera.snapshot().irisCode).toBe(0x0c);
  });

  it('accepts iris-direct in manual and iris priority, including closed', () => {
    const { camera } = rig();
    camera.apply({ kind: 'ae-mode', mode: 'manual' });
    expect(camera.apply({ kind: 'iris-direct', position: 0x11 })).toEqual({ ok: true });
    expect(camera.snapshot()).toMatchObject({ irisCode: 0x11, irisF: 1.6, aeMode: 'manual' });
    camera.apply({ kind: 'ae-mode', mode: 'iris-priority' });
    expect(camera.apply({ kind: 'iris-direct', position: 0x00 })).toEqual({ ok: true });
    expect(camera.snapshot().irisF).toBeNull();
    expect(camera.answer('iris-position')).toEqual({ inquiry: 'iris-position', position: 0 });
    expect(camera.answer('ae-mode')).toEqual({ inquiry: 'ae-mode', mode: 'iris-priority', raw: 0x0b });
  });

  it('answers syntax for iris codes outside the table', () => {
    const { camera } = rig({ initial: { aeMode: 'manual' } });
    expect(camera.apply({ kind: 'iris-direct', position: 0x03 })).toEqual({ ok: false, error: 'syntax' });
    expect(camera.apply({ kind: 'iris-direct', position: 0x12 })).toEqual({ ok: false, error: 'syntax' });
  });

  it('in standby stops motion and refuses everything but power', () => {
    const { camera, advance } = rig();
    camera.apply({ kind: 'pan-tilt-drive', pan: 'right', tilt: 'stop', panSpeed: 0x18, tiltSpeed: 1 });
    advance(100);
    camera.apply({ kind: 'power', on: false });
    advance(1000);
    expect(camera.snapshot()).toMatchObject({ power: false, moving: false });
    expect(camera.snapshot().panDeg).toBeCloseTo(10, 6);
    expect(camera.apply({ kind: 'pan-tilt-home' })).toEqual({ ok: false, error: 'not-executable' });
    expect(camera.answer('power')).toEqual({ inquiry: 'power', on: false });
    expect(camera.apply({ kind: 'power', on: true })).toEqual({ ok: true });
    expect(camera.apply({ kind: 'pan-tilt-home' })).toEqual({ ok: true });
  });

  it('rejects speeds outside the VISCA ranges with syntax', () => {
    const { camera } = rig();
    expect(camera.apply({ kind: 'pan-tilt-drive', pan: 'right', tilt: 'stop', panSpeed: 0x19, tiltSpeed: 1 })).toEqual({
      ok: false,
      error: 'syntax',
    });
    expect(camera.apply({ kind: 'zoom-drive', direction: 'tele', speed: 8 })).toEqual({ ok: false, error: 'syntax' });
  });

  it('reports its version', () => {
    expect(rig().camera.answer('version')).toEqual({
      inquiry: 'version',
      vendor: 1,
      model: 0x0511,
      rom: 0x0100,
      maxSocket: 2,
    });
  });
});
