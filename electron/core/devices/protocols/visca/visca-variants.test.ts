import { describe, expect, it } from 'vitest';
import { encodeCommand } from './visca-encode';
import { decodeCommandOrInquiry } from './visca-command-decode';
import { SONY_GENERIC_VARIANT, VISCA_VARIANTS, maxPacketLength, positionRange } from './visca-variants';

describe('codec variants (data, not branches)', () => {
  it('lists each variant under its own id with sane values', () => {
    for (const [id, v] of Object.entries(VISCA_VARIANTS)) {
      expect(v.id).toBe(id);
      expect([4, 5]).toContain(v.positionNibbles);
      expect(v.panSpeedMax).toBeGreaterThanOrEqual(1);
      expect(v.panSpeedMax).toBeLessThanOrEqual(0x7f);
      expect(v.tiltSpeedMax).toBeLessThanOrEqual(0x7f);
      // Every native preset byte must stay 7-bit so a stream framer cannot take it for a header.
      expect(v.presetMax).toBeLessThanOrEqual(0x7f);
      expect([0, 1]).toContain(v.presetBase);
    }
    expect(SONY_GENERIC_VARIANT).toBe(VISCA_VARIANTS['sony-generic']);
  });

  it('encodes the same move three ways', () => {
    const move = { kind: 'pan-tilt-absolute', pan: -1, tilt: 1, panSpeed: 3, tiltSpeed: 4 } as const;
    const lengths = (['sony-generic', 'sony-brc-x400', 'sony-ilme-fr7'] as const).map((id) => {
      const v = VISCA_VARIANTS[id];
      const frame = encodeCommand(2, move, v);
      expect(frame.length).toBeLessThanOrEqual(maxPacketLength(v));
      const back = decodeCommandOrInquiry(frame, v);
      expect(back.ok && back.value.message).toEqual({
        type: 'command',
        command: v.singleSpeedByte ? { ...move, tiltSpeed: move.panSpeed } : move,
      });
      return frame.length;
    });
    expect(lengths).toEqual([15, 15, 17]);
    expect(positionRange(SONY_GENERIC_VARIANT)).toEqual({ min: -0x8000, max: 0x7fff });
  });
});
