// Property test: random and mutated frames through every VISCA / VISCA-over-IP decoder (reply, camera-side
// command in every codec variant, inquiry answers, VISCA-over-IP, control, both framer sizes). Nothing may
// throw, errors must be well-formed, whatever decodes must re-encode to an equivalent frame, and memory
// must stay flat (framer buffers bounded; heap measured with the V8 collector).
import { describe, expect, it } from 'vitest';
import { collector, mutateBytes, prng, sameBytes } from './test/fuzz-kit';
import {
  VISCA_VARIANTS,
  ViscaFramer,
  decodeCommandOrInquiry,
  decodeInquiryAnswer,
  decodeReply,
  encodeAddressSet,
  encodeCancel,
  encodeCommand,
  encodeIfClearBroadcast,
  encodeInquiry,
  encodeInquiryAnswer,
  encodeReply,
  panTiltStatusFromRaw,
  type ViscaAddress,
  type ViscaInquiry,
  type ViscaRequestFrame,
} from './visca';
import { PayloadType, decodeControl, decodeViscaIp, encodeReset, encodeViscaIp } from './visca-ip';

const SEED = 0x5eed1234;
const ITERATIONS = 100_000;
const VARIANTS = Object.values(VISCA_VARIANTS);
const INQUIRIES: ViscaInquiry[] = [
  'pan-tilt-position',
  'zoom-position',
  'iris-position',
  'ae-mode',
  'power',
  'version',
  'pan-tilt-status',
  'pan-tilt-max-speed',
  'focus-position',
  'focus-mode',
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

const FR7 = VISCA_VARIANTS['sony-ilme-fr7'];
const X400 = VISCA_VARIANTS['sony-brc-x400'];
const SEEDS: Uint8Array[] = [
  encodeCommand(1, { kind: 'pan-tilt-absolute', pan: -0x8000, tilt: 0x7fff, panSpeed: 1, tiltSpeed: 0x17 }),
  encodeCommand(1, { kind: 'pan-tilt-absolute', pan: 0x7ffff, tilt: -1, panSpeed: 1, tiltSpeed: 1 }, FR7),
  encodeCommand(2, { kind: 'pan-tilt-relative', pan: -5, tilt: 5, panSpeed: 9, tiltSpeed: 9 }, X400),
  encodeCommand(1, { kind: 'pan-tilt-limit-clear', corner: 'up-right' }),
  encodeCommand(1, { kind: 'pan-tilt-limit-set', corner: 'down-left', pan: -0x2200, tilt: -0x600 }),
  encodeCommand(1, { kind: 'zoom-focus-direct', zoom: 0x4000, focus: 0x1000 }),
  encodeCommand(1, { kind: 'preset', action: 'recall', preset: 0x63 }),
  encodeCommand(1, { kind: 'white-balance', mode: 'atw' }),
  encodeCommand(1, { kind: 'focus-mode', mode: 'toggle' }),
  encodeCommand(1, { kind: 'if-clear' }),
  encodeCancel(1, 2),
  encodeAddressSet(),
  encodeIfClearBroadcast(),
  encodeInquiry(1, 'pan-tilt-status'),
  encodeInquiryAnswer(1, { inquiry: 'pan-tilt-status', ...panTiltStatusFromRaw(0x2401) }),
  encodeInquiryAnswer(1, { inquiry: 'power', on: null, raw: 4 }),
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
  return mutateBytes(SEEDS[pick(SEEDS.length)]!, rand);
}

/** Encodes a decoded request again with the controller-side encoders; null when it has no encoder form. */
function reencode(r: ViscaRequestFrame, variant: (typeof VARIANTS)[number]): Uint8Array | null {
  const m = r.message;
  if (m.type === 'address-set') return encodeAddressSet(m.first);
  if (r.address > 7) return m.type === 'command' && m.command.kind === 'if-clear' ? encodeIfClearBroadcast() : null;
  const address = r.address as ViscaAddress;
  switch (m.type) {
    case 'command':
      return encodeCommand(address, m.command, variant);
    case 'inquiry':
      return encodeInquiry(address, m.inquiry);
    case 'cancel':
      // Socket 0 decodes (a camera answers "no socket") but no controller sends it.
      return m.socket === 0 ? null : encodeCancel(address, m.socket);
  }
}

describe(`decoders under ${ITERATIONS} random and mutated frames (seed 0x${SEED.toString(16)})`, () => {
  it('never throw, report known reasons, and re-encode what they accept', () => {
    const rand = prng(SEED);
    const framer = new ViscaFramer();
    const framer17 = new ViscaFramer(17);
    const gc = collector();
    let heapAtWarmup = 0;
    const accepted = { reply: 0, request: 0, answer: 0, ip: 0, control: 0, framed: 0 };
    for (let i = 0; i < ITERATIONS; i++) {
      if (i === ITERATIONS / 10) {
        gc();
        heapAtWarmup = process.memoryUsage().heapUsed;
      }
      const f = randomFrame(rand);
      // Plain checks, not expect(), inside the loop: 100 000 × dozens of expect() calls is needlessly slow.
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

        for (const variant of VARIANTS) {
          const request = decodeCommandOrInquiry(f, variant);
          if (request.ok) {
            accepted.request++;
            const again = reencode(request.value, variant);
            if (again) {
              check(
                JSON.stringify(decodeCommandOrInquiry(again, variant)) === JSON.stringify(request),
                `request does not round-trip (${variant.id})`,
              );
            }
          } else
            check(VISCA_REASONS.has(request.error.reason), `decodeCommandOrInquiry reason ${request.error.reason}`);
        }

        for (const inq of INQUIRIES) {
          const answer = decodeInquiryAnswer(inq, f.subarray(2, Math.max(2, f.length - 1)));
          if (answer.ok) accepted.answer++;
          else check(answer.error.reason === 'bad-data', `decodeInquiryAnswer reason ${answer.error.reason}`);
        }

        for (const fr of [framer, framer17]) {
          for (const r of fr.push(f)) {
            if (r.ok) {
              accepted.framed++;
              check(r.value.length >= 3 && r.value.length <= 17, `framed packet of ${r.value.length} bytes`);
              check(r.value.indexOf(0xff) === r.value.length - 1, 'framed packet must end at its only FF');
            } else check(VISCA_REASONS.has(r.error.reason), `framer reason ${r.error.reason}`);
          }
        }
        check(framer.pendingLength < 16 && framer17.pendingLength < 17, 'framer holds more than one packet');

        for (const maxPayload of [16, 17]) {
          const ip = decodeViscaIp(f, { maxPayload });
          if (ip.ok) {
            accepted.ip++;
            check(
              sameBytes(encodeViscaIp(ip.value, { maxPayload }), f),
              'decodeViscaIp result does not re-encode to the datagram',
            );
          } else check(IP_REASONS.has(ip.error.reason), `decodeViscaIp reason ${ip.error.reason}`);
        }

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
    // Memory stays flat: nothing the decoders or framers keep grows with the number of frames.
    gc();
    const growth = process.memoryUsage().heapUsed - heapAtWarmup;
    expect(growth).toBeLessThan(8 * 1024 * 1024);
    // The mutations must keep exercising the success paths too, or the round-trip checks prove nothing.
    expect(accepted.reply).toBeGreaterThan(100);
    expect(accepted.request).toBeGreaterThan(100);
    expect(accepted.answer).toBeGreaterThan(100);
    expect(accepted.ip).toBeGreaterThan(100);
    expect(accepted.control).toBeGreaterThan(0);
    expect(accepted.framed).toBeGreaterThan(1000);
  });
});
