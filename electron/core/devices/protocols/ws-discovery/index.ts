/** ONVIF WS-Discovery codec: Probe and ProbeMatches, client and device side. */
export * from './ws-discovery-codec';
export { parseXml, type XmlElement } from './mini-xml';
