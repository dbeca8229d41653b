/**
 * ONVIF WS-Discovery messages (reference/protocols.md §5.6): the Probe a client multicasts to
 * 239.255.255.250:3702 and the ProbeMatches a device unicasts back, both sides. Namespace prefixes are
 * matched by local name, so any prefix (or none) is read alike.
 */
import { XmlFormatError, childrenNamed, escapeXml, findFirst, parseXml, type XmlElement } from './mini-xml';

export { XmlFormatError } from './mini-xml';

export const WS_DISCOVERY_ADDRESS = '239.255.255.250';
export const WS_DISCOVERY_PORT = 3702;
export const NS = {
  soap: 'http://www.w3.org/2003/05/soap-envelope',
  wsa: 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
  wsd: 'http://schemas.xmlsoap.org/ws/2005/04/discovery',
  dn: 'http://www.onvif.org/ver10/network/wsdl',
} as const;
export const ACTION_PROBE = `${NS.wsd}/Probe`;
export const ACTION_PROBE_MATCHES = `${NS.wsd}/ProbeMatches`;
const TO_DISCOVERY = 'urn:schemas-xmlsoap-org:ws:2005:04:discovery';
const TO_ANONYMOUS = `${NS.wsa}/role/anonymous`;

/** A message that is well-formed XML but not the WS-Discovery message expected. */
export class WsDiscoveryError extends Error {
  override readonly name = 'WsDiscoveryError';
  constructor(message: string) {
    super(`WS-Discovery: ${message}`);
  }
}

export interface ProbeMatch {
  /** Endpoint reference address, usually `urn:uuid:…`. */
  address: string;
  /** QNames as written, e.g. `dn:NetworkVideoTransmitter`. */
  types: string[];
  scopes: string[];
  /** Device-service URLs. */
  xaddrs: string[];
}

const words = (s: string | undefined): string[] => (s ?? '').split(/\s+/).filter(Boolean);
const URN = /^[\x21-\x7e]{1,200}$/;

function checkId(what: string, v: string): string {
  if (!URN.test(v)) throw new WsDiscoveryError(`${what} "${v.slice(0, 60)}" must be 1–200 printable characters`);
  return v;
}

function envelope(xml: string): XmlElement {
  const root = parseXml(xml);
  if (root.local !== 'Envelope') throw new WsDiscoveryError(`root element is <${root.name}>, not a SOAP Envelope`);
  return root;
}

function body(root: XmlElement): XmlElement {
  const b = childrenNamed(root, 'Body')[0];
  if (!b) throw new WsDiscoveryError('SOAP Envelope has no Body');
  return b;
}

function header(root: XmlElement, local: string): string | null {
  const h = childrenNamed(root, 'Header')[0];
  const el = h ? childrenNamed(h, local)[0] : undefined;
  return el ? el.text.trim() : null;
}

