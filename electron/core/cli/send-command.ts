/**
 * `ptzctl send <device-url> <json>`: writes one message over the app's own carrier and prints every frame
 * that comes back (hex and meaning). Exit 0 once the final reply arrived (completion, inquiry answer,
 * error, control reply; for Pelco: the frame was written, or a query was answered), 1 when nothing final
 * came within the timeout, 2 for a usage error.
 */
import { PelcoFramer } from '../devices/protocols/pelco';
import { ViscaFramer } from '../devices/protocols/visca';
import type { CliIo } from './cli-env';
import { parseRequestJson } from './command-schema';
import { describePelcoFrame, describeViscaFrame, describeViscaIpDatagram } from './describe-reply';
import { parseDeviceUrl } from './device-url';
import { hexBytes } from './hex-format';
import { openCarrier, type Carrier, type CarrierOptions } from './send-carriers';
import { planSend, type SendPlan, type StepReply } from './send-plan';
import { intFlag, splitArgs } from './split-args';
import { SEND_TIMEOUT_MS } from './usage';

const USAGE = `usage: ptzctl send <device-url> '<json>' [--sequence N] [--timeout MS]`;

/** Time to keep listening after the final reply (or after a Pelco write), for frames that trail it, ms. */
const LINGER_MS = 150;

/** What tests replace in `send`. */
export interface SendDeps {
  /** Opens the carrier (the real one by default). */
  openCarrier?: (config: Parameters<typeof openCarrier>[0], o: CarrierOptions) => ReturnType<typeof openCarrier>;
}

/** Runs `ptzctl send`; see the file header for the exit codes. */
export async function sendMessageCommand(io: CliIo, argv: readonly string[], deps: SendDeps = {}): Promise<number> {
  const usage = (why: string): number => {
    io.err(`ptzctl send: ${why}`);
    return 2;
  };
  const args = splitArgs(argv, { sequence: 'value', timeout: 'value' });
  if (!args.ok) return usage(`${args.error}; ${USAGE}`);
  const [url, json, ...extra] = args.value.positional;
  if (url === undefined || json === undefined) return usage(`give a device URL and a message; ${USAGE}`);
  if (extra.length > 0) return usage(`give the message as ONE quoted argument; ${USAGE}`);
  const sequence = intFlag(args.value, 'sequence', 0, 0xffffffff);
  if (!sequence.ok) return usage(sequence.error);
  const timeout = intFlag(args.value, 'timeout', 1, 600_000, SEND_TIMEOUT_MS);
  if (!timeout.ok) return usage(timeout.error);
  const timeoutMs = timeout.value ?? SEND_TIMEOUT_MS;

  const config = parseDeviceUrl(url);
  if (!config.ok) return usage(config.error);
  const request = parseRequestJson(json);
  if (!request.ok) return usage(request.error);
  const urlAddress = explicitAddress(url);
  const plan = planSend(config.value, request.value, {
    ...(sequence.value !== undefined ? { sequence: sequence.value } : {}),
    ...(urlAddress !== undefined ? { urlAddress } : {}),
  });
  if (!plan.ok) return usage(plan.error);

  const carrier = await (deps.openCarrier ?? openCarrier)(config.value, { connectTimeoutMs: timeoutMs });
  if (!carrier.ok) {
    io.err(`ptzctl send: ${carrier.error}`);
    return 1;
  }
  try {
    return await converse(io, carrier.value, plan.value, timeoutMs);
  } finally {
    await carrier.value.close();
  }
}

