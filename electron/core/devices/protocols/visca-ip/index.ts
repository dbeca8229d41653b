/** VISCA-over-IP codec (Sony framing, UDP 52381): header framing, sequence numbers, control messages. */
export * from './visca-ip-types';
export {
  SEQUENCE_MAX,
  VISCA_IP_HEADER_LENGTH,
  VISCA_IP_PAYLOAD_MAX,
  VISCA_IP_PAYLOAD_MIN,
  decodeViscaIp,
  encodeViscaIp,
  isPayloadType,
  nextSequence,
  payloadTypeFor,
  type ViscaIpLimits,
} from './visca-ip-codec';
export { ControlErrorCode, decodeControl, encodeControlAck, encodeControlError, encodeReset } from './visca-ip-control';
