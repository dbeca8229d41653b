/**
 * Pan-tilt status bit field (`y0 50 pq rs FF`, EVI-D80 / SRG status code list) ⇄ named fields. Bits 15
 * and 7 are the high bits of the two bytes and always 0 on the wire.
 */
import type { PanTiltInitialisation, PanTiltMotion, PanTiltStatus } from './visca-types';

const INIT: readonly PanTiltInitialisation[] = ['not-initialised', 'initialising', 'initialised', 'failed'];
const MOTION: readonly PanTiltMotion[] = ['idle', 'moving', 'completed', 'failed'];

/** Named fields of a 16-bit status value (bits 13–12 initialisation, 11–10 motion, 9–8 tilt, 5–4 pan, 3–0 ends). */
export function panTiltStatusFromRaw(raw: number): PanTiltStatus {
  return {
    raw,
    initialisation: INIT[(raw >> 12) & 3]!,
    motion: MOTION[(raw >> 10) & 3]!,
    tiltPositionError: ((raw >> 8) & 3) === 1,
    panPositionError: ((raw >> 4) & 3) === 1,
    atLimit: { left: (raw & 1) !== 0, right: (raw & 2) !== 0, up: (raw & 4) !== 0, down: (raw & 8) !== 0 },
  };
}

/** The 16-bit status value of named fields (what a simulated head reports). */
export function panTiltStatusRaw(s: Omit<PanTiltStatus, 'raw'>): number {
  return (
    (INIT.indexOf(s.initialisation) << 12) |
    (MOTION.indexOf(s.motion) << 10) |
    (s.tiltPositionError ? 1 << 8 : 0) |
    (s.panPositionError ? 1 << 4 : 0) |
    (s.atLimit.left ? 1 : 0) |
    (s.atLimit.right ? 2 : 0) |
    (s.atLimit.up ? 4 : 0) |
    (s.atLimit.down ? 8 : 0)
  );
}
