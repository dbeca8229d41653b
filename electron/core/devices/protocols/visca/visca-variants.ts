/**
 * Codec-level VISCA model variants as data: how a model lays out the same semantic command on the wire.
 * Only wire-format facts live here (position nibble width, single speed byte, speed maxima, preset
 * numbering); ranges, iris tables and other policy data stay in the driver's model table, which points at
 * one of these by id. Sources: ../shared/reference/protocols.md §1.6.
 */

/** How one family of cameras encodes positions, speeds and presets. */
export interface ViscaCodecVariant {
  readonly id: ViscaVariantId;
  readonly label: string;
  /**
   * Nibbles per pan and per tilt value in absolute/relative moves and in the pan-tilt position answer:
   * 4 (signed 16-bit, −0x8000…0x7FFF) or 5 (signed 20-bit, −0x80000…0x7FFFF; ILME-FR7, BRC-AM7).
   */
  readonly positionNibbles: 4 | 5;
  /**
   * Absolute/relative moves carry one speed byte and `00` in the tilt-speed slot
   * (`8x 01 06 02 vv 00 …`, BRC-X400/SRG-X400; confidence medium).
   */
  readonly singleSpeedByte: boolean;
  /** Highest pan / tilt speed byte of drives and moves (lowest is 1), native units. */
  readonly panSpeedMax: number;
  readonly tiltSpeedMax: number;
  /**
   * Preset numbering base: the operator's preset N is sent as pp = N − presetBase (BRC-X400: 1, "pp =
   * preset No. − 1"; Sony SRG-300H and PTZOptics: 0, pp = N). Applying it is driver policy; the codec
   * always takes the native pp.
   */
  readonly presetBase: 0 | 1;
  /** Highest native preset number pp the model accepts (pp ≤ 0x7F keeps every data byte 7-bit). */
  readonly presetMax: number;
}

/** Ids of the known codec variants. */
export type ViscaVariantId = 'sony-generic' | 'sony-srg-300h' | 'sony-brc-x400' | 'sony-ilme-fr7' | 'ptzoptics';

/**
 * Generic Sony layout, the codec's default: 16-bit positions, two speed bytes, pan 1–0x18, tilt 1–0x17,
 * native presets 0–0x7F (the widest range whose bytes cannot be mistaken for a header by a stream framer).
 */
export const SONY_GENERIC_VARIANT: ViscaCodecVariant = {
  id: 'sony-generic',
  label: 'Sony VISCA (generic)',
  positionNibbles: 4,
  singleSpeedByte: false,
  panSpeedMax: 0x18,
  tiltSpeedMax: 0x17,
  presetBase: 0,
  presetMax: 0x7f,
};

/** Every known variant by id. Table, not branches: add a row for a new model family. */
export const VISCA_VARIANTS: Readonly<Record<ViscaVariantId, ViscaCodecVariant>> = {
  'sony-generic': SONY_GENERIC_VARIANT,
  /** SRG-300H: presets 0–F (pp = N). */
  'sony-srg-300h': { ...SONY_GENERIC_VARIANT, id: 'sony-srg-300h', label: 'Sony SRG-300H', presetMax: 0x0f },
  /** BRC-X400/SRG-X400: single speed byte in moves; presets 1–100 sent as 00–63h. */
  'sony-brc-x400': {
    ...SONY_GENERIC_VARIANT,
    id: 'sony-brc-x400',
    label: 'Sony BRC-X400 / SRG-X400',
    singleSpeedByte: true,
    presetBase: 1,
    presetMax: 0x63,
  },
  /** ILME-FR7 / BRC-AM7 (and, per companion tests, SRG-360SHE): 20-bit positions. Presets as BRC-X400 (assumed). */
  'sony-ilme-fr7': {
    ...SONY_GENERIC_VARIANT,
    id: 'sony-ilme-fr7',
    label: 'Sony ILME-FR7 / BRC-AM7',
    positionNibbles: 5,
    presetBase: 1,
    presetMax: 0x63,
  },
  /**
   * PTZOptics: tilt 1–0x14; presets pp = N, 0–89 contiguous (90–99 are special functions; 100–254 exist
   * but bytes ≥ 0x80 would look like a header to a stream framer, so they are left out here).
   */
  ptzoptics: {
    ...SONY_GENERIC_VARIANT,
    id: 'ptzoptics',
    label: 'PTZOptics',
    tiltSpeedMax: 0x14,
    presetMax: 0x59,
  },
};

/** Signed range of one pan/tilt position value for a variant's nibble width, native units. */
export function positionRange(variant: Pick<ViscaCodecVariant, 'positionNibbles'>): { min: number; max: number } {
  const half = 16 ** variant.positionNibbles / 2;
  return { min: -half, max: half - 1 };
}

/**
 * Longest whole packet a variant produces, in bytes: 16 (the classic VISCA limit), or 17 with 20-bit
 * positions, whose absolute/relative move carries 15 message bytes. Framers and VISCA-over-IP payload
 * checks for such a camera must allow it.
 */
export function maxPacketLength(variant: Pick<ViscaCodecVariant, 'positionNibbles'>): number {
  return variant.positionNibbles === 5 ? 17 : 16;
}
