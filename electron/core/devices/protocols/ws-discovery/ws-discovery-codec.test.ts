import { describe, expect, it } from 'vitest';
import {
  WsDiscoveryError,
  XmlFormatError,
  buildProbe,
  buildProbeMatches,
  parseProbe,
  parseProbeMatches,
  parseXml,
  typesMatch,
} from '.';

// A probe as another client writes it (different prefixes, whitespace), with the elements of the
// reference sample ../shared/reference/onvif-samples/WS-Discovery-Probe.xml.
const SAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"
    xmlns:w="http://schemas.xmlsoap.org/ws/2004/08/addressing"
    xmlns:disc="http://schemas.xmlsoap.org/ws/2005/04/discovery"
    xmlns:nvt="http://www.onvif.org/ver10/network/wsdl">
  <env:Header>
    <w:Action env:mustUnderstand="1">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</w:Action>
    <w:MessageID>urn:uuid:0a6dc791-2be6-4991-9af1-454778a1917a</w:MessageID>
    <w:To env:mustUnderstand="1">urn:schemas-xmlsoap-org:ws:2005:04:discovery</w:To>
  </env:Header>
  <env:Body><disc:Probe><disc:Types>nvt:NetworkVideoTransmitter</disc:Types></disc:Probe></env:Body>
</env:Envelope>`;
const ID = 'urn:uuid:0a6dc791-2be6-4991-9af1-454778a1917a';

describe('WS-Discovery codec', () => {
  it('reads a Probe written with other prefixes and whitespace', () => {
    expect(parseProbe(SAMPLE)).toEqual({ messageId: ID, types: ['nvt:NetworkVideoTransmitter'] });
  });

  it('builds a Probe with the same elements as the sample', () => {
    const xml = buildProbe(ID);
    expect(parseProbe(xml)).toEqual({ messageId: ID, types: ['dn:NetworkVideoTransmitter'] });
    const root = parseXml(xml);
    const locals = (el: ReturnType<typeof parseXml>): string[] => [el.local, ...el.children.flatMap(locals)];
    const sampleRoot = parseXml(SAMPLE);
    expect(locals(root)).toEqual(locals(sampleRoot));
    expect(xml).toContain('http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe');
    expect(xml).toContain('urn:schemas-xmlsoap-org:ws:2005:04:discovery');
  });

  it('round-trips ProbeMatches from the device side to the client side', () => {
    const xml = buildProbeMatches({
      relatesTo: ID,
      address: 'urn:uuid:11111111-2222-4333-8444-555555555555',
      xaddrs: ['http://203.0.113.68/onvif/device_service'],
      scopes: ['onvif://www.onvif.org/name/LAB', 'onvif://www.onvif.org/hardware/SRG-X400'],
    });
    expect(parseProbeMatches(xml)).toEqual({
      relatesTo: ID,
      matches: [
        {
          address: 'urn:uuid:11111111-2222-4333-8444-555555555555',
          types: ['dn:NetworkVideoTransmitter', 'tds:Device'],
          scopes: ['onvif://www.onvif.org/name/LAB', 'onvif://www.onvif.org/hardware/SRG-X400'],
          xaddrs: ['http://203.0.113.68/onvif/device_service'],
        },
      ],
    });
  });

  it('reads any namespace prefix, or none, and several matches', () => {
    const xml = `<?xml version="1.0"?>
      <Envelope xmlns="http://www.w3.org/2003/05/soap-envelope">
        <Header><RelatesTo>urn:uuid:x</RelatesTo></Header>
        <Body><wsdd:ProbeMatches xmlns:wsdd="http://schemas.xmlsoap.org/ws/2005/04/discovery">
          <wsdd:ProbeMatch><a:EndpointReference xmlns:a="x"><a:Address>urn:uuid:a</a:Address></a:EndpointReference>
            <wsdd:XAddrs>http://192.0.2.1/onvif/device_service  http://[fe80::1]/onvif/device_service</wsdd:XAddrs>
          </wsdd:ProbeMatch>
          <wsdd:ProbeMatch><a:EndpointReference xmlns:a="x"><a:Address>urn:uuid:b</a:Address></a:EndpointReference></wsdd:ProbeMatch>
        </wsdd:ProbeMatches></Body></Envelope>`;
    const r = parseProbeMatches(xml);
    expect(r.relatesTo).toBe('urn:uuid:x');
    expect(r.matches.map((m) => m.address)).toEqual(['urn:uuid:a', 'urn:uuid:b']);
    expect(r.matches[0]!.xaddrs).toEqual([
      'http://192.0.2.1/onvif/device_service',
      'http://[fe80::1]/onvif/device_service',
    ]);
    expect(r.matches[1]).toEqual({ address: 'urn:uuid:b', types: [], scopes: [], xaddrs: [] });
  });

  it('gives clear errors for malformed XML and for the wrong message', () => {
    expect(() => parseProbeMatches('<a><b></a>')).toThrow(XmlFormatError);
    expect(() => parseProbeMatches('<a><b></a>')).toThrow(/does not match/);
    expect(() => parseProbeMatches('<s:Envelope>')).toThrow(/never closed/);
    expect(() => parseProbeMatches('')).toThrow(/no root element/);
    expect(() => parseProbeMatches('<!DOCTYPE x><x/>')).toThrow(/DOCTYPE/);
    expect(() => parseProbeMatches('<x>&bogus;</x>')).toThrow(/unknown entity/);
    expect(() => parseProbeMatches('<Foo/>')).toThrow(WsDiscoveryError);
    expect(() => parseProbeMatches(SAMPLE)).toThrow(/no ProbeMatches/);
    expect(() => parseProbe(buildProbeMatches({ relatesTo: ID, address: 'urn:a', xaddrs: [], scopes: [] }))).toThrow(
      /no Probe/,
    );
    expect(() => buildProbe('has space')).toThrow(/MessageID/);
  });

  it('decodes entities and matches probe types by local name', () => {
    expect(parseXml('<a x="1&amp;2">&lt;&#65;&#x42;</a>')).toMatchObject({ attrs: { x: '1&2' }, text: '<AB' });
    expect(typesMatch(['dn:NetworkVideoTransmitter'], ['ns1:NetworkVideoTransmitter', 'tds:Device'])).toBe(true);
    expect(typesMatch([], ['tds:Device'])).toBe(true);
    expect(typesMatch(['tds:Printer'], ['tds:Device'])).toBe(false);
  });
});
