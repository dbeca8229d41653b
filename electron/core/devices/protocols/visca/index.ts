/** VISCA codec: pure encoders and decoders for both ends of the link, and a stream framer. */
export type * from './visca-types';
export { encodeAddressSet, encodeCancel, encodeCommand, encodeIfClearBroadcast, encodeInquiry } from './visca-encode';
export { decodeReply, decodeInquiryAnswer, errorNameOf } from './visca-decode';
export {
  decodeCommandOrInquiry,
  encodeAck,
  encodeCompletion,
  encodeError,
  encodeInquiryAnswer,
  encodeInquiryAnswerData,
  encodeReply,
  type AnswerEncodeOptions,
  type ViscaRequestFrame,
} from './visca-camera-codec';
export { ViscaFramer } from './visca-framer';
export { panTiltStatusFromRaw, panTiltStatusRaw } from './visca-status';
export {
  SONY_GENERIC_VARIANT,
  VISCA_VARIANTS,
  maxPacketLength,
  positionRange,
  type ViscaCodecVariant,
  type ViscaVariantId,
} from './visca-variants';
export {
  AE_MODE_CODE,
  DRIVE_SPEED_MAX,
  DRIVE_SPEED_MIN,
  FOCUS_MODE_CODE,
  MAX_PACKET_LENGTH,
  PAN_SPEED_MAX,
  PAN_SPEED_MIN,
  STANDARD_DRIVE_SPEED,
  TILT_SPEED_MAX,
  TILT_SPEED_MIN,
  WHITE_BALANCE_CODE,
} from './visca-tables';
