/**
 * VISCA driver policy, whatever carries the bytes (a ViscaChannel): what to send and when.
 * - Latest value wins: each motion group (pan-tilt, zoom, focus) has at most one waiting command, and a
 *   command is only issued when the link is free (after the previous ACK or error); unchanged native
 *   commands are not re-sent.
 * - Never more than the camera's two sockets: one unacknowledged command at a time, plus a stop that may
 *   overtake it; ACKed commands hold their socket until their completion.
 * - STOP jumps the queue, cancels retransmission of superseded moves, is retried until acknowledged, and
 *   is sent again after every (re)connect.
 * - Inquiries run in their own lane, so polling never delays a move and moves never starve polling.
 */
import type { DeviceConfig } from '../../../../shared/model/device';
import type { IrisMode } from '../../../../shared/model/lens';
import type { StopReason, Velocity } from '../../../../shared/model/motion';
import { IpcError } from '../../../../shared/ipc/ipc-error';
import { LatestWinsQueue, type QueuedJob } from '../latest-wins-queue';
import { PtzDevice, type PtzDeviceDeps } from '../ptz-device';
import { decodeInquiryAnswer, encodeCommand, encodeInquiry } from '../protocols/visca';
import type { ViscaAddress, ViscaCommand, ViscaInquiry, ViscaReply } from '../protocols/visca/visca-types';
import {
  LinkError,
  describeLinkFailure,
  type ViscaChannel,
  type ViscaOutcome,
  type ViscaRequest,
} from './visca-channel';
import {
  MOTION_GROUPS,
  foldAnswer,
  irisNative,
  motionCommand,
  stopCommand,
  toDevicePosition,
  zoomNative,
  type MotionGroup,
  type NativePosition,
  type ResponseCurve,
} from './visca-mapping';
import { SONY_SRG, type ViscaModel } from './visca-models';

const PRIORITY = { stop: 0, motion: 1, oneShot: 2, inquiry: 3 } as const;

interface Job extends QueuedJob {
  lane: 'command' | 'inquiry';
  packet: Uint8Array;
  persistence: 'bounded' | 'until-acknowledged';
  group?: MotionGroup;
  /** Called with the completion data (inquiries) or an empty array (commands). */
  done?(data: Uint8Array): void;
  fail?(e: IpcError): void;
}

