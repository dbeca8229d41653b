/**
 * zod mirror of the Pelco codec's semantic command (`PelcoCommand` in devices/protocols/pelco/pelco-types.ts),
 * with the codec's ranges. Motion axes default to `stop` and speeds to 0, so `{"pan":"right","panSpeed":32}`
 * is a whole motion. The checks at the end make drift from the codec a compile error.
 */
import { z } from 'zod';
import {
  LENS_SPEED_MAX,
  PELCO_ANGLE_MAX,
  PELCO_SPEED_MAX,
  PRESET_RANGE,
  ZOOM_POSITION_MAX,
  type PelcoCommand,
} from '../devices/protocols/pelco';
import { QUERY_OPCODE } from '../devices/protocols/pelco/pelco-tables';
import { bool, describeRange, intIn, keysOf, oneOf, strict, tagged } from './schema-fields';

const speed = intIn(0, PELCO_SPEED_MAX);
const preset = intIn(PRESET_RANGE.min, PRESET_RANGE.max);
const lensSpeed = intIn(0, LENS_SPEED_MAX);
const mode = intIn(0, 0xff);
const angle = intIn(0, PELCO_ANGLE_MAX);

const k = <K extends PelcoCommand['kind']>(kind: K) => oneOf([kind]);

/** The standard command: every axis at once. */
export const PelcoMotionSchema = strict({
  pan: oneOf(['left', 'right', 'stop']).default('stop'),
  tilt: oneOf(['up', 'down', 'stop']).default('stop'),
  zoom: oneOf(['tele', 'wide', 'stop']).default('stop'),
  focus: oneOf(['far', 'near', 'stop']).default('stop'),
  iris: oneOf(['open', 'close', 'stop']).default('stop'),
  panSpeed: z
    .union([z.literal('turbo'), speed], {
      error: () => `must be ${describeRange(0, PELCO_SPEED_MAX)} or "turbo"`,
    })
    .default(0),
  tiltSpeed: speed.default(0),
});

/** Every Pelco command kind (Pelco-D and Pelco-P share the model). */
export const PelcoCommandSchema = tagged('kind', [
  strict({ kind: k('motion'), motion: PelcoMotionSchema }),
  strict({ kind: k('camera-power'), on: bool() }),
  strict({ kind: k('preset-set'), preset }),
  strict({ kind: k('preset-clear'), preset }),
  strict({ kind: k('preset-go'), preset }),
  strict({ kind: k('remote-reset') }),
  strict({ kind: k('zoom-speed'), speed: lensSpeed }),
  strict({ kind: k('focus-speed'), speed: lensSpeed }),
  strict({ kind: k('auto-focus'), mode }),
  strict({ kind: k('auto-iris'), mode }),
  strict({ kind: k('set-pan-position'), hundredthsOfDegree: angle }),
  strict({ kind: k('set-tilt-position'), hundredthsOfDegree: angle }),
  strict({ kind: k('set-zoom-position'), position: intIn(0, ZOOM_POSITION_MAX) }),
  strict({ kind: k('query'), what: oneOf(keysOf(QUERY_OPCODE)) }),
]);

// ---- drift checks, both directions ----
type SchemaCommand = z.output<typeof PelcoCommandSchema>;
const _schemaToCodec: [SchemaCommand] extends [PelcoCommand] ? true : never = true;
const _codecToSchema: [PelcoCommand] extends [SchemaCommand] ? true : never = true;
