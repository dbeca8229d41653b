import { describe, expect, it } from 'vitest';
import {
  ROCKER_STEPS,
  formatFNumber,
  irisPositionOf,
  irisStepOf,
  rockerSpeed,
  zoomPositionOf,
  zoomSliderValue,
} from './lens-math';

describe('lens-math', () => {
  it('maps rocker deflection to a signed, dead-zoned, quantised speed', () => {
    expect(rockerSpeed(0, 100)).toBe(0);
    expect(rockerSpeed(10, 100)).toBe(0); // inside the 10 % dead zone
    expect(rockerSpeed(-10, 100)).toBe(0);
    expect(rockerSpeed(100, 100)).toBe(1);
    expect(rockerSpeed(-250, 100)).toBe(-1); // past the end: full speed
    expect(rockerSpeed(55, 100)).toBe(Math.round(0.5 * ROCKER_STEPS) / ROCKER_STEPS);
    expect(rockerSpeed(-55, 100)).toBe(-0.5);
    expect(rockerSpeed(50, 0)).toBe(0);
    expect(rockerSpeed(Number.NaN, 100)).toBe(0);
  });

  it('maps iris steps to positions and back (step i of n ↔ i/(n−1))', () => {
    expect(irisPositionOf(0, 14)).toBe(0);
    expect(irisPositionOf(13, 14)).toBe(1);
    expect(irisPositionOf(10, 14)).toBeCloseTo(10 / 13);
    for (let i = 0; i < 14; i++) expect(irisStepOf(irisPositionOf(i, 14), 14)).toBe(i);
    expect(irisStepOf(0.52, 14)).toBe(7); // nearest step
    expect(irisStepOf(null, 14)).toBeNull();
    expect(irisStepOf(0.5, 0)).toBeNull();
    expect(irisStepOf(2, 14)).toBe(13);
  });

  it('formats F-numbers, null for closed', () => {
    expect(formatFNumber(2.8)).toBe('2.8');
    expect(formatFNumber(11)).toBe('11');
    expect(formatFNumber(9.6)).toBe('9.6');
    expect(formatFNumber(null)).toBeNull();
  });

  it('maps zoom positions to slider values and back', () => {
    expect(zoomSliderValue(0.4237)).toBe(424);
    expect(zoomSliderValue(null)).toBe(0);
    expect(zoomSliderValue(1.2)).toBe(1000);
    expect(zoomPositionOf(600)).toBe(0.6);
    expect(zoomPositionOf(-5)).toBe(0);
  });
});