export interface ViscaDeviceOptions extends PtzDeviceDeps {
  createChannel(config: DeviceConfig): ViscaChannel;
  model?: ViscaModel;
  curve?: ResponseCurve;
  /** Position polling while moving / idle, ms. */
  pollMs?: { moving: number; idle: number };
  /** Reconnect backoff bounds, ms. */
  reconnectMs?: { min: number; max: number };
  /** A socket whose completion never comes is presumed free after this long (ms). */
  socketHoldMs?: number;
  /** Camera address on a serial chain, 1–7 (always 1 over IP). */
  address?: ViscaAddress;
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export class ViscaDevice extends PtzDevice {
  private readonly model: ViscaModel;
  private readonly curve: ResponseCurve;
  private readonly pollMs: { moving: number; idle: number };
  private readonly reconnectMs: { min: number; max: number };
  private readonly socketHoldMs: number;
  private readonly address: ViscaAddress;
  private channel: ViscaChannel | null = null;
  private linkUp = false;
  private everOnline = false;
  private generation = 0;
  private readonly queue = new LatestWinsQueue<Job>();
  private readonly commandsInFlight = new Set<{ job: Job; request: ViscaRequest }>();
  private inquiryInFlight: { job: Job; request: ViscaRequest } | null = null;
  /** Hex of the last motion/stop command issued per group: unchanged commands are not re-sent. */
  private readonly lastIssued = new Map<MotionGroup, string>();
  /** Sockets holding an ACKed command until its completion → release timer. */
  private readonly busySockets = new Map<number, unknown>();
  private pollTimer: unknown;
  private native: NativePosition = { pan: null, tilt: null, zoom: null, iris: null, ae: null };
  private lastPanTilt = '';

  constructor(
    config: DeviceConfig,
    private readonly options: ViscaDeviceOptions,
  ) {
    super(config, options);
    this.model = options.model ?? SONY_SRG;
    this.curve = options.curve ?? { exponent: 1 };
    this.pollMs = options.pollMs ?? { moving: 100, idle: 1000 };
    this.reconnectMs = options.reconnectMs ?? { min: 500, max: 5000 };
    this.socketHoldMs = options.socketHoldMs ?? 1000;
    this.address = options.address ?? 1;
  }

  // ---- lifecycle ------------------------------------------------------------------------------------

  protected async open(): Promise<void> {
    const gen = ++this.generation;
    const channel = this.options.createChannel(this.config);
    this.channel = channel;
    void this.connectLoop(gen, channel);
  }

  protected async close(): Promise<void> {
    this.generation++;
    this.linkUp = false;
    this.clock.clearTimeout(this.pollTimer);
    for (const t of this.busySockets.values()) this.clock.clearTimeout(t);
    this.busySockets.clear();
    this.dropQueued('the device was closed');
    const channel = this.channel;
    this.channel = null;
    await channel?.close().catch((e: unknown) => this.log.warn('closing VISCA channel failed', e));
  }

  private async connectLoop(gen: number, channel: ViscaChannel, alreadyOpen = false): Promise<void> {
    let delay = this.reconnectMs.min;
    let opened = alreadyOpen;
    while (gen === this.generation) {
      try {
        if (!opened) {
          await channel.open({
            onCompletion: (socket) => this.releaseSocket(socket),
            onProblem: (code, message) => this.reportProblem(code, message),
            onLinkDown: (reason) => this.onLinkLost(reason),
          });
          opened = true;
        }
        await channel.handshake();
        if (gen !== this.generation) return;
        return this.onLinkUp();
      } catch (e) {
        if (gen !== this.generation) return;
        this.setStatus('offline', describeLinkFailure(channel, e));
        await this.sleep(delay);
        delay = Math.min(delay * 2, this.reconnectMs.max);
      }
    }
  }

  private onLinkUp(): void {
    this.linkUp = true;
    this.setStatus('online', null);
    // A previous run (or another controller) may have left the head moving: stop it first.
    void this.stop(this.everOnline ? 'reconnect' : 'startup');
    this.everOnline = true;
    this.poll();
  }

  private onLinkLost(reason: string): void {
    if (!this.linkUp) return;
    this.linkUp = false;
    this.clock.clearTimeout(this.pollTimer);
    // Moves and one-shots are void once the link is gone; stops stay queued and go out on reconnect.
    this.dropQueued('the device went offline', (j) => j.priority !== PRIORITY.stop);
    this.lastIssued.clear();
    this.setStatus('offline', `Lost contact with ${this.channel?.describe() ?? 'the camera'}: ${reason}`);
    const gen = ++this.generation;
    if (this.channel) void this.connectLoop(gen, this.channel, true).catch(() => undefined);
  }

  // ---- motion ---------------------------------------------------------------------------------------

  protected applyVelocity(v: Readonly<Velocity>): void {
    for (const group of MOTION_GROUPS) {
      const packet = encodeCommand(this.address, motionCommand(group, v, this.model, this.curve));
      const key = `motion:${group}`;
      if (hex(packet) === this.lastIssued.get(group)) {
        this.queue.remove(key);
        continue;
      }
      this.queue.put({ key, priority: PRIORITY.motion, lane: 'command', packet, persistence: 'bounded', group });
    }
    this.pump();
  }

  protected async applyStop(_reason: StopReason): Promise<void> {
    this.queue.removeWhere((j) => j.priority === PRIORITY.motion);
    // A superseded move must not be retransmitted after the stop has gone out.
    for (const f of this.commandsInFlight) if (f.job.priority === PRIORITY.motion) f.request.cancel();
    for (const group of MOTION_GROUPS) {
      const packet = encodeCommand(this.address, stopCommand(group, this.model));
      this.queue.put({
        key: `stop:${group}`,
        priority: PRIORITY.stop,
        lane: 'command',
        packet,
        persistence: 'until-acknowledged',
        group,
      });
    }
    this.pump();
  }

  // ---- one-shot commands ----------------------------------------------------------------------------

  override home(): Promise<void> {
    return this.oneShot('home', { kind: 'pan-tilt-home' });
  }

  override zoomTo(position: number): Promise<void> {
    return this.oneShot('zoom-direct', { kind: 'zoom-direct', position: zoomNative(position, this.model) });
  }

  override setIris(position: number): Promise<void> {
    const pending: Promise<void>[] = [];
    // Iris direct is only executable in manual or iris-priority exposure.
    if (this.native.ae !== 'manual' && this.native.ae !== 'iris-priority') {
      pending.push(this.oneShot('ae-mode', { kind: 'ae-mode', mode: 'manual' }));
    }
    pending.push(this.oneShot('iris-direct', { kind: 'iris-direct', position: irisNative(position, this.model) }));
    return Promise.all(pending).then(() => undefined);
  }

  override setIrisMode(mode: IrisMode): Promise<void> {
    return this.oneShot('ae-mode', { kind: 'ae-mode', mode: mode === 'auto' ? 'full-auto' : 'manual' });
  }

  private oneShot(name: string, command: ViscaCommand): Promise<void> {
    if (!this.linkUp) {
      return Promise.reject(new IpcError('device-offline', `${this.config.name} is ${this.status}`));
    }
    return new Promise<void>((resolve, reject) => {
      const replaced = this.queue.put({
        key: `one-shot:${name}`,
        priority: PRIORITY.oneShot,
        lane: 'command',
        packet: encodeCommand(this.address, command),
        persistence: 'bounded',
        done: () => {
          resolve();
          this.schedulePoll(0); // show the result promptly
        },
        fail: reject,
      });
      replaced?.done?.(new Uint8Array()); // superseded by a newer target: that is success for its caller
      this.pump();
    });
  }

  // ---- the pump -------------------------------------------------------------------------------------

  private pump(): void {
    if (!this.linkUp || !this.channel) return;
    for (;;) {
      const inFlight = this.commandsInFlight.size;
      const socketsFree = inFlight + this.busySockets.size < 2;
      const job = this.queue.take(
        (j) =>
          j.lane === 'command' && ((inFlight === 0 && socketsFree) || (j.priority === PRIORITY.stop && inFlight < 2)),
      );
      if (!job) break;
      this.issue(job);
    }
    if (!this.inquiryInFlight) {
      const job = this.queue.take((j) => j.lane === 'inquiry');
      if (job) this.issue(job);
    }
  }

  private issue(job: Job): void {
    const channel = this.channel!;
    const request = channel.request(job.packet, {
      kind: job.lane === 'inquiry' ? 'inquiry' : 'command',
      persistence: job.persistence,
    });
    const entry = { job, request };
    if (job.lane === 'command') this.commandsInFlight.add(entry);
    else this.inquiryInFlight = entry;
    if (job.group) this.lastIssued.set(job.group, hex(job.packet));
    const gen = this.generation;
    request.outcome
      .then(
        (o) => gen === this.generation && this.onOutcome(job, o),
        (e: unknown) => gen === this.generation && this.onFailure(job, e),
      )
      .finally(() => {
        if (job.lane === 'command') this.commandsInFlight.delete(entry);
        else if (this.inquiryInFlight === entry) this.inquiryInFlight = null;
        this.pump();
      });
  }

  private onOutcome(job: Job, o: ViscaOutcome): void {
    this.setLatency(o.rttMs);
    if (o.kind === 'already-executed') return job.done?.(new Uint8Array());
    const r = o.reply;
    switch (r.kind) {
      case 'ack':
        this.holdSocket(r.socket);
        return job.done?.(new Uint8Array());
      case 'completion':
        return job.done?.(r.data);
      case 'error':
        return this.onErrorReply(job, r);
      default:
        this.reportProblem('unexpected-reply', `unexpected ${r.kind} reply to a command`);
        return job.fail?.(new IpcError('internal', `unexpected ${r.kind} reply`));
    }
  }

  private onErrorReply(job: Job, r: Extract<ViscaReply, { kind: 'error' }>): void {
    if (job.group) this.lastIssued.delete(job.group);
    if (r.name === 'buffer-full' || (r.name === 'not-executable' && job.priority === PRIORITY.stop)) {
      // Both sockets busy (or the head was mid-move): keep it, unless a newer value has replaced it.
      if (!this.queue.has(job.key)) this.queue.put(job);
      return;
    }
    const text = `camera answered "${r.name}" (code 0x${r.code.toString(16)})`;
    this.reportProblem(`visca-${r.name}`, text);
    const code = r.name === 'syntax' ? 'unsupported' : r.name === 'not-executable' ? 'conflict' : 'internal';
    job.fail?.(new IpcError(code, `${this.config.name}: ${text}`));
  }

  private onFailure(job: Job, e: unknown): void {
    if (job.group) this.lastIssued.delete(job.group);
    const le = e instanceof LinkError ? e : new LinkError('rejected', String(e));
    if (le.code === 'cancelled' || le.code === 'closed') {
      return job.fail?.(new IpcError('device-offline', `${this.config.name}: ${le.message}`));
    }
    job.fail?.(
      new IpcError(le.code === 'timeout' ? 'timeout' : 'device-offline', `${this.config.name}: ${le.message}`),
    );
    if (le.code === 'timeout') this.onLinkLost(le.message);
  }

  private holdSocket(socket: number): void {
    this.clock.clearTimeout(this.busySockets.get(socket));
    this.busySockets.set(
      socket,
      this.clock.setTimeout(() => this.releaseSocket(socket), this.socketHoldMs),
    );
  }

  private releaseSocket(socket: number): void {
    if (!this.busySockets.has(socket)) return;
    this.clock.clearTimeout(this.busySockets.get(socket));
    this.busySockets.delete(socket);
    this.pump();
  }

  private dropQueued(reason: string, which: (j: Job) => boolean = () => true): void {
    for (const j of this.queue.removeWhere(which))
      j.fail?.(new IpcError('device-offline', `${this.config.name}: ${reason}`));
  }

  // ---- polling --------------------------------------------------------------------------------------

  private poll(): void {
    if (!this.linkUp) return;
    const inquiries: ViscaInquiry[] = ['pan-tilt-position', 'zoom-position', 'iris-position', 'ae-mode'];
    for (const inquiry of inquiries) {
      this.queue.put({
        key: `inquiry:${inquiry}`,
        priority: PRIORITY.inquiry,
        lane: 'inquiry',
        packet: encodeInquiry(this.address, inquiry),
        persistence: 'bounded',
        done: (data) => this.onAnswer(inquiry, data),
      });
    }
    this.pump();
    this.schedulePoll(this.moving || this.headMoved() ? this.pollMs.moving : this.pollMs.idle);
  }

  private schedulePoll(ms: number): void {
    this.clock.clearTimeout(this.pollTimer);
    this.pollTimer = this.clock.setTimeout(() => this.poll(), ms);
  }

  /** True when the head moved since the previous poll (a preset or another controller moving it). */
  private headMoved(): boolean {
    const now = `${this.native.pan},${this.native.tilt},${this.native.zoom}`;
    const moved = now !== this.lastPanTilt;
    this.lastPanTilt = now;
    return moved;
  }

  private onAnswer(inquiry: ViscaInquiry, data: Uint8Array): void {
    const answer = decodeInquiryAnswer(inquiry, data);
    if (!answer.ok) {
      return this.reportProblem('malformed-reply', `${inquiry}: ${answer.error.reason}: ${answer.error.detail}`);
    }
    this.native = foldAnswer(this.native, answer.value);
    const position = toDevicePosition(this.native, this.model);
    if (position) this.setPosition(position);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.clock.setTimeout(resolve, ms));
  }
}
