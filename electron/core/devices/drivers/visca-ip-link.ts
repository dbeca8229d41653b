/**
 * VISCA over IP link (Sony framing, UDP 52381): sequence numbers, retransmission with the same number on
 * timeout, RESET handshake and resync, replies matched by sequence number. Sony's reliability rules:
 * ../shared/reference/protocols.md §2.2.
 */
import type { Logger } from '../../logger';
import type { Clock } from '../clock';
import { decodeReply } from '../protocols/visca';
import {
  decodeControl,
  decodeViscaIp,
  encodeReset,
  encodeViscaIp,
  nextSequence,
  payloadTypeFor,
} from '../protocols/visca-ip';
import { PayloadType } from '../protocols/visca-ip/visca-ip-types';
import type { UdpEndpoint, UdpTransportPool } from '../transports/udp-transport';
import type { DatagramPeer } from '../transports/transport';
import { resolveIPv4 } from '../transports/resolve-host';
import {
  LinkError,
  type ViscaChannel,
  type ViscaChannelEvents,
  type ViscaOutcome,
  type ViscaRequest,
  type ViscaRequestOptions,
} from './visca-channel';

export interface ViscaIpLinkOptions {
  host: string;
  port: number;
  pool: UdpTransportPool;
  clock: Clock;
  log: Logger;
  /** Wait for a reply before retransmitting, ms (obs-ptz measured 250 ms on Sony cameras). */
  replyTimeoutMs?: number;
  /** Retransmissions of a bounded request before it fails. */
  maxRetries?: number;
}

interface Pending {
  sequence: number;
  datagram: Uint8Array;
  options: ViscaRequestOptions;
  firstSentAt: number;
  retransmitted: boolean;
  retries: number;
  timer: unknown;
  settled: boolean;
  resolve(o: ViscaOutcome): void;
  reject(e: LinkError): void;
}

export class ViscaIpLink implements ViscaChannel {
  private readonly replyTimeoutMs: number;
  private readonly maxRetries: number;
  private endpoint: UdpEndpoint | null = null;
  private peer: DatagramPeer | null = null;
  private events: ViscaChannelEvents | null = null;
  private sequence = 0;
  private readonly pending = new Map<number, Pending>();
  /** Sequence numbers ACKed and awaiting their completion → the socket the ACK named. */
  private readonly executing = new Map<number, number>();
  private resetWaiter: { resolve(): void } | null = null;
  private resyncing: Promise<void> | null = null;

  constructor(private readonly o: ViscaIpLinkOptions) {
    this.replyTimeoutMs = o.replyTimeoutMs ?? 250;
    this.maxRetries = o.maxRetries ?? 2;
  }

  describe(): string {
    return `${this.o.host}:${this.o.port} (VISCA over IP)`;
  }

  async open(events: ViscaChannelEvents): Promise<void> {
    this.events = events;
    const address = await resolveIPv4(this.o.host);
    this.endpoint = await this.o.pool.acquire(0);
    this.peer = this.endpoint.register({ address, port: this.o.port }, (bytes) => this.onDatagram(bytes));
  }

  async close(): Promise<void> {
    for (const p of this.pending.values()) this.settle(p, new LinkError('closed', 'link closed'));
    this.executing.clear();
    this.peer?.close();
    this.peer = null;
    if (this.endpoint) await this.o.pool.release(this.endpoint, 0);
    this.endpoint = null;
  }

  /** RESET → control ACK, retried; numbering restarts at 1 afterwards. */
  async handshake(): Promise<void> {
    for (let attempt = 0; attempt <= this.maxRetries; attempt++) {
      if (await this.resetOnce()) return;
    }
    throw new LinkError('timeout', `no answer to VISCA-over-IP RESET from ${this.describe()}`);
  }

  request(packet: Uint8Array, options: ViscaRequestOptions): ViscaRequest {
    let pending!: Pending;
    const outcome = new Promise<ViscaOutcome>((resolve, reject) => {
      pending = {
        sequence: 0,
        datagram: new Uint8Array(0),
        options,
        firstSentAt: 0,
        retransmitted: false,
        retries: 0,
        timer: undefined,
        settled: false,
        resolve,
        reject,
      };
    });
    this.transmitNew(pending, packet);
    return { outcome, cancel: () => this.settle(pending, new LinkError('cancelled', 'request cancelled')) };
  }

  // ---- internals ------------------------------------------------------------------------------------

  private transmitNew(p: Pending, packet: Uint8Array): void {
    this.sequence = nextSequence(this.sequence);
    p.sequence = this.sequence;
    p.datagram = encodeViscaIp({ type: payloadTypeFor(packet), sequence: p.sequence, payload: packet });
    p.firstSentAt = this.o.clock.now();
    p.retransmitted = false;
    this.pending.set(p.sequence, p);
    this.transmit(p);
  }

  private transmit(p: Pending): void {
    if (!this.peer) return this.settle(p, new LinkError('closed', 'link is not open'));
    this.peer
      .send(p.datagram)
      .catch((e: Error) => this.o.log.debug(`UDP send to ${this.describe()} failed: ${e.message}`));
    p.timer = this.o.clock.setTimeout(() => this.onTimeout(p), this.replyTimeoutMs);
  }

