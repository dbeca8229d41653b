import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  driveKeyOf,
  normaliseSettings,
  scaleVelocity,
  velocityFromKeys,
  zoomFactor,
  type InputSettings,
} from './input-math';

const keys = (...codes: string[]) => new Set(codes);
const full: InputSettings = { maxSpeed: 1, keySpeed: 0.5, followZoom: false };

describe('velocityFromKeys', () => {
  it('combines pan and tilt and uses the key speed without Shift', () => {
    expect(velocityFromKeys(keys('ArrowRight', 'ArrowUp'), false, 0.5)).toEqual({
      pan: 0.5,
      tilt: 0.5,
      zoom: 0,
      focus: 0,
    });
  });

  it('Shift is full speed; WASD is the same as the arrows and does not add up with them', () => {
    expect(velocityFromKeys(keys('KeyA', 'ArrowLeft', 'KeyS'), true, 0.3)).toEqual({
      pan: -1,
      tilt: -1,
      zoom: 0,
      focus: 0,
    });
  });

  it('opposite keys cancel; zoom and focus have their own keys', () => {
    expect(velocityFromKeys(keys('ArrowLeft', 'ArrowRight', 'Equal', 'BracketLeft'), false, 0.4)).toEqual({
      pan: 0,
      tilt: 0,
      zoom: 0.4,
      focus: -0.4,
    });
    expect(velocityFromKeys(keys('Minus', 'BracketRight'), false, 0.5)).toEqual({
      pan: 0,
      tilt: 0,
      zoom: -0.5,
      focus: 0.5,
    });
  });

  it('nothing held is zero', () => {
    expect(velocityFromKeys(keys(), true, 1)).toEqual({ pan: 0, tilt: 0, zoom: 0, focus: 0 });
  });
});

describe('driveKeyOf', () => {
  it('maps by physical code, with key fallbacks, and leaves digits alone (presets)', () => {
    expect(driveKeyOf({ code: 'KeyW', key: 'z' })).toBe('KeyW'); // AZERTY position still tilts up
    expect(driveKeyOf({ code: 'Equal', key: '+' })).toBe('Equal');
    expect(driveKeyOf({ code: 'IntlRo', key: '+' })).toBe('Equal');
    expect(driveKeyOf({ code: 'Digit1', key: '1' })).toBeNull();
    expect(driveKeyOf({ code: 'Space', key: ' ' })).toBeNull();
  });
});

describe('scaleVelocity', () => {
  const v = { pan: 1, tilt: -0.5, zoom: 1, focus: -1 };

  it('scales every axis by the max speed', () => {
    expect(scaleVelocity(v, { ...full, maxSpeed: 0.5 }, 0)).toEqual({ pan: 0.5, tilt: -0.25, zoom: 0.5, focus: -0.5 });
  });

  it('clamps max speed to 10–100 %', () => {
    expect(scaleVelocity(v, { ...full, maxSpeed: 0 }, 0).pan).toBeCloseTo(0.1, 1);
    expect(normaliseSettings({ maxSpeed: 3, keySpeed: Number.NaN })).toEqual({ ...DEFAULT_SETTINGS, maxSpeed: 1 });
  });

  it('follow zoom slows pan/tilt linearly from 1 at wide to 0.25 at full tele, not zoom or focus', () => {
    const s = { ...full, followZoom: true };
    expect(scaleVelocity(v, s, 0)).toEqual({ pan: 1, tilt: -0.5, zoom: 1, focus: -1 });
    expect(scaleVelocity(v, s, 1)).toEqual({ pan: 0.25, tilt: -0.125, zoom: 1, focus: -1 });
    expect(scaleVelocity(v, s, 0.5).pan).toBeCloseTo(0.625, 1);
    expect(scaleVelocity(v, { ...s, maxSpeed: 0.5 }, 1).pan).toBeCloseTo(0.125, 2);
  });

  it('ignores the zoom when follow zoom is off, and treats an unknown zoom as wide', () => {
    expect(scaleVelocity(v, full, 1).pan).toBe(1);
    expect(zoomFactor(null)).toBe(1);
    expect(zoomFactor(Number.NaN)).toBe(1);
    expect(zoomFactor(2)).toBe(0.25);
  });

  it('quantises, so nearby inputs compare equal, and never returns -0', () => {
    const a = scaleVelocity({ pan: 0.5001, tilt: 0, zoom: 0, focus: 0 }, full, 0);
    const b = scaleVelocity({ pan: 0.4999, tilt: 0, zoom: 0, focus: 0 }, full, 0);
    expect(a).toEqual(b);
    expect(Object.is(scaleVelocity({ pan: -0, tilt: 0, zoom: 0, focus: 0 }, full, 0).pan, 0)).toBe(true);
  });
});
