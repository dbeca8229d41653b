/** VISCA codec: pure encoders and decoders for both ends of the link, and a stream framer. */
export type * from './visca-types';
export { encodeCommand, encodeInquiry } from './visca-encode';
export { decodeReply, decodeInquiryAnswer, errorNameOf } from './visca-decode';
export {
  decodeCommandOrInquiry,
  encodeAck,
  encodeCompletion,
  encodeError,
  encodeInquiryAnswer,
  encodeInquiryAnswerData,
  encodeReply,
  type ViscaRequestFrame,
} from './visca-camera-codec';
export { ViscaFramer } from './visca-framer';
export {
  AE_MODE_CODE,
  DRIVE_SPEED_MAX,
  DRIVE_SPEED_MIN,
  MAX_PACKET_LENGTH,
  PAN_SPEED_MAX,
  PAN_SPEED_MIN,
  STANDARD_DRIVE_SPEED,
  TILT_SPEED_MAX,
  TILT_SPEED_MIN,
} from './visca-tables';
