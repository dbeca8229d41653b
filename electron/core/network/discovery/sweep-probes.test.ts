import { describe, expect, it } from 'vitest';
import { parseNeighbours, isResolved } from './neighbours';
import {
  probeKindOf,
  rawVersionInquiry,
  readRawViscaStream,
  readViscaIpDatagram,
  viscaIpVersionInquiry,
} from './sweep-probes';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => new Uint8Array(Buffer.from(h.replace(/ /g, ''), 'hex'));

describe('sweep probes', () => {
  it('picks a probe per port', () => {
    expect([52381, 1259, 5678, 80, 8899].map(probeKindOf)).toEqual([
      'visca-ip',
      'visca-udp',
      'visca-tcp',
      'tcp',
      'tcp',
    ]);
  });

  it('sends the VISCA version inquiry, with the 8-byte header on 52381', () => {
    expect(hex(rawVersionInquiry())).toBe('81090002ff');
    expect(hex(viscaIpVersionInquiry(7))).toBe('01100005000000078109' + '0002ff');
  });

  it('reads a version answer over VISCA-over-IP into a model, and any VISCA reply as proof', () => {
    const answer = bytes('01 11 00 0A 00 00 00 07 90 50 00 01 05 11 00 00 02 FF');
    expect(readViscaIpDatagram(answer)).toEqual({ model: 'VISCA vendor 0001 model 0511' });
    expect(readViscaIpDatagram(bytes('01 11 00 04 00 00 00 07 90 60 02 FF'))).toEqual({ model: null });
    expect(readViscaIpDatagram(bytes('02 01 00 02 00 00 00 07 0F 01'))).toEqual({ model: null });
    // Headerless answer on 52381 (some cameras).
    expect(readViscaIpDatagram(bytes('90 50 00 01 05 11 00 00 02 FF'))?.model).toBe('VISCA vendor 0001 model 0511');
  });

  it('rejects what is not VISCA', () => {
    expect(readViscaIpDatagram(bytes('48 54 54 50 2f 31 2e 31'))).toBeNull();
    expect(readRawViscaStream(new TextEncoder().encode('HTTP/1.1 400 Bad Request\r\n'))).toBeNull();
    expect(readRawViscaStream(bytes('81 01 04 00 02 FF'))).toBeNull(); // a command, not a reply
    expect(readRawViscaStream(bytes('00 90 41 FF'))).toEqual({ model: null });
  });
});

describe('neighbour table', () => {
  it('parses ip -j neigh, keeps IPv4, and tells resolved from failed', () => {
    const n = parseNeighbours(
      JSON.stringify([
        { dst: '198.51.100.50', dev: 'v0', lladdr: '02:00:00:00:00:0A', state: ['REACHABLE'] },
        { dst: '198.51.100.51', dev: 'v0', state: ['INCOMPLETE'] },
        { dst: '198.51.100.52', dev: 'v0', state: ['FAILED'] },
        { dst: '198.51.100.53', dev: 'v0', lladdr: '02:00:00:00:00:0c', state: ['STALE'] },
        { dst: 'fe80::1', dev: 'v0', lladdr: '02:00:00:00:00:0d', state: ['REACHABLE'] },
      ]),
    );
    expect(n.map((x) => [x.ip, x.mac, isResolved(x)])).toEqual([
      ['198.51.100.50', '02:00:00:00:00:0a', true],
      ['198.51.100.51', null, false],
      ['198.51.100.52', null, false],
      ['198.51.100.53', '02:00:00:00:00:0c', true],
    ]);
    expect(parseNeighbours('')).toEqual([]);
    expect(() => parseNeighbours('Usage: ip neigh')).toThrow(/not JSON/);
  });
});
