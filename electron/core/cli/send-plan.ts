/**
 * What `ptzctl send` writes and when it may stop listening, decided before any socket opens: the message
 * must suit the URL (a Pelco frame cannot go to a VISCA camera), a plain VISCA message to a visca-ip://
 * URL is wrapped (RESET, then sequence 1, unless `--sequence` is given), and each step says which reply
 * ends it. Pure, so every rule is tested without a device.
 */
import { err, ok, type Result } from '../../../shared/util/result';
import type { PelcoCommand } from '../devices/protocols/pelco';
import type { ViscaCommand, ViscaInquiry } from '../devices/protocols/visca';
import { encodeViscaIp, payloadTypeFor } from '../devices/protocols/visca-ip';
import type { PtzRequest } from './command-schema';
import type { DescribedFrame } from './describe-reply';
import type { ParsedDeviceConfig } from './device-url';
import { encodeRequest } from './encode-request';

/** A plain VISCA packet in Sony's header: inquiry or command by its second byte, as the app's link does. */
function wrapPacket(packet: Uint8Array, sequence: number): Uint8Array {
  return encodeViscaIp({ type: payloadTypeFor(packet), sequence, payload: packet });
}

/** How replies are cut and decoded. */
export type ReplyFraming = 'visca-ip' | 'visca' | 'pelco-d' | 'pelco-p';

/** A decoded reply as a step sees it. */
export interface StepReply {
  visca?: DescribedFrame;
  pelco?: { what: 'pan' | 'tilt' | 'zoom'; address: number };
}

/** One write and the reply that ends it. */
export interface SendStep {
  /** Bytes to write (a whole datagram for VISCA over IP). */
  bytes: Uint8Array;
  /** Shown after the bytes: `RESET`, `seq 1`. */
  label: string;
  /** True for the reply that ends this step; absent when nothing will answer (Pelco without a query). */
  isFinal?: (reply: StepReply) => boolean;
}

/** Everything `send` needs to know before it opens the carrier. */
export interface SendPlan {
  framing: ReplyFraming;
  /** The inquiry asked, to decode its answer. */
  inquiry?: ViscaInquiry;
  steps: SendStep[];
  /** What to check when nothing answers, for this kind of link. */
  hint: string;
  /** Printed after success when the command leaves the head moving: how to stop it. */
  stopHint?: string;
}

/** Command-line details that change the plan. */
export interface PlanOptions {
  /** `--sequence`: number a plain VISCA message for a visca-ip:// URL with this, without a RESET. */
  sequence?: number;
  /** The address the URL names explicitly (`serial://…?address=2`), if it does. */
  urlAddress?: number;
}

const HINT: Readonly<Record<ParsedDeviceConfig['protocol'], string>> = {
  'visca-ip':
    'check that the camera is powered and reachable (ping it), that VISCA over IP is enabled on it, the port (Sony: 52381) and that no firewall drops UDP',
  'visca-udp':
    'check that the camera is powered and reachable, that raw VISCA over UDP is enabled on it, its port (PTZOptics: 1259) and the firewall',
  'visca-tcp': 'check that the camera is powered and that this is its raw VISCA over TCP port (PTZOptics: 5678)',
  'visca-serial':
    'check power, the cable (RS-232 crossed, RS-422 pairs), the baud rate (URL baud=, cameras default to 9600) and the camera address (send {"protocol":"visca","broadcast":"address-set"} to number the chain)',
  'pelco-d':
    'many Pelco receivers never answer queries; otherwise check the address (DIP switches), the baud rate and the RS-485 A/B polarity',
  'pelco-p':
    'many Pelco receivers never answer queries; otherwise check the address (DIP switches), the baud rate and the RS-485 A/B polarity',
};

type ViscaIpRequest = Extract<PtzRequest, { form: 'visca-ip-command' | 'visca-ip-inquiry' | 'visca-ip-control' }>;
type PelcoRequest = Extract<PtzRequest, { form: 'pelco-d' | 'pelco-p' }>;
const isViscaIpRequest = (r: PtzRequest): r is ViscaIpRequest => r.form.startsWith('visca-ip-');
const isPelcoRequest = (r: PtzRequest): r is PelcoRequest => r.form === 'pelco-d' || r.form === 'pelco-p';

const viscaFinal =
  (address: number) =>
  ({ visca }: StepReply): boolean =>
    visca?.cls === 'final' && visca.reply !== undefined && 'address' in visca.reply && visca.reply.address === address;

const ipFinal =
  (sequence: number) =>
  ({ visca }: StepReply): boolean =>
    visca?.cls === 'final' && visca.sequence === sequence;

function viscaStopHint(cmd: ViscaCommand): string | undefined {
  if (cmd.kind === 'pan-tilt-drive' && (cmd.pan !== 'stop' || cmd.tilt !== 'stop')) {
    return '{"kind":"pan-tilt-drive","pan":"stop","tilt":"stop","panSpeed":1,"tiltSpeed":1}';
  }
  if ((cmd.kind === 'zoom-drive' || cmd.kind === 'focus-drive') && cmd.direction !== 'stop') {
    return `{"kind":"${cmd.kind}","direction":"stop"}`;
  }
  return undefined;
}

