import { describe, expect, it } from 'vitest';
import {
  decodePelcoDGeneralResponse,
  decodePelcoDResponse,
  decodePelcoPResponse,
  degreesToPelcoPan,
  degreesToPelcoTilt,
  encodePelcoD,
  encodePelcoDResponse,
  encodePelcoPResponse,
  hexBytes,
  pelcoPanToDegrees,
  pelcoTiltToDegrees,
  type PelcoResponse,
} from '.';

const bytes = (s: string): Uint8Array => Uint8Array.from(s.split(' ').map((x) => parseInt(x, 16)));

describe('Pelco-D position responses', () => {
  it.each<[PelcoResponse, string]>([
    [{ kind: 'position', address: 1, what: 'pan', value: 9000 }, 'FF 01 00 59 23 28 A5'],
    [{ kind: 'position', address: 2, what: 'tilt', value: 0 }, 'FF 02 00 5B 00 00 5D'],
    [{ kind: 'position', address: 255, what: 'zoom', value: 0xffff }, 'FF FF 00 5D FF FF 5A'],
    [{ kind: 'position', address: 9, what: 'pan', value: 35999 }, 'FF 09 00 59 8C 9F 8D'],
  ])('%o ⇄ %s', (r, frame) => {
    expect(hexBytes(encodePelcoDResponse(r))).toBe(frame);
    expect(decodePelcoDResponse(bytes(frame))).toEqual({ ok: true, value: r });
  });

  it('refuses out-of-range values on both sides', () => {
    expect(() => encodePelcoDResponse({ kind: 'position', address: 1, what: 'pan', value: 36000 })).toThrow(
      /pan position must be an integer 0–35999, got 36000/,
    );
    expect(() => encodePelcoDResponse({ kind: 'position', address: 0, what: 'pan', value: 0 })).toThrow(RangeError);
    const r = decodePelcoDResponse(bytes('FF 01 00 5B 8C A0 88'));
    expect(r).toMatchObject({ ok: false, error: { reason: 'bad-data' } });
  });

  it('a command frame (our own echo on a half-duplex bus) is not a response', () => {
    const r = decodePelcoDResponse(encodePelcoD(1, { kind: 'query', what: 'pan' }));
    expect(r).toMatchObject({ ok: false, error: { reason: 'unknown-command' } });
  });

  it('checks the envelope first', () => {
    expect(decodePelcoDResponse(bytes('FF 01 00 59 23 28 A6'))).toMatchObject({
      ok: false,
      error: { reason: 'bad-checksum' },
    });
    expect(decodePelcoDResponse(bytes('FF 01 00 59 23'))).toMatchObject({ ok: false, error: { reason: 'too-short' } });
  });
});

describe('Pelco-D general response (FF addr alarms checksum)', () => {
  it('checksum is the answered command’s checksum plus the alarm byte', () => {
    const frame = encodePelcoDResponse({ kind: 'general', address: 1, alarms: 0x10 }, 0x89);
    expect(hexBytes(frame)).toBe('FF 01 10 99');
    expect(decodePelcoDGeneralResponse(frame, 0x89)).toEqual({
      ok: true,
      value: { kind: 'general', address: 1, alarms: 0x10 },
    });
    expect(decodePelcoDGeneralResponse(frame, 0x88)).toMatchObject({ ok: false, error: { reason: 'bad-checksum' } });
    // Wraps: F0 + 20 = 0x110 → 10.
    expect(hexBytes(encodePelcoDResponse({ kind: 'general', address: 3, alarms: 0x20 }, 0xf0))).toBe('FF 03 20 10');
  });

  it('cannot be encoded without that checksum, nor decoded as a position response', () => {
    expect(() => encodePelcoDResponse({ kind: 'general', address: 1, alarms: 0 })).toThrow(/needs the checksum/);
    expect(decodePelcoDResponse(bytes('FF 01 10 99'))).toMatchObject({
      ok: false,
      error: { reason: 'unknown-command' },
    });
  });
});

describe('Pelco-P position responses (assumed layout)', () => {
  it('wraps the extended layout in A0 … AF with a zero-based address', () => {
    const r: PelcoResponse = { kind: 'position', address: 1, what: 'pan', value: 9000 };
    expect(hexBytes(encodePelcoPResponse(r))).toBe('A0 00 00 59 23 28 AF 5D');
    expect(decodePelcoPResponse(bytes('A0 00 00 59 23 28 AF 5D'))).toEqual({ ok: true, value: r });
    expect(() => encodePelcoPResponse({ kind: 'general', address: 1, alarms: 0 })).toThrow(RangeError);
  });
});

describe('angles', () => {
  it.each<[number, number]>([
    [0, 0],
    [9000, 90],
    [18000, 180],
    [18001, -179.99],
    [27000, -90],
    [35999, -0.01],
  ])('pan %d → %d°', (value, deg) => {
    expect(pelcoPanToDegrees(value)).toBeCloseTo(deg, 6);
    expect(degreesToPelcoPan(deg)).toBe(value);
  });

  it('wraps any angle into 0–35999 without −0', () => {
    expect(degreesToPelcoPan(360)).toBe(0);
    expect(degreesToPelcoPan(-0.004)).toBe(0);
    expect(Object.is(pelcoPanToDegrees(0), 0)).toBe(true);
    expect(degreesToPelcoPan(-720.5)).toBe(35950);
  });

  it('tilt counts below the horizon by default; up-positive is selectable', () => {
    expect(pelcoTiltToDegrees(4500)).toBe(-45);
    expect(pelcoTiltToDegrees(31500)).toBe(45);
    expect(pelcoTiltToDegrees(4500, 'up-positive')).toBe(45);
    expect(Object.is(pelcoTiltToDegrees(0), 0)).toBe(true);
    expect(degreesToPelcoTilt(-45)).toBe(4500);
    expect(degreesToPelcoTilt(30)).toBe(33000);
    expect(degreesToPelcoTilt(30, 'up-positive')).toBe(3000);
    expect(pelcoTiltToDegrees(degreesToPelcoTilt(-90))).toBe(-90);
  });
});
