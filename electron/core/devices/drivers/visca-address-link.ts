/**
 * A ViscaChannel for one camera address on a carrier without sequence numbers (serial line, raw TCP, raw
 * UDP). Cameras answer in order, so a reply is matched to the oldest outstanding request it can belong
 * to: an ACK to the oldest command, an inquiry answer (`y0 50 …`) to the oldest inquiry, an error to the
 * oldest request; a completion on a socket that holds an ACKed command frees that socket.
 */
import { encodeInquiry } from '../protocols/visca';
import type { ViscaAddress, ViscaReply } from '../protocols/visca/visca-types';
import type { Logger } from '../../logger';
import type { Clock } from '../clock';
import type { ViscaPacketBus } from './visca-bus';
import {
  LinkError,
  type ViscaChannel,
  type ViscaChannelEvents,
  type ViscaOutcome,
  type ViscaRequest,
  type ViscaRequestOptions,
} from './visca-channel';

/** A bus lent to one link, and how to hand it back (the pool may then close the transport). */
export interface BusLease {
  bus: ViscaPacketBus;
  release(): Promise<void> | void;
}

export interface ViscaAddressLinkOptions {
  address: ViscaAddress;
  /** Names the carrier for messages before it is open: `/dev/ttyUSB0 @ 9600 8N1`. */
  label: string;
  /** Obtains the carrier (resolves host names, binds sockets); rejects with an operator-facing message. */
  openBus(): Promise<BusLease>;
  clock: Clock;
  log: Logger;
  /** Reply timeout before a retransmission, ms (a 9600-baud round trip with 4V of camera time is ~100 ms). */
  replyTimeoutMs?: number;
  maxRetries?: number;
  /** Time one byte takes on the line, ms (10 bits at the baud rate), for a serial carrier; 0 or absent elsewhere. */
  byteTimeMs?: number;
}

interface Pending {
  packet: Uint8Array;
  options: ViscaRequestOptions;
  firstSentAt: number;
  retries: number;
  timer: unknown;
  settled: boolean;
  resolve(o: ViscaOutcome): void;
  reject(e: LinkError): void;
}

export class ViscaAddressLink implements ViscaChannel {
  private readonly replyTimeoutMs: number;
  private readonly maxRetries: number;
  private readonly outstanding: Pending[] = [];
  /** Sockets holding an ACKed command until its completion. */
  private readonly executing = new Set<number>();
  private events: ViscaChannelEvents | null = null;
  private lease: BusLease | null = null;
  private detach: (() => void) | null = null;
  private upWaiters: Array<() => void> = [];
  /** Estimated end of transmission of everything this link wrote (clock ms). */
  private wireFreeAt = 0;

  constructor(private readonly o: ViscaAddressLinkOptions) {
    this.replyTimeoutMs = o.replyTimeoutMs ?? 300;
    this.maxRetries = o.maxRetries ?? 2;
  }

  describe(): string {
    return `${this.lease?.bus.describe() ?? this.o.label}, VISCA address ${this.o.address}`;
  }

  wireIdleAt(): number {
    return this.wireFreeAt;
  }

  /** Two on an ordered carrier (replies are matched oldest first, and nothing overtakes), else one. */
  get maxUnacknowledged(): number {
    return this.lease?.bus.inOrder ? 2 : 1;
  }

  private get bus(): ViscaPacketBus {
    if (!this.lease) throw new LinkError('closed', `${this.o.label} is not open`);
    return this.lease.bus;
  }

  async open(events: ViscaChannelEvents): Promise<void> {
    this.events = events;
    this.lease = await this.o.openBus();
    this.detach = this.lease.bus.attach(this.o.address, {
      onReply: (r) => this.onReply(r),
      onProblem: (code, message) => events.onProblem(code, message),
      onUp: () => {
        for (const w of this.upWaiters.splice(0)) w();
      },
      onDown: (reason) => {
        this.failAll(new LinkError('closed', reason));
        events.onLinkDown?.(reason);
      },
    });
  }

  async close(): Promise<void> {
    this.failAll(new LinkError('closed', 'link closed'));
    this.detach?.();
    this.detach = null;
    for (const w of this.upWaiters.splice(0)) w();
    const lease = this.lease;
    this.lease = null;
    await lease?.release();
  }