  private onTimeout(p: Pending): void {
    if (this.pending.get(p.sequence) !== p) return;
    if (p.options.persistence === 'bounded' && p.retries >= this.maxRetries) {
      return this.settle(p, new LinkError('timeout', `no reply from ${this.describe()} after ${p.retries + 1} tries`));
    }
    p.retries++;
    if (p.options.persistence === 'until-acknowledged') {
      // A stop is idempotent: resend it under a fresh number, so a newer command that ran meanwhile cannot
      // make the camera refuse it as a repeat (that refusal costs a full reply round trip under loss).
      this.pending.delete(p.sequence);
      this.transmitNew(p, p.datagram.subarray(8));
      p.retransmitted = true;
      return;
    }
    // Same sequence number: a camera that already ran it answers with a sequence error, not a second run.
    p.retransmitted = true;
    this.transmit(p);
  }

  private settle(p: Pending, result: ViscaOutcome | LinkError): void {
    if (p.settled) return;
    p.settled = true;
    if (this.pending.get(p.sequence) === p) this.pending.delete(p.sequence);
    if (p.timer !== undefined) this.o.clock.clearTimeout(p.timer);
    p.timer = undefined;
    if (result instanceof LinkError) p.reject(result);
    else p.resolve(result);
  }

  private onDatagram(bytes: Uint8Array): void {
    const decoded = decodeViscaIp(bytes);
    if (!decoded.ok) {
      return this.events?.onProblem('malformed-reply', `${decoded.error.reason}: ${decoded.error.detail}`);
    }
    const msg = decoded.value;
    if (msg.type === PayloadType.controlReply || msg.type === PayloadType.control)
      return this.onControl(msg.sequence, msg.payload);
    if (msg.type !== PayloadType.reply) {
      return this.events?.onProblem('unexpected-reply', `payload type 0x${msg.type.toString(16)} from the camera`);
    }
    const reply = decodeReply(msg.payload);
    if (!reply.ok) return this.events?.onProblem('malformed-reply', `${reply.error.reason}: ${reply.error.detail}`);
    const r = reply.value;
    const p = this.pending.get(msg.sequence);
    if (!p) {
      // Completion of a command settled at its ACK: frees that socket.
      if (r.kind === 'completion' && this.executing.has(msg.sequence)) {
        this.executing.delete(msg.sequence);
        this.events?.onCompletion(r.socket);
      }
      return;
    }
    if (r.kind === 'ack') this.executing.set(msg.sequence, r.socket);
    this.settle(p, { kind: 'reply', reply: r, rttMs: this.o.clock.now() - p.firstSentAt });
  }

  private onControl(sequence: number, payload: Uint8Array): void {
    const c = decodeControl(payload);
    if (!c.ok) return this.events?.onProblem('malformed-reply', `control: ${c.error.detail}`);
    const control = c.value;
    if (control.kind === 'ack') {
      this.resetWaiter?.resolve();
      return;
    }
    if (control.kind !== 'error') return;
    const p = this.pending.get(sequence);
    if (control.name === 'sequence') {
      if (p?.retransmitted && p.options.persistence === 'until-acknowledged') {
        // A resend is refused when its number is not above the last the camera ran, which also happens
        // when a NEWER command (sent alongside) ran while this one's first copy was lost. A stop is
        // idempotent, so it never assumes it ran: it goes again under a fresh number.
        this.pending.delete(p.sequence);
        if (p.timer !== undefined) this.o.clock.clearTimeout(p.timer);
        return this.transmitNew(p, p.datagram.subarray(8));
      }
      if (p?.retransmitted) {
        // Sony: a lost ACK makes the resend come back as a sequence error, because the command already ran.
        return this.settle(p, { kind: 'already-executed', rttMs: this.o.clock.now() - p.firstSentAt });
      }
      this.events?.onProblem('sequence-error', 'camera reported a sequence-number abnormality; resetting numbering');
      void this.resync();
      return;
    }
    this.events?.onProblem(
      'camera-rejected-message',
      `camera reported ERROR 0x${control.code.toString(16)} (${control.name})`,
    );
    if (p) this.settle(p, new LinkError('rejected', `camera rejected the message (${control.name})`));
  }

  /** RESET, then resend everything outstanding under fresh numbers. */
  private resync(): Promise<void> {
    this.resyncing ??= (async () => {
      try {
        await this.handshake();
      } catch (e) {
        this.o.log.warn(`VISCA-over-IP resync with ${this.describe()} failed: ${(e as Error).message}`);
      }
      const outstanding = [...this.pending.values()];
      for (const p of outstanding) {
        this.pending.delete(p.sequence);
        if (p.timer !== undefined) this.o.clock.clearTimeout(p.timer);
        this.transmitNew(p, p.datagram.subarray(8));
      }
    })().finally(() => {
      this.resyncing = null;
    });
    return this.resyncing;
  }

  private resetOnce(): Promise<boolean> {
    if (!this.peer) return Promise.reject(new LinkError('closed', 'link is not open'));
    return new Promise((resolve) => {
      const timer = this.o.clock.setTimeout(() => {
        this.resetWaiter = null;
        resolve(false);
      }, this.replyTimeoutMs);
      this.resetWaiter = {
        resolve: () => {
          this.o.clock.clearTimeout(timer);
          this.resetWaiter = null;
          this.sequence = 0;
          resolve(true);
        },
      };
      this.peer!.send(encodeReset()).catch(() => undefined);
    });
  }
}
