/**
 * zod mirror of the VISCA codec's semantic types (`ViscaCommand`, `ViscaInquiry` in
 * devices/protocols/visca/visca-types.ts). Enumerations come from the codec's own byte tables and ranges
 * from its constants; the checks at the end make any drift between this schema and the codec a compile
 * error. Ranges are those of the codec's default (generic Sony) variant, which `encode`/`send` use.
 */
import type { z } from 'zod';
import {
  DRIVE_SPEED_MAX,
  DRIVE_SPEED_MIN,
  PAN_SPEED_MAX,
  PAN_SPEED_MIN,
  SONY_GENERIC_VARIANT,
  TILT_SPEED_MAX,
  TILT_SPEED_MIN,
  positionRange,
  type ViscaCommand,
  type ViscaCommandKind,
  type ViscaInquiry,
} from '../devices/protocols/visca';
import {
  AE_MODE_CODE,
  FOCUS_MODE_CODE,
  INQUIRY_BYTES,
  IRIS_STEP_CODE,
  LIMIT_CORNER_CODE,
  PAN_DIRECTION_BYTE,
  PRESET_ACTION_CODE,
  TILT_DIRECTION_BYTE,
  WHITE_BALANCE_CODE,
} from '../devices/protocols/visca/visca-tables';
import { bool, intIn, keysOf, oneOf, strict, tagged } from './schema-fields';

/** Camera address on a serial chain (over IP always 1). */
export const ViscaAddressField = intIn(1, 7);

const panSpeed = intIn(PAN_SPEED_MIN, PAN_SPEED_MAX);
const tiltSpeed = intIn(TILT_SPEED_MIN, TILT_SPEED_MAX);
const driveSpeed = intIn(DRIVE_SPEED_MIN, DRIVE_SPEED_MAX);
const move = positionRange(SONY_GENERIC_VARIANT);
const movePosition = intIn(move.min, move.max);
/** Limit positions are 16-bit on every model (the codec's LIMIT_NIBBLES). */
const limit = positionRange({ positionNibbles: 4 });
const limitPosition = intIn(limit.min, limit.max);
const word = intIn(0, 0xffff);
const byte = intIn(0, 0xff);

const k = <K extends ViscaCommandKind>(kind: K) => oneOf([kind]);

/** Drive with a direction and speed 0–7, or a stop whose speed (if any) is still range-checked. */
function lensDrive<K extends 'zoom-drive' | 'focus-drive', A extends string, B extends string>(
  kind: K,
  first: A,
  second: B,
) {
  return tagged('direction', [
    strict({ kind: k(kind), direction: oneOf([first, second]), speed: driveSpeed }),
    strict({ kind: k(kind), direction: oneOf(['stop']), speed: driveSpeed.optional() }),
  ]);
}

const moveShape = { pan: movePosition, tilt: movePosition, panSpeed, tiltSpeed };

/** Every VISCA command kind, with the codec's argument ranges. */
export const ViscaCommandSchema = tagged('kind', [
  strict({
    kind: k('pan-tilt-drive'),
    pan: oneOf(keysOf(PAN_DIRECTION_BYTE)),
    tilt: oneOf(keysOf(TILT_DIRECTION_BYTE)),
    panSpeed,
    tiltSpeed,
  }),
  strict({ kind: k('pan-tilt-home') }),
  lensDrive('zoom-drive', 'tele', 'wide'),
  strict({ kind: k('zoom-direct'), position: word }),
  lensDrive('focus-drive', 'far', 'near'),
  strict({ kind: k('iris-direct'), position: byte }),
  strict({ kind: k('ae-mode'), mode: oneOf(keysOf(AE_MODE_CODE)) }),
  strict({ kind: k('power'), on: bool() }),
  strict({ kind: k('if-clear') }),
  strict({ kind: k('pan-tilt-absolute'), ...moveShape }),
  strict({ kind: k('pan-tilt-relative'), ...moveShape }),
  strict({ kind: k('pan-tilt-reset') }),
  strict({
    kind: k('pan-tilt-limit-set'),
    corner: oneOf(keysOf(LIMIT_CORNER_CODE)),
    pan: limitPosition,
    tilt: limitPosition,
  }),
  strict({ kind: k('pan-tilt-limit-clear'), corner: oneOf(keysOf(LIMIT_CORNER_CODE)) }),
  strict({ kind: k('zoom-standard'), direction: oneOf(['tele', 'wide']) }),
  strict({ kind: k('zoom-focus-direct'), zoom: word, focus: word }),
  strict({ kind: k('digital-zoom'), on: bool() }),
  strict({ kind: k('focus-standard'), direction: oneOf(['far', 'near']) }),
  strict({ kind: k('focus-direct'), position: word }),
  strict({ kind: k('focus-mode'), mode: oneOf(keysOf(FOCUS_MODE_CODE)) }),
  strict({ kind: k('focus-one-push') }),
  strict({ kind: k('focus-infinity') }),
  strict({ kind: k('iris-step'), action: oneOf(keysOf(IRIS_STEP_CODE)) }),
  strict({ kind: k('gain-direct'), position: byte }),
  strict({ kind: k('shutter-direct'), position: byte }),
  strict({ kind: k('bright-direct'), position: byte }),
  strict({ kind: k('exposure-comp'), on: bool() }),
  strict({ kind: k('exposure-comp-direct'), position: byte }),
  strict({ kind: k('white-balance'), mode: oneOf(keysOf(WHITE_BALANCE_CODE)) }),
  strict({
    kind: k('preset'),
    action: oneOf(keysOf(PRESET_ACTION_CODE)),
    preset: intIn(0, SONY_GENERIC_VARIANT.presetMax),
  }),
]);

/** Every VISCA inquiry name, straight from the codec's inquiry table. */
export const ViscaInquirySchema = oneOf(keysOf(INQUIRY_BYTES));

// ---- drift checks: both directions, so a kind added to (or removed from) the codec breaks the build ----
type SchemaCommand = z.output<typeof ViscaCommandSchema>;
type SchemaInquiry = z.output<typeof ViscaInquirySchema>;
const _commandToCodec: [SchemaCommand] extends [ViscaCommand] ? true : never = true;
const _codecToCommand: [ViscaCommand] extends [SchemaCommand] ? true : never = true;
const _inquiryToCodec: [SchemaInquiry] extends [ViscaInquiry] ? true : never = true;
const _codecToInquiry: [ViscaInquiry] extends [SchemaInquiry] ? true : never = true;
