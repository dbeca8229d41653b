/** Readout formatting for pan/tilt angles and zoom ratio. Pure, so it is tested without a DOM. */

/** Signed degrees with one decimal: `+12.3`, `-5.0`, `0.0`; null when the angle is unknown. */
export function formatDegrees(deg: number | null | undefined): string | null {
  if (deg === null || deg === undefined || !Number.isFinite(deg)) return null;
  const rounded = Math.round(deg * 10) / 10;
  if (rounded === 0) return '0.0';
  return `${rounded > 0 ? '+' : '-'}${Math.abs(rounded).toFixed(1)}`;
}

/** Zoom ratio with one decimal: `4.2`; null when unknown. */
export function formatRatio(ratio: number | null | undefined): string | null {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return null;
  return ratio.toFixed(1);
}
