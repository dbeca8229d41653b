/**
 * The operator's side of the serial runs: a smooth joystick path sampled at 120 Hz, the native VISCA
 * frame each sample encodes to (the driver's own mapping, so the bench and the driver agree byte for
 * byte), and the bookkeeping that turns samples into "runs" and ages the frames seen on the wire.
 */
import type { Velocity } from '../shared/model/motion';
import { motionCommand, stopCommand } from '../electron/core/devices/drivers/visca-mapping';
import { SONY_SRG } from '../electron/core/devices/drivers/visca-models';
import { encodeCommand } from '../electron/core/devices/protocols/visca';

/** Update rate of the simulated joystick, Hz. */
export const JOYSTICK_HZ = 120;

/**
 * Pan/tilt at `tMs` into a run: a vector turning once every 4 s whose length breathes between 0.2 and
 * 0.9 every 2.7 s, so the native speed pair changes every few samples and both directions of both axes
 * occur. `phase` (radians) varies the start between runs; the head returns near its start each turn.
 */
export function joystickAt(tMs: number, phase = 0): Pick<Velocity, 'pan' | 'tilt'> {
  const angle = phase + (2 * Math.PI * tMs) / 4000;
  const length = 0.55 + 0.35 * Math.sin((2 * Math.PI * tMs) / 2700);
  return { pan: length * Math.cos(angle), tilt: length * Math.sin(angle) };
}

/** The pan-tilt frame the driver sends for `v` (address 1, Sony SRG model, linear curve). */
export function panTiltFrame(v: Pick<Velocity, 'pan' | 'tilt'>): Uint8Array {
  const command = motionCommand('pan-tilt', { pan: v.pan, tilt: v.tilt, zoom: 0, focus: 0 }, SONY_SRG, {
    exponent: 1,
  });
  return encodeCommand(1, command);
}

/** The pan-tilt STOP frame (`81 01 06 01 01 01 03 03 FF`). */
export const PAN_TILT_STOP = encodeCommand(1, stopCommand('pan-tilt', SONY_SRG));

export const hexOf = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

/** True for a pan-tilt drive frame from the console to camera 1 (`81 01 06 01 …`), stop included. */
export function isPanTiltDrive(b: Uint8Array): boolean {
  return b.length === 9 && b[0] === 0x81 && b[1] === 0x01 && b[2] === 0x06 && b[3] === 0x01;
}

/** One joystick sample as the bench sent it. */
export interface Sample {
  /** `performance.now()` just before `setVelocity`. */
  at: number;
  /** Hex of the native frame it encodes to. */
  hex: string;
}

/** Consecutive samples that encode to the same native frame; `start` is when the first was sent. */
export interface Run {
  hex: string;
  start: number;
}

export function toRuns(samples: readonly Sample[]): Run[] {
  const runs: Run[] = [];
  for (const s of samples) if (runs.at(-1)?.hex !== s.hex) runs.push({ hex: s.hex, start: s.at });
  return runs;
}

/**
 * Age of the velocity a frame carries: `wireAt` minus the start of the most recent run with the same
 * bytes that started before `wireAt`. Undefined when no run matches (a frame the operator never asked
 * for — the bench reports those separately).
 */
export function ageOf(runs: readonly Run[], hex: string, wireAt: number): number | undefined {
  for (let i = runs.length - 1; i >= 0; i--) {
    const r = runs[i]!;
    if (r.start < wireAt && r.hex === hex) return wireAt - r.start;
  }
  return undefined;
}
