/**
 * A real protocol command for the wizard's live checks: the VISCA version inquiry (`81 09 00 02 FF`) over
 * VISCA over IP (UDP 52381), using the existing codecs. Answers "does a VISCA camera answer at this IP".
 */
import dgram from 'node:dgram';
import type { CheckResult } from '../../../../shared/model/repair';
import { decodeInquiryAnswer, decodeReply, encodeInquiry } from '../../devices/protocols/visca';
import {
  PayloadType,
  VISCA_IP_PORT,
  decodeControl,
  decodeViscaIp,
  encodeReset,
  encodeViscaIp,
} from '../../devices/protocols/visca-ip';

export interface ViscaCheckOptions {
  port?: number;
  /** Wait per try, ms. */
  timeoutMs?: number;
  tries?: number;
  signal?: AbortSignal;
}

/** Sends the version inquiry to `ip` and reports the camera's vendor/model/ROM, or why nothing answered. */
export async function viscaVersionCheck(ip: string, o: ViscaCheckOptions = {}): Promise<CheckResult> {
  const port = o.port ?? VISCA_IP_PORT;
  const tries = o.tries ?? 3;
  const timeoutMs = o.timeoutMs ?? 800;
  const socket = dgram.createSocket('udp4');
  let lastProblem = 'no answer';
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    let sequence = Math.floor(Math.random() * 0x7fff_0000);
    for (let attempt = 0; attempt < tries; attempt++) {
      if (o.signal?.aborted) return { ok: false, detail: 'cancelled' };
      sequence++;
      const answer = await exchange(socket, ip, port, sequence, timeoutMs, o.signal);
      if (answer.kind === 'version')
        return { ok: true, detail: `VISCA camera answers at ${ip}:${port} (${answer.text})` };
      lastProblem = answer.text;
      if (answer.kind === 'sequence') {
        // The camera expects another sequence number: reset its counter, as controllers do after connecting.
        socket.send(encodeViscaIp({ type: PayloadType.control, sequence: 0, payload: encodeReset() }), port, ip);
        sequence = 0;
      }
    }
    return { ok: false, detail: `no VISCA answer from ${ip}:${port} after ${tries} tries (${lastProblem})` };
  } catch (e) {
    return { ok: false, detail: `VISCA check of ${ip}:${port} failed: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    socket.close();
  }
}

type Answer = { kind: 'version' | 'sequence' | 'none' | 'error'; text: string };

function exchange(
  socket: dgram.Socket,
  ip: string,
  port: number,
  sequence: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Answer> {
  return new Promise((resolve) => {
    const done = (a: Answer) => {
      clearTimeout(timer);
      socket.off('message', onMessage);
      signal?.removeEventListener('abort', onAbort);
      resolve(a);
    };
    const onAbort = () => done({ kind: 'none', text: 'cancelled' });
    const onMessage = (msg: Buffer, from: dgram.RemoteInfo) => {
      if (from.address !== ip || from.port !== port) return;
      const d = decodeViscaIp(new Uint8Array(msg));
      if (!d.ok) return done({ kind: 'error', text: `malformed VISCA-over-IP reply: ${d.error.detail}` });
      const m = d.value;
      if (m.type === PayloadType.controlReply) {
        const c = decodeControl(m.payload);
        if (c.ok && c.value.kind === 'error' && c.value.name === 'sequence')
          return done({ kind: 'sequence', text: 'sequence number error' });
        return; // RESET acknowledgements and the like
      }
      if (m.type !== PayloadType.reply || m.sequence !== sequence) return;
      const r = decodeReply(m.payload);
      if (!r.ok) return done({ kind: 'error', text: `malformed VISCA reply: ${r.error.detail}` });
      if (r.value.kind === 'ack') return;
      if (r.value.kind === 'error') return done({ kind: 'error', text: `VISCA error ${r.value.name}` });
      if (r.value.kind !== 'completion') return;
      const v = decodeInquiryAnswer('version', r.value.data);
      if (!v.ok || v.value.inquiry !== 'version')
        return done({ kind: 'error', text: 'the version answer is malformed' });
      const { vendor, model, rom } = v.value;
      done({
        kind: 'version',
        text: `vendor 0x${vendor.toString(16)}, model 0x${model.toString(16)}, ROM 0x${rom.toString(16)}`,
      });
    };
    const timer = setTimeout(() => done({ kind: 'none', text: `no answer within ${timeoutMs} ms` }), timeoutMs);
    socket.on('message', onMessage);
    signal?.addEventListener('abort', onAbort, { once: true });
    const payload = encodeInquiry(1, 'version');
    socket.send(encodeViscaIp({ type: PayloadType.inquiry, sequence, payload }), port, ip, (e) => {
      if (e) done({ kind: 'error', text: e.message });
    });
  });
}