function pelcoStopHint(cmd: PelcoCommand): string | undefined {
  if (cmd.kind !== 'motion') return undefined;
  const m = cmd.motion;
  return [m.pan, m.tilt, m.zoom, m.focus, m.iris].some((a) => a !== 'stop')
    ? '{"kind":"motion","motion":{}}'
    : undefined;
}

const stopNote = (command: string | undefined): string | undefined =>
  command && `note: the head keeps moving until it gets a stop, e.g. the command ${command}`;

/** Decides the steps of a send, or why this message cannot go to this URL (a usage error). */
export function planSend(config: ParsedDeviceConfig, req: PtzRequest, o: PlanOptions = {}): Result<SendPlan, string> {
  const url = config.protocol;
  const hint = HINT[url];
  if (o.sequence !== undefined && (url !== 'visca-ip' || isViscaIpRequest(req) || isPelcoRequest(req))) {
    return err(
      '--sequence applies to a plain "visca" message sent to a visca-ip:// URL (a visca-ip message carries its own)',
    );
  }

  if (url === 'pelco-d' || url === 'pelco-p') {
    if (req.form !== url) return err(`the URL speaks ${url} but the message is ${req.value.protocol}`);
    if (o.urlAddress !== undefined && o.urlAddress !== req.value.address) {
      return err(`the URL names address ${o.urlAddress} but the message is for address ${req.value.address}`);
    }
    const cmd = req.value.command;
    const address = req.value.address;
    const step: SendStep = { bytes: encodeRequest(req).bytes, label: `to address ${address}` };
    if (cmd.kind === 'query') {
      step.isFinal = ({ pelco }) => pelco?.what === cmd.what && pelco.address === address;
    }
    const stopHint = stopNote(pelcoStopHint(cmd));
    return ok({ framing: url, steps: [step], hint, ...(stopHint ? { stopHint } : {}) });
  }
  if (isPelcoRequest(req)) return err(`the URL speaks VISCA (${url}) but the message is ${req.value.protocol}`);

  const inquiry = req.form === 'visca-inquiry' || req.form === 'visca-ip-inquiry' ? req.value.inquiry : undefined;
  const command = req.form === 'visca-command' || req.form === 'visca-ip-command' ? req.value.command : undefined;
  const stopHint = command && stopNote(viscaStopHint(command));
  const extras = { ...(inquiry ? { inquiry } : {}), ...(stopHint ? { stopHint } : {}) };

  if (url !== 'visca-ip') {
    if (isViscaIpRequest(req))
      return err(`visca-ip messages need a visca-ip:// URL; for ${url} use "protocol":"visca"`);
    if (req.form === 'visca-broadcast') {
      const kind = req.value.broadcast === 'address-set' ? 'address-set' : 'if-clear-broadcast';
      const step: SendStep = {
        bytes: encodeRequest(req).bytes,
        label: 'broadcast',
        isFinal: ({ visca }) => visca?.reply?.kind === kind,
      };
      return ok({ framing: 'visca', steps: [step], hint, ...extras });
    }
    const address = req.value.address;
    if (url === 'visca-serial' && o.urlAddress !== undefined && o.urlAddress !== address) {
      return err(`the URL names address ${o.urlAddress} but the message is for address ${address}`);
    }
    const step: SendStep = {
      bytes: encodeRequest(req).bytes,
      label: `to camera ${address}`,
      isFinal: viscaFinal(address),
    };
    return ok({ framing: 'visca', steps: [step], hint, ...extras });
  }

  // visca-ip:// from here on.
  if (req.form === 'visca-broadcast') {
    return err(
      'broadcasts (AddressSet, IF_Clear) are for serial chains; over IP send {"kind":"if-clear"} to address 1',
    );
  }
  if (isViscaIpRequest(req)) {
    const sequence = req.value.sequence ?? 0;
    const step: SendStep = {
      bytes: encodeRequest(req).bytes,
      label: req.form === 'visca-ip-control' ? 'RESET' : `seq ${sequence}`,
      isFinal: req.form === 'visca-ip-control' ? ({ visca }) => visca?.control !== undefined : ipFinal(sequence),
    };
    return ok({ framing: 'visca-ip', steps: [step], hint, ...extras });
  }
  if (req.value.address !== 1) {
    return err(`over IP the camera address is always 1, not ${req.value.address}`);
  }
  const steps: SendStep[] = [];
  if (o.sequence === undefined) {
    const reset = encodeRequest({ form: 'visca-ip-control', value: { protocol: 'visca-ip', control: 'reset' } });
    steps.push({ bytes: reset.bytes, label: 'RESET', isFinal: ({ visca }) => visca?.control !== undefined });
  }
  const sequence = o.sequence ?? 1;
  steps.push({
    bytes: wrapPacket(encodeRequest(req).bytes, sequence),
    label: `seq ${sequence}`,
    isFinal: ipFinal(sequence),
  });
  return ok({ framing: 'visca-ip', steps, hint, ...extras });
}
