import { describe, expect, it } from 'vitest';
import {
  EMPTY_PROFILE,
  PROFILES_KEY,
  STANDARD_PROFILE,
  applyAxisDeadZone,
  detectAxis,
  detectButton,
  loadProfiles,
  profileFor,
  readPad,
  saveProfile,
  type GamepadProfile,
} from './gamepad-mapping';

const buttons = (...down: number[]) => Array.from({ length: 17 }, (_, i) => ({ pressed: down.includes(i) }));

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

describe('applyAxisDeadZone', () => {
  it('is zero inside the dead zone and rescaled outside, so there is no jump at the edge', () => {
    expect(applyAxisDeadZone(0.1, 0.2)).toBe(0);
    expect(applyAxisDeadZone(-0.19, 0.2)).toBe(0);
    expect(applyAxisDeadZone(0.2, 0.2)).toBe(0);
    expect(applyAxisDeadZone(0.6, 0.2)).toBeCloseTo(0.5);
    expect(applyAxisDeadZone(-1, 0.2)).toBe(-1);
  });

  it('clamps the dead zone to 0–0.5 and rejects non-finite input', () => {
    expect(applyAxisDeadZone(0.7, 0.9)).toBeCloseTo(0.4);
    expect(applyAxisDeadZone(Number.NaN, 0.1)).toBe(0);
    expect(applyAxisDeadZone(1.4, 0)).toBe(1);
  });
});

describe('readPad', () => {
  it('standard profile: left stick pan/tilt (stick up = tilt up), right stick Y zoom, bumpers focus', () => {
    const r = readPad({ axes: [1, -1, 0, -1], buttons: buttons(5) }, STANDARD_PROFILE);
    expect(r.velocity).toEqual({ pan: 1, tilt: 1, zoom: 1, focus: 1 });
    expect(r.stopAll).toBe(false);
    expect(readPad({ axes: [0, 0, 0, 0], buttons: buttons(4, 1) }, STANDARD_PROFILE)).toEqual({
      velocity: { pan: 0, tilt: 0, zoom: 0, focus: -1 },
      stopAll: true,
    });
  });

  it('applies each axis dead zone and invert from a raw axes array', () => {
    const profile: GamepadProfile = {
      ...EMPTY_PROFILE,
      axes: {
        pan: { index: 2, invert: true, deadZone: 0.2 },
        tilt: { index: 0, invert: false, deadZone: 0.5 },
        zoom: null,
        focus: { index: 1, invert: false, deadZone: 0 },
      },
    };
    const r = readPad({ axes: [0.4, 0.3, 0.6], buttons: [] }, profile);
    expect(r.velocity.pan).toBeCloseTo(-0.5);
    expect(r.velocity.tilt).toBe(0);
    expect(r.velocity.zoom).toBe(0);
    expect(r.velocity.focus).toBeCloseTo(0.3);
  });

  it('a resting pad with small drift reads zero; missing axes and buttons read as rest', () => {
    expect(readPad({ axes: [0.05, -0.08, 0.02, 0.1], buttons: buttons() }, STANDARD_PROFILE).velocity).toEqual({
      pan: 0,
      tilt: 0,
      zoom: 0,
      focus: 0,
    });
    expect(readPad({ axes: [], buttons: [] }, STANDARD_PROFILE).stopAll).toBe(false);
  });
});

describe('learn detection', () => {
  it('takes the axis with the largest change from its rest value; invert when it moved negative', () => {
    const rest = [0, 0, -1, 0];
    expect(detectAxis(rest, [0.1, 0.2, -1, 0])).toBeNull();
    expect(detectAxis(rest, [0.6, 0.1, -1, 0])).toEqual({ index: 0, invert: false });
    expect(detectAxis(rest, [0.6, -0.9, -1, 0])).toEqual({ index: 1, invert: true });
    // A trigger resting at −1 pressed to +1 beats a stick half-moved.
    expect(detectAxis(rest, [0.6, 0, 1, 0])).toEqual({ index: 2, invert: false });
  });

  it('takes a newly pressed button, not one already down at rest', () => {
    expect(detectButton([false, true, false], [false, true, false])).toBeNull();
    expect(detectButton([false, true, false], [false, true, true])).toBe(2);
  });
});

describe('profiles', () => {
  it('round-trips through storage, keyed by gamepad id, and keeps other pads', () => {
    const s = memoryStorage();
    const custom: GamepadProfile = {
      axes: { pan: { index: 3, invert: true, deadZone: 0.1 }, tilt: null, zoom: null, focus: null },
      buttons: { stopAll: 7, focusNear: null, focusFar: null },
    };
    saveProfile(s, 'Logitech Extreme 3D (Vendor: 046d Product: c215)', custom);
    saveProfile(s, 'other', STANDARD_PROFILE);
    const loaded = loadProfiles(s);
    expect(loaded.get('Logitech Extreme 3D (Vendor: 046d Product: c215)')).toEqual(custom);
    expect(loaded.get('other')).toEqual(STANDARD_PROFILE);
    saveProfile(s, 'other', null);
    expect([...loadProfiles(s).keys()]).toEqual(['Logitech Extreme 3D (Vendor: 046d Product: c215)']);
  });

  it('drops invalid entries and survives corrupt storage', () => {
    const s = memoryStorage();
    s.setItem(PROFILES_KEY, JSON.stringify({ good: STANDARD_PROFILE, bad: { axes: 1 } }));
    expect([...loadProfiles(s).keys()]).toEqual(['good']);
    s.setItem(PROFILES_KEY, '{not json');
    expect(loadProfiles(s).size).toBe(0);
    expect(loadProfiles(undefined).size).toBe(0);
  });

  it('uses a saved profile, else the standard default for standard pads, else nothing', () => {
    const saved = new Map([['x', EMPTY_PROFILE]]);
    expect(profileFor({ id: 'x', mapping: 'standard' }, saved)).toBe(EMPTY_PROFILE);
    expect(profileFor({ id: 'y', mapping: 'standard' }, saved)).toBe(STANDARD_PROFILE);
    expect(profileFor({ id: 'z', mapping: '' }, saved)).toBe(EMPTY_PROFILE);
  });
});
