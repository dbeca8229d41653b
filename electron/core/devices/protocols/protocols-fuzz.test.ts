// Property test: random and mutated frames through every VISCA / VISCA-over-IP decoder. Nothing may
// throw, errors must be well-formed, and whatever decodes must re-encode to an equivalent frame.
import { describe, expect, it } from 'vitest';
import {
  ViscaFramer,
  decodeCommandOrInquiry,
  decodeInquiryAnswer,
  decodeReply,
  encodeCommand,
  encodeInquiry,
  encodeInquiryAnswer,
  encodeReply,
  type ViscaAddress,
  type ViscaInquiry,
} from './visca';
import { PayloadType, decodeControl, decodeViscaIp, encodeReset, encodeViscaIp } from './visca-ip';

/** Deterministic PRNG (mulberry32) so a failure reproduces; the seed is in the test name. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 0x5eed1234;
const ITERATIONS = 20_000;
const INQUIRIES: ViscaInquiry[] = [
  'pan-tilt-position',
  'zoom-position',
  'iris-position',
  'ae-mode',
  'power',
  'version',
];
const VISCA_REASONS = new Set([
  'empty',
  'too-short',
  'too-long',
  'no-terminator',
  'bad-header',
  'unknown-reply',
  'bad-data',
]);
const IP_REASONS = new Set(['too-short', 'length-mismatch', 'bad-type', 'bad-payload']);

const SEEDS: Uint8Array[] = [
  encodeCommand(1, { kind: 'pan-tilt-drive', pan: 'right', tilt: 'up', panSpeed: 0x18, tiltSpeed: 0x17 }),
  encodeCommand(7, { kind: 'zoom-direct', position: 0x4000 }),
  encodeCommand(2, { kind: 'iris-direct', position: 0x11 }),
  encodeCommand(1, { kind: 'ae-mode', mode: 'iris-priority' }),
  encodeInquiry(1, 'pan-tilt-position'),
  encodeInquiry(1, 'version'),
  encodeReply({ kind: 'ack', address: 1, socket: 1 }),
  encodeReply({ kind: 'error', address: 1, socket: 1, code: 0x41, name: 'not-executable' }),
  encodeReply({ kind: 'address-set', next: 2 }),
  encodeReply({ kind: 'if-clear-broadcast' }),
  encodeInquiryAnswer(1, { inquiry: 'pan-tilt-position', pan: -8704, tilt: 4608 }),
  encodeInquiryAnswer(1, { inquiry: 'pan-tilt-position', pan: 0x7ffff, tilt: -1 }),
  encodeInquiryAnswer(1, { inquiry: 'version', vendor: 1, model: 0x051c, rom: 0x100, maxSocket: 2 }),
  encodeReset(),
  encodeViscaIp({ type: PayloadType.reply, sequence: 6, payload: encodeReply({ kind: 'ack', address: 1, socket: 2 }) }),
  encodeViscaIp({
    type: PayloadType.command,
    sequence: 0xffffffff,
    payload: encodeCommand(1, { kind: 'power', on: true }),
  }),
];

function randomFrame(rand: () => number): Uint8Array {
  const pick = (n: number): number => Math.floor(rand() * n);
  if (rand() < 0.4) {
    // Pure noise, biased toward the interesting bytes.
    const out = new Uint8Array(pick(26));
    for (let i = 0; i < out.length; i++)
      out[i] = rand() < 0.3 ? [0xff, 0x90, 0x81, 0x88, 0x01, 0x09, 0x0f][pick(7)]! : pick(256);
    return out;
  }
  let b = Array.from(SEEDS[pick(SEEDS.length)]!);
  for (let m = 1 + pick(3); m > 0; m--) {
    const at = pick(b.length + 1);
    switch (pick(5)) {
      case 0:
        if (b.length) b[Math.min(at, b.length - 1)] = pick(256);
        break;
      case 1:
        b.splice(at, 0, pick(256));
        break;
      case 2:
        b.splice(at, 1);
        break;
      case 3:
        b = b.slice(0, at);
        break;
      default:
        b[Math.min(at, b.length - 1)] = (b[Math.min(at, b.length - 1)] ?? 0) ^ (1 << pick(8));
    }
  }
  return Uint8Array.from(b);
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

describe(`decoders under ${ITERATIONS} random and mutated frames (seed 0x${SEED.toString(16)})`, () => {
  it('never throw, report known reasons, and re-encode what they accept', () => {
    const rand = prng(SEED);
    const framer = new ViscaFramer();
    const accepted = { reply: 0, request: 0, answer: 0, ip: 0, control: 0, framed: 0 };
    for (let i = 0; i < ITERATIONS; i++) {
      const f = randomFrame(rand);
      // Plain checks, not expect(), inside the loop: 20 000 × a dozen expect() calls is needlessly slow.
      const check = (cond: boolean, what: string): void => {
        if (!cond)
          throw new Error(`${what} (iteration ${i}, frame [${Array.from(f, (x) => x.toString(16)).join(' ')}])`);
      };
      try {
        const reply = decodeReply(f);
        if (reply.ok) {
          accepted.reply++;
          check(sameBytes(encodeReply(reply.value), f), 'decodeReply result does not re-encode to the frame');
        } else check(VISCA_REASONS.has(reply.error.reason), `decodeReply reason ${reply.error.reason}`);

        const request = decodeCommandOrInquiry(f);
        if (request.ok) {
          accepted.request++;
          const { address, message } = request.value;
          if (address <= 7) {
            const again =
              message.type === 'command'
                ? encodeCommand(address as ViscaAddress, message.command)
                : encodeInquiry(address as ViscaAddress, message.inquiry);
            check(
              JSON.stringify(decodeCommandOrInquiry(again)) === JSON.stringify(request),
              'request does not round-trip',
            );
          }
        } else check(VISCA_REASONS.has(request.error.reason), `decodeCommandOrInquiry reason ${request.error.reason}`);

        for (const inq of INQUIRIES) {
          const answer = decodeInquiryAnswer(inq, f.subarray(2, Math.max(2, f.length - 1)));
          if (answer.ok) accepted.answer++;
          else check(answer.error.reason === 'bad-data', `decodeInquiryAnswer reason ${answer.error.reason}`);
        }

        for (const r of framer.push(f)) {
          if (r.ok) {
            accepted.framed++;
            check(r.value.length >= 3 && r.value.length <= 16, `framed packet of ${r.value.length} bytes`);
            check(r.value.indexOf(0xff) === r.value.length - 1, 'framed packet must end at its only FF');
          } else check(VISCA_REASONS.has(r.error.reason), `framer reason ${r.error.reason}`);
        }
        check(framer.pendingLength < 16, 'framer holds more than one packet');

        const ip = decodeViscaIp(f);
        if (ip.ok) {
          accepted.ip++;
          check(sameBytes(encodeViscaIp(ip.value), f), 'decodeViscaIp result does not re-encode to the datagram');
        } else check(IP_REASONS.has(ip.error.reason), `decodeViscaIp reason ${ip.error.reason}`);

        for (const type of [PayloadType.control, PayloadType.controlReply] as const) {
          const c = decodeControl(f, type);
          if (c.ok) accepted.control++;
          else check(c.error.reason === 'bad-payload', `decodeControl reason ${c.error.reason}`);
        }
      } catch (e) {
        // Anything thrown, by a decoder or by a re-encoder fed a decoded value, is a failure with its frame.
        throw new Error(
          `iteration ${i}, frame [${Array.from(f, (x) => x.toString(16)).join(' ')}]: ${(e as Error).message}`,
          {
            cause: e,
          },
        );
      }
    }
    // The mutations must keep exercising the success paths too, or the round-trip checks prove nothing.
    expect(accepted.reply).toBeGreaterThan(100);
    expect(accepted.request).toBeGreaterThan(100);
    expect(accepted.answer).toBeGreaterThan(100);
    expect(accepted.ip).toBeGreaterThan(100);
    expect(accepted.control).toBeGreaterThan(0);
    expect(accepted.framed).toBeGreaterThan(1000);
  });
});