  /** Waits for the carrier, then proves the camera answers with a power inquiry. */
  async handshake(): Promise<void> {
    if (!this.bus.up) {
      await new Promise<void>((resolve, reject) => {
        const t = this.o.clock.setTimeout(
          () => reject(new LinkError('timeout', `${this.bus.describe()} is not open`)),
          this.replyTimeoutMs * (this.maxRetries + 1),
        );
        this.upWaiters.push(() => {
          this.o.clock.clearTimeout(t);
          resolve();
        });
      });
    }
    const o = await this.request(encodeInquiry(this.o.address, 'power'), { kind: 'inquiry', persistence: 'bounded' })
      .outcome;
    if (o.kind === 'reply' && o.reply.kind === 'error') {
      // An answer, even a refusal, proves a camera lives at this address.
      this.o.log.debug(`${this.describe()}: power inquiry answered ${o.reply.name}`);
    }
  }

  request(packet: Uint8Array, options: ViscaRequestOptions): ViscaRequest {
    let p!: Pending;
    const outcome = new Promise<ViscaOutcome>((resolve, reject) => {
      p = {
        packet,
        options,
        firstSentAt: this.o.clock.now(),
        retries: 0,
        timer: undefined,
        settled: false,
        resolve,
        reject,
      };
    });
    this.outstanding.push(p);
    this.transmit(p);
    return { outcome, cancel: () => this.settle(p, new LinkError('cancelled', 'request cancelled')) };
  }

  private transmit(p: Pending): void {
    if (!this.bus.up) return this.settle(p, new LinkError('closed', `${this.bus.describe()} is not open`));
    const byteTimeMs = this.o.byteTimeMs ?? 0;
    if (byteTimeMs > 0) {
      this.wireFreeAt = Math.max(this.o.clock.now(), this.wireFreeAt) + p.packet.length * byteTimeMs;
    }
    this.bus.send(p.packet).catch((e: Error) => this.o.log.debug(`write to ${this.describe()} failed: ${e.message}`));
    p.timer = this.o.clock.setTimeout(() => this.onTimeout(p), this.replyTimeoutMs);
  }

  private onTimeout(p: Pending): void {
    if (p.settled) return;
    if (p.options.persistence === 'bounded' && p.retries >= this.maxRetries) {
      return this.settle(p, new LinkError('timeout', `no reply from ${this.describe()} after ${p.retries + 1} tries`));
    }
    p.retries++;
    this.transmit(p);
  }

  private settle(p: Pending, result: ViscaOutcome | LinkError): void {
    if (p.settled) return;
    p.settled = true;
    const i = this.outstanding.indexOf(p);
    if (i >= 0) this.outstanding.splice(i, 1);
    if (p.timer !== undefined) this.o.clock.clearTimeout(p.timer);
    if (result instanceof LinkError) p.reject(result);
    else p.resolve(result);
  }

  private failAll(e: LinkError): void {
    for (const p of [...this.outstanding]) this.settle(p, e);
    this.executing.clear();
  }

  private oldest(kind?: ViscaRequestOptions['kind']): Pending | undefined {
    return this.outstanding.find((p) => kind === undefined || p.options.kind === kind);
  }

  private onReply(r: ViscaReply): void {
    const answer = (p: Pending | undefined) => {
      if (p) this.settle(p, { kind: 'reply', reply: r, rttMs: this.o.clock.now() - p.firstSentAt });
    };
    switch (r.kind) {
      case 'ack':
        this.executing.add(r.socket);
        return answer(this.oldest('command'));
      case 'completion':
        if (r.socket === 0) return answer(this.oldest('inquiry'));
        if (this.executing.delete(r.socket)) return this.events?.onCompletion(r.socket);
        // Some cameras complete without an ACK first.
        return answer(this.oldest('command'));
      case 'error':
        if (r.socket !== 0 && this.executing.has(r.socket) && (r.name === 'cancelled' || r.name === 'no-socket')) {
          this.executing.delete(r.socket);
          return this.events?.onCompletion(r.socket);
        }
        return answer(r.name === 'not-executable' ? this.oldest('command') : this.oldest());
      default:
        return;
    }
  }
}
