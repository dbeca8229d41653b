/**
 * Per-model VISCA facts as data, not branches: position ranges, speed limits and iris tables
 * (../shared/reference/protocols.md §1.6). The driver converts normalised units through these.
 */
import { SONY_GENERIC_VARIANT, type ViscaCodecVariant } from '../protocols/visca/visca-variants';

export interface IrisStep {
  /** VISCA iris position code. */
  code: number;
  /** F-number, or null for "closed". */
  f: number | null;
}

export interface ViscaModel {
  readonly id: string;
  readonly label: string;
  /** Wire-level variant (position width, speed bytes, preset numbering): the codec's data, not repeated here. */
  readonly codec: ViscaCodecVariant;
  /** Pan range in native units (signed) and the matching angles. */
  readonly pan: { min: number; max: number; unitsPerDegree: number };
  readonly tilt: { min: number; max: number; unitsPerDegree: number };
  /** Zoom positions 0 (wide) … max (optical tele), and the optical ratio at max. */
  readonly zoom: { max: number; ratioAtMax: number };
  /** Variable zoom/focus speeds run 0…max. */
  readonly zoomSpeedMax: number;
  readonly focusSpeedMax: number;
  /** Iris steps from closed to fully open. */
  readonly iris: readonly IrisStep[];
}

const SONY_IRIS: readonly IrisStep[] = [
  { code: 0x00, f: null },
  { code: 0x05, f: 14 },
  { code: 0x06, f: 11 },
  { code: 0x07, f: 9.6 },
  { code: 0x08, f: 8 },
  { code: 0x09, f: 6.8 },
  { code: 0x0a, f: 5.6 },
  { code: 0x0b, f: 4.8 },
  { code: 0x0c, f: 4 },
  { code: 0x0d, f: 3.4 },
  { code: 0x0e, f: 2.8 },
  { code: 0x0f, f: 2.4 },
  { code: 0x10, f: 2 },
  { code: 0x11, f: 1.6 },
];

/** Sony SRG/BRC-class head (SRG-300H ranges; tilt to −30° as the built-in simulator). */
export const SONY_SRG: ViscaModel = {
  id: 'sony-srg',
  label: 'Sony SRG/BRC (generic)',
  pan: { min: -0x2200, max: 0x2200, unitsPerDegree: 51.2 },
  tilt: { min: -0x600, max: 0x1200, unitsPerDegree: 51.2 },
  zoom: { max: 0x4000, ratioAtMax: 20 },
  codec: SONY_GENERIC_VARIANT,
  zoomSpeedMax: 7,
  focusSpeedMax: 7,
  iris: SONY_IRIS,
};

export const VISCA_MODELS: Readonly<Record<string, ViscaModel>> = { [SONY_SRG.id]: SONY_SRG };

/**
 * Normalised speed magnitude (0..1] → native step 1..max. `exponent` > 1 gives finer control near the
 * centre (a response curve); 1 is linear.
 */
export function speedStep(magnitude: number, max: number, exponent = 1, min = 1): number {
  const m = Math.min(1, Math.abs(magnitude));
  return Math.max(min, Math.min(max, Math.round(Math.pow(m, exponent) * max)));
}