/** The multicast Probe for ONVIF devices (`dn:NetworkVideoTransmitter`), with `messageId` (`urn:uuid:…`). */
export function buildProbe(messageId: string, types: readonly string[] = ['dn:NetworkVideoTransmitter']): string {
  checkId('MessageID', messageId);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soap:Envelope xmlns:soap="${NS.soap}" xmlns:wsa="${NS.wsa}" xmlns:wsd="${NS.wsd}" xmlns:dn="${NS.dn}">` +
    '<soap:Header>' +
    `<wsa:Action soap:mustUnderstand="1">${ACTION_PROBE}</wsa:Action>` +
    `<wsa:MessageID>${escapeXml(messageId)}</wsa:MessageID>` +
    `<wsa:To soap:mustUnderstand="1">${TO_DISCOVERY}</wsa:To>` +
    '</soap:Header>' +
    `<soap:Body><wsd:Probe><wsd:Types>${escapeXml(types.join(' '))}</wsd:Types></wsd:Probe></soap:Body>` +
    '</soap:Envelope>'
  );
}

/**
 * Reads a Probe (device side): its MessageID and the requested types (empty = any device). Throws
 * XmlFormatError / WsDiscoveryError.
 */
export function parseProbe(xml: string): { messageId: string; types: string[] } {
  const root = envelope(xml);
  const probe = childrenNamed(body(root), 'Probe')[0];
  if (!probe) throw new WsDiscoveryError('Body holds no Probe');
  const messageId = header(root, 'MessageID');
  if (!messageId) throw new WsDiscoveryError('Probe has no wsa:MessageID');
  return { messageId, types: words(childrenNamed(probe, 'Types')[0]?.text) };
}

/** A ProbeMatches answering the probe `relatesTo`, for one device (simulator side). */
export function buildProbeMatches(m: {
  relatesTo: string;
  address: string;
  xaddrs: readonly string[];
  scopes: readonly string[];
  types?: readonly string[];
  messageId?: string;
}): string {
  checkId('RelatesTo', m.relatesTo);
  checkId('Address', m.address);
  const messageId = checkId('MessageID', m.messageId ?? `urn:uuid:${pseudoUuid()}`);
  const types = m.types ?? ['dn:NetworkVideoTransmitter', 'tds:Device'];
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${NS.soap}" xmlns:wsa="${NS.wsa}" xmlns:d="${NS.wsd}" xmlns:dn="${NS.dn}"` +
    ' xmlns:tds="http://www.onvif.org/ver10/device/wsdl">' +
    '<SOAP-ENV:Header>' +
    `<wsa:MessageID>${escapeXml(messageId)}</wsa:MessageID>` +
    `<wsa:RelatesTo>${escapeXml(m.relatesTo)}</wsa:RelatesTo>` +
    `<wsa:To SOAP-ENV:mustUnderstand="true">${TO_ANONYMOUS}</wsa:To>` +
    `<wsa:Action SOAP-ENV:mustUnderstand="true">${ACTION_PROBE_MATCHES}</wsa:Action>` +
    '</SOAP-ENV:Header>' +
    '<SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch>' +
    `<wsa:EndpointReference><wsa:Address>${escapeXml(m.address)}</wsa:Address></wsa:EndpointReference>` +
    `<d:Types>${escapeXml(types.join(' '))}</d:Types>` +
    `<d:Scopes>${escapeXml(m.scopes.join(' '))}</d:Scopes>` +
    `<d:XAddrs>${escapeXml(m.xaddrs.join(' '))}</d:XAddrs>` +
    '<d:MetadataVersion>1</d:MetadataVersion>' +
    '</d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>'
  );
}

/**
 * Reads a ProbeMatches (client side). A match without an endpoint address is refused, since merging
 * needs it. Throws XmlFormatError / WsDiscoveryError.
 */
export function parseProbeMatches(xml: string): { relatesTo: string | null; matches: ProbeMatch[] } {
  const root = envelope(xml);
  const pm = childrenNamed(body(root), 'ProbeMatches')[0];
  if (!pm) throw new WsDiscoveryError('Body holds no ProbeMatches');
  const matches = childrenNamed(pm, 'ProbeMatch').map((el, i): ProbeMatch => {
    const address = findFirst(el, 'Address')?.text.trim();
    if (!address) throw new WsDiscoveryError(`ProbeMatch ${i + 1} has no EndpointReference/Address`);
    return {
      address,
      types: words(childrenNamed(el, 'Types')[0]?.text),
      scopes: words(childrenNamed(el, 'Scopes')[0]?.text),
      xaddrs: words(childrenNamed(el, 'XAddrs')[0]?.text),
    };
  });
  return { relatesTo: header(root, 'RelatesTo'), matches };
}

/** Whether a probe asking for `wanted` types (local names compared) is answered by a device of `offered`. */
export function typesMatch(wanted: readonly string[], offered: readonly string[]): boolean {
  const local = (q: string): string => q.slice(q.indexOf(':') + 1);
  const have = new Set(offered.map(local));
  return wanted.every((w) => have.has(local(w)));
}

/** A random RFC 4122 v4-shaped id from Math.random (uniqueness, not secrecy, is what matters here). */
export function pseudoUuid(rand: () => number = Math.random): string {
  const h = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  h[12] = '4';
  h[16] = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export const isWsDiscoveryError = (e: unknown): e is XmlFormatError | WsDiscoveryError =>
  e instanceof XmlFormatError || e instanceof WsDiscoveryError;