/** `serial://…?address=2` names an address; without `address=` the URL leaves it to the message. */
function explicitAddress(url: string): number | undefined {
  try {
    const raw = new URL(url).searchParams.get('address');
    return raw === null ? undefined : Number(raw);
  } catch {
    return undefined;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes each step and waits for its final reply, printing every frame on the way. */
async function converse(io: CliIo, carrier: Carrier, plan: SendPlan, timeoutMs: number): Promise<number> {
  /** The step being waited for; `acked` when an ACK came for it (a completion may still be due). */
  let current: { step: SendPlan['steps'][number]; acked: boolean; done(): void } | null = null;
  const onReply = (hex: string, text: string, reply: StepReply): void => {
    io.out(`← ${hex}  ${text}`);
    if (!current) return;
    if (reply.visca?.cls === 'ack') current.acked = true;
    if (current.step.isFinal?.(reply)) current.done();
  };
  const off = carrier.onData(replyReader(plan, onReply, (note) => io.out(`← ${note}`)));
  try {
    for (const step of plan.steps) {
      io.out(`→ ${hexBytes(step.bytes)}  ${step.label} via ${carrier.label}`);
      let done!: () => void;
      const answered = new Promise<'final'>((resolve) => (done = () => resolve('final')));
      const waiting = { step, acked: false, done };
      current = waiting;
      try {
        await carrier.write(step.bytes);
      } catch (e) {
        io.err(`ptzctl send: writing to ${carrier.label} failed: ${e instanceof Error ? e.message : String(e)}`);
        return 1;
      }
      if (plan.framing === 'pelco-d' || plan.framing === 'pelco-p') io.out('sent (Pelco has no acknowledgement)');
      if (!step.isFinal) {
        await sleep(LINGER_MS);
        continue;
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const outcome = await Promise.race([
        answered,
        new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs))),
      ]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        io.err(`ptzctl send: ${timeoutMessage(step.label, waiting.acked, carrier.label, timeoutMs, plan.hint)}`);
        return 1;
      }
    }
    // Trailing frames (a completion right behind its ACK, a second camera's echo) are still shown.
    if (plan.steps.at(-1)?.isFinal) await sleep(LINGER_MS);
    if (plan.stopHint) io.out(plan.stopHint);
    return 0;
  } finally {
    off();
  }
}

function timeoutMessage(label: string, acked: boolean, where: string, ms: number, hint: string): string {
  if (label === 'RESET') return `no answer to the VISCA-over-IP RESET from ${where} within ${ms} ms: ${hint}`;
  if (acked) {
    return `ACK but no completion within ${ms} ms: the command may still be running (a long move?); try a longer --timeout`;
  }
  return `no reply from ${where} within ${ms} ms: ${hint}`;
}

/** Turns what the carrier delivers into described frames for `onReply`; framing trouble goes to `onNote`. */
function replyReader(
  plan: SendPlan,
  onReply: (hex: string, text: string, reply: StepReply) => void,
  onNote: (text: string) => void,
): (chunk: Uint8Array) => void {
  if (plan.framing === 'visca-ip') {
    return (datagram) => {
      const d = describeViscaIpDatagram(datagram, plan.inquiry);
      onReply(hexBytes(datagram), d.text, { visca: d });
    };
  }
  if (plan.framing === 'visca') {
    const framer = new ViscaFramer();
    return (chunk) => {
      for (const r of framer.push(chunk)) {
        if (!r.ok) {
          onNote(`?? ${r.error.detail}`);
          continue;
        }
        const d = describeViscaFrame(r.value, plan.inquiry);
        onReply(hexBytes(r.value), d.text, { visca: d });
      }
    };
  }
  const variant = plan.framing === 'pelco-d' ? 'd' : 'p';
  const framer = new PelcoFramer(variant, 'from-camera');
  const sent = new Set(plan.steps.map((s) => hexBytes(s.bytes)));
  return (chunk) => {
    for (const r of framer.push(chunk)) {
      if (!r.ok) {
        onNote(`?? ${r.error.detail}`);
        continue;
      }
      const hex = hexBytes(r.value);
      // On a half-duplex RS-485 bus the adapter may hear its own frame.
      if (sent.has(hex)) {
        onReply(hex, 'echo of the frame sent', {});
        continue;
      }
      const d = describePelcoFrame(variant, r.value);
      const pelco =
        d.response?.kind === 'position' ? { what: d.response.what, address: d.response.address } : undefined;
      onReply(hex, d.text, pelco ? { pelco } : {});
    }
  };
}
