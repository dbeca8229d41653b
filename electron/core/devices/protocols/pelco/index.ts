/** Pelco-D / Pelco-P codec: pure encoders and decoders for both ends of the bus, and a stream framer. */
export type * from './pelco-types';
export { encodePelco, encodePelcoBody, encodePelcoD, encodePelcoP } from './pelco-encode';
export {
  checkPelcoFrame,
  decodePelcoBody,
  decodePelcoCommand,
  decodePelcoDCommand,
  decodePelcoPCommand,
  type PelcoEnvelope,
} from './pelco-decode';
export {
  PELCO_D_GENERAL_RESPONSE_LENGTH,
  decodePelcoDGeneralResponse,
  decodePelcoDResponse,
  decodePelcoPResponse,
  decodePelcoResponse,
  encodePelcoDResponse,
  encodePelcoPResponse,
  encodePelcoResponse,
} from './pelco-response';
export { PelcoFramer, type PelcoStreamDirection } from './pelco-framer';
export {
  degreesToPelcoPan,
  degreesToPelcoTilt,
  pelcoPanToDegrees,
  pelcoTiltToDegrees,
  type PelcoTiltSense,
} from './pelco-angles';
export {
  LENS_SPEED_MAX,
  PELCO_ADDRESS_RANGE,
  PELCO_ANGLE_MAX,
  PELCO_D_FRAME_LENGTH,
  PELCO_P_FRAME_LENGTH,
  PELCO_SPEED_MAX,
  PELCO_TURBO,
  PRESET_RANGE,
  STOP_MOTION,
  ZOOM_POSITION_MAX,
  hexBytes,
  pelcoDChecksum,
  pelcoPChecksum,
  type PelcoVariant,
} from './pelco-tables';
