/** Pure mappings of the lens controls: rocker deflection → zoom speed, iris steps ↔ positions, labels. */

/** Fraction of the rocker's travel around the centre that sends nothing. */
export const ROCKER_DEAD_ZONE = 0.1;
/** Speeds are quantised to 1/ROCKER_STEPS so pixel jitter does not become a stream of commands. */
export const ROCKER_STEPS = 32;
/** Speed of a held arrow key on the rocker, and of the focus near/far buttons. */
export const KEY_ZOOM_SPEED = 0.5;
export const FOCUS_SPEED = 0.5;
/** The zoom slider's resolution: positions are sent in 1/ZOOM_SLIDER_STEPS. */
export const ZOOM_SLIDER_STEPS = 1000;

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/**
 * Zoom speed for a rocker deflected `offsetPx` from its centre (+ toward tele) with `travelPx` of travel
 * each way: −1..1, zero inside the dead zone, rescaled outside it so speed starts from 0 at its edge.
 */
export function rockerSpeed(offsetPx: number, travelPx: number, deadZone = ROCKER_DEAD_ZONE): number {
  if (!(travelPx > 0) || !Number.isFinite(offsetPx)) return 0;
  const d = clamp(offsetPx / travelPx, -1, 1);
  const magnitude = Math.abs(d);
  if (magnitude <= deadZone) return 0;
  const scaled = (magnitude - deadZone) / (1 - deadZone);
  const q = Math.round(scaled * ROCKER_STEPS) / ROCKER_STEPS;
  return q === 0 ? 0 : Math.sign(d) * q;
}

/** The iris step (0 … n−1) nearest a normalised opening; null when unknown or without steps. */
export function irisStepOf(position: number | null | undefined, stepCount: number): number | null {
  if (stepCount <= 0 || position === null || position === undefined || !Number.isFinite(position)) return null;
  if (stepCount === 1) return 0;
  return Math.round(clamp(position, 0, 1) * (stepCount - 1));
}

/** The normalised opening of iris step `step` of `stepCount` (step i of n ↔ i/(n−1)). */
export function irisPositionOf(step: number, stepCount: number): number {
  if (stepCount <= 1) return 0;
  return clamp(step, 0, stepCount - 1) / (stepCount - 1);
}

/** An F-number as the operator reads it: `2.8`, `11`, `1.6`; null for a closed iris. */
export function formatFNumber(f: number | null | undefined): string | null {
  if (f === null || f === undefined || !Number.isFinite(f)) return null;
  return String(Math.round(f * 10) / 10);
}

/** Slider value (0 … ZOOM_SLIDER_STEPS) of a normalised zoom position. */
export function zoomSliderValue(position: number | null | undefined): number {
  if (position === null || position === undefined || !Number.isFinite(position)) return 0;
  return Math.round(clamp(position, 0, 1) * ZOOM_SLIDER_STEPS);
}

/** Normalised zoom position of a slider value. */
export function zoomPositionOf(sliderValue: number): number {
  if (!Number.isFinite(sliderValue)) return 0;
  return clamp(sliderValue, 0, ZOOM_SLIDER_STEPS) / ZOOM_SLIDER_STEPS;
}
