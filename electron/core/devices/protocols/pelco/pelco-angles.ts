/**
 * Pelco position units ⇄ degrees. Pan and tilt positions (set 4B/4D, responses 59/5B) are hundredths of
 * a degree, 0–35999, wrapping at 360°.
 */

/**
 * How a receiver counts tilt. Pelco domes look down from the ceiling and count degrees below the horizon
 * (`'down-positive'`: 4500 = 45° down; angles above the horizon wrap to 36000 − x). Some box cameras count
 * upwards (`'up-positive'`). Which one a camera uses is device-specific (the reference does not say).
 */
export type PelcoTiltSense = 'down-positive' | 'up-positive';

/** Wraps a whole number of hundredths into 0–35999. */
function wrap(hundredths: number): number {
  const h = Math.round(hundredths) % 36000;
  return h < 0 ? h + 36000 : h + 0; // + 0 turns −0 into 0
}

/** Pan position 0–35999 (1/100°) → degrees in (−180, 180], + right (clockwise seen from above). */
export function pelcoPanToDegrees(value: number): number {
  const deg = wrap(value) / 100;
  return deg > 180 ? deg - 360 : deg;
}

/** Degrees (any; + right) → pan position 0–35999 (1/100°). */
export function degreesToPelcoPan(deg: number): number {
  return wrap(deg * 100);
}

/** Tilt position 0–35999 (1/100°) → degrees in (−180, 180], + up, for the receiver's tilt sense. */
export function pelcoTiltToDegrees(value: number, sense: PelcoTiltSense = 'down-positive'): number {
  const signed = pelcoPanToDegrees(value); // the same wrap; only the sign convention differs
  if (sense === 'up-positive' || signed === 0) return signed;
  return signed === 180 ? 180 : -signed;
}

/** Degrees (+ up) → tilt position 0–35999 (1/100°) for the receiver's tilt sense. */
export function degreesToPelcoTilt(deg: number, sense: PelcoTiltSense = 'down-positive'): number {
  return wrap((sense === 'down-positive' ? -deg : deg) * 100);
}
