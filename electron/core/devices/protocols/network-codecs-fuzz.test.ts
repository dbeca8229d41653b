// Property test for the network-discovery codecs: random and mutated Sony IP-setup frames and WS-Discovery
// XML. Nothing may escape but the codecs' typed errors; whatever decodes must re-encode consistently.
import { describe, expect, it } from 'vitest';
import {
  IpSetupFormatError,
  decodeIpSetupMessage,
  encodeInfo,
  encodeInquiry,
  encodeNetworkSetting,
  encodeSettingReply,
} from './sony-ip-setup';
import { buildProbe, buildProbeMatches, isWsDiscoveryError, parseProbe, parseProbeMatches } from './ws-discovery';
import { collector, mutateBytes, prng } from './test/fuzz-kit';

const ITERATIONS = 100_000;
const IP_SETUP_REASONS = new Set([
  'empty',
  'too-long',
  'no-stx',
  'no-etx',
  'missing-ff',
  'non-ascii',
  'bad-field',
  'bad-mac',
  'bad-ip',
  'bad-name',
]);

const IP_SEEDS: Uint8Array[] = [
  encodeInquiry(),
  encodeNetworkSetting({
    mac: '02:00:5e:00:53:01',
    ip: '198.51.100.60',
    mask: '255.255.255.0',
    gateway: '0.0.0.0',
    name: 'CAM 1',
  }),
  encodeInfo({
    mac: '02:00:5e:00:53:07',
    model: 'SRG-X400',
    softVersion: '1.00',
    ip: '203.0.113.68',
    mask: '255.255.255.0',
    gateway: '203.0.113.1',
    name: 'LAB',
    writable: true,
    extra: { INFO: 'network' },
  }),
  encodeSettingReply('ack', '02:00:5e:00:53:01'),
  encodeSettingReply('nak', '02:00:5e:00:53:01', 'busy'),
];

describe(`Sony IP-setup decoder under ${ITERATIONS} random and mutated frames`, () => {
  it('throws only IpSetupFormatError with a known reason, and re-encodes settings and replies', () => {
    const rand = prng(0x1b5e7);
    const pick = (n: number): number => Math.floor(rand() * n);
    const gc = collector();
    let heapAtWarmup = 0;
    const accepted = { info: 0, setting: 0, reply: 0, other: 0 };
    for (let i = 0; i < ITERATIONS; i++) {
      if (i === ITERATIONS / 10) {
        gc();
        heapAtWarmup = process.memoryUsage().heapUsed;
      }
      let f: Uint8Array;
      if (rand() < 0.3) {
        f = new Uint8Array(pick(40));
        for (let k = 0; k < f.length; k++)
          f[k] = rand() < 0.4 ? [0x02, 0x03, 0xff, 0x3a, 0x2d, 0x2e][pick(6)]! : pick(256);
      } else f = mutateBytes(IP_SEEDS[pick(IP_SEEDS.length)]!, rand, 4);
      try {
        const m = decodeIpSetupMessage(f);
        if (m.kind === 'setting') {
          accepted.setting++;
          // A decoded setting with a valid name must re-encode and decode to the same value.
          if (/^[A-Za-z0-9 ]{0,8}$/.test(m.name)) {
            const again = decodeIpSetupMessage(encodeNetworkSetting(m));
            if (JSON.stringify(again) !== JSON.stringify(m)) throw new Error('setting does not round-trip');
          }
        } else if (m.kind === 'ack' || m.kind === 'nak') {
          accepted.reply++;
          const again = decodeIpSetupMessage(encodeSettingReply(m.kind, m.mac));
          if (again.kind !== m.kind || (again as { mac: string }).mac !== m.mac)
            throw new Error('reply does not round-trip');
        } else if (m.kind === 'info') accepted.info++;
        else accepted.other++;
      } catch (e) {
        if (!(e instanceof IpSetupFormatError) || !IP_SETUP_REASONS.has(e.reason)) {
          throw new Error(`iteration ${i}, frame [${Array.from(f, (x) => x.toString(16)).join(' ')}]: ${String(e)}`, {
            cause: e,
          });
        }
      }
    }
    gc();
    expect(process.memoryUsage().heapUsed - heapAtWarmup).toBeLessThan(8 * 1024 * 1024);
    expect(accepted.info).toBeGreaterThan(100);
    expect(accepted.setting).toBeGreaterThan(100);
    expect(accepted.reply).toBeGreaterThan(100);
  });
});

const XML_SEEDS = [
  buildProbe('urn:uuid:0a6dc791-2be6-4991-9af1-454778a1917a'),
  buildProbeMatches({
    relatesTo: 'urn:uuid:0a6dc791-2be6-4991-9af1-454778a1917a',
    address: 'urn:uuid:11111111-2222-4333-8444-555555555555',
    xaddrs: ['http://203.0.113.68/onvif/device_service'],
    scopes: ['onvif://www.onvif.org/name/LAB'],
  }),
];
const enc = new TextEncoder();
const dec = new TextDecoder();

describe(`WS-Discovery parsers under ${ITERATIONS} mutated documents`, () => {
  it('throw only XmlFormatError / WsDiscoveryError and keep accepting intact structure', () => {
    const rand = prng(0x3702);
    const pick = (n: number): number => Math.floor(rand() * n);
    let accepted = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const seed = XML_SEEDS[pick(XML_SEEDS.length)]!;
      let text: string;
      if (rand() < 0.5) {
        // Structural edits: cut, duplicate or drop a slice at tag boundaries.
        const a = pick(seed.length);
        const b = a + pick(60);
        const op = pick(3);
        text =
          op === 0 ? seed.slice(0, a) : op === 1 ? seed.slice(0, b) + seed.slice(a) : seed.slice(0, a) + seed.slice(b);
      } else text = dec.decode(mutateBytes(enc.encode(seed), rand, 3));
      for (const parse of [parseProbe, parseProbeMatches]) {
        try {
          parse(text);
          accepted++;
        } catch (e) {
          if (!isWsDiscoveryError(e)) {
            throw new Error(`iteration ${i}: ${String(e)}\n${text}`, { cause: e });
          }
        }
      }
    }
    expect(accepted).toBeGreaterThan(1000);
  });
});
