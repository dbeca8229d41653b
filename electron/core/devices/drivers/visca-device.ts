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
 * The sending machinery (queue, lanes, sockets, replies) is ViscaScheduler; this file decides what to send.
 */
import type { DeviceConfig } from '../../../../shared/model/device';
import type { DeviceCapabilities } from '../../../../shared/model/device-status';
import type { FocusMode, IrisMode } from '../../../../shared/model/lens';
import type { StopReason, Velocity } from '../../../../shared/model/motion';
import { IpcError } from '../../../../shared/ipc/ipc-error';
import { PtzDevice, type PtzDeviceDeps } from '../ptz-device';
import { decodeInquiryAnswer, encodeCommand, encodeInquiry } from '../protocols/visca';
import type { ViscaAddress, ViscaCommand, ViscaInquiry } from '../protocols/visca/visca-types';
import { describeLinkFailure, type ViscaChannel } from './visca-channel';
import {
  MOTION_GROUPS,
  foldAnswer,
  irisNative,
  motionCommand,
  stopCommand,
  toDevicePosition,
  panTiltNative,
  zoomNative,
  type NativePosition,
  type ResponseCurve,
} from './visca-mapping';
import { SONY_SRG, type ViscaModel } from './visca-models';
import { PRIORITY, ViscaScheduler } from './visca-scheduler';

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
  /** The link counts as lost when a request times out and nothing at all was answered for this long (ms). */
  linkLossMs?: number;
}

export class ViscaDevice extends PtzDevice {
  private readonly model: ViscaModel;
  private readonly curve: ResponseCurve;
  private readonly pollMs: { moving: number; idle: number };
  private readonly reconnectMs: { min: number; max: number };
  private readonly address: ViscaAddress;
  private channel: ViscaChannel | null = null;
  private linkUp = false;
  private everOnline = false;
  private generation = 0;
  private readonly scheduler: ViscaScheduler;
  private pollTimer: unknown;
  /** When the last one-shot command was acknowledged (ms). */
  private changedAt = 0;
  /** When the camera last answered anything (ms): one lost request on a lossy link is not a lost link. */
  private lastReplyAt = 0;
  private readonly linkLossMs: number;
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
    this.address = options.address ?? 1;
    this.linkLossMs = options.linkLossMs ?? 1500;
    this.scheduler = new ViscaScheduler(
      {
        name: config.name,
        clock: this.clock,
        channel: () => (this.linkUp ? this.channel : null),
        onLatency: (ms) => {
          this.lastReplyAt = this.clock.now();
          this.setLatency(ms);
        },
        reportProblem: (code, message) => this.reportProblem(code, message),
        onTimeout: (message) => this.onRequestTimeout(message),
      },
      options.socketHoldMs,
    );
  }

  protected override capabilities(): DeviceCapabilities {
    const { presetBase, presetMax } = this.model.codec;
    return {
      irisStops: this.model.iris.map((s) => s.f),
      presets: { min: 1, max: presetMax + presetBase },
      zoomPosition: true,
      focus: true,
      home: true,
    };
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
    this.scheduler.reset('the device was closed');
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
            onCompletion: (socket) => this.scheduler.releaseSocket(socket),
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
    this.lastReplyAt = this.clock.now();
    this.setStatus('online', null);
    // A previous run (or another controller) may have left the head moving: stop it first (a probe
    // only looks: it must not stop a camera someone is driving).
    if (!this.probeOnly) void this.stop(this.everOnline ? 'reconnect' : 'startup');
    this.everOnline = true;
    this.poll();
  }

  private onRequestTimeout(message: string): void {
    if (this.clock.now() - this.lastReplyAt >= this.linkLossMs) return this.onLinkLost(message);
    this.reportProblem('timeout', `${message} (the camera still answers other requests)`);
  }

  private onLinkLost(reason: string): void {
    if (!this.linkUp) return;
    this.linkUp = false;
    this.clock.clearTimeout(this.pollTimer);
    // Moves and one-shots are void once the link is gone; stops stay queued and go out on reconnect.
    this.scheduler.reset('the device went offline', (j) => j.priority === PRIORITY.stop);
    this.setStatus('offline', `Lost contact with ${this.channel?.describe() ?? 'the camera'}: ${reason}`);
    const gen = ++this.generation;
    if (this.channel) void this.connectLoop(gen, this.channel, true).catch(() => undefined);
  }

  // ---- motion ---------------------------------------------------------------------------------------

  protected applyVelocity(v: Readonly<Velocity>): void {
    for (const group of MOTION_GROUPS) {
      const packet = encodeCommand(this.address, motionCommand(group, v, this.model, this.curve), this.model.codec);
      this.scheduler.putMotion({
        key: `motion:${group}`,
        priority: PRIORITY.motion,
        lane: 'command',
        packet,
        persistence: 'bounded',
        group,
      });
    }
    this.scheduler.pump();
  }

  protected applyStop(_reason: StopReason): Promise<void> {
    // A superseded move must not be retransmitted after the stop has gone out.
    this.scheduler.supersede(PRIORITY.motion);
    const confirmations = MOTION_GROUPS.map(
      (group) =>
        new Promise<void>((resolve) => {
          const replaced = this.scheduler.put({
            key: `stop:${group}`,
            priority: PRIORITY.stop,
            lane: 'command',
            packet: encodeCommand(this.address, stopCommand(group, this.model), this.model.codec),
            persistence: 'until-acknowledged',
            group,
            done: () => resolve(),
            fail: () => resolve(), // link closed or dropped: nothing more to wait for here
          });
          replaced?.done?.(new Uint8Array()); // the newer stop carries the same bytes
        }),
    );
    return Promise.all(confirmations).then(() => undefined);
  }

  // ---- one-shot commands ----------------------------------------------------------------------------

  override home(): Promise<void> {
    return this.oneShot('home', { kind: 'pan-tilt-home' });
  }

  override moveTo(target: { pan: number; tilt: number; zoom: number }): Promise<void> {
    const { pan, tilt } = panTiltNative(target.pan, target.tilt, this.model);
    const { panSpeedMax, tiltSpeedMax } = this.model.codec;
    return Promise.all([
      this.oneShot('pan-tilt-absolute', {
        kind: 'pan-tilt-absolute',
        pan,
        tilt,
        panSpeed: panSpeedMax,
        tiltSpeed: tiltSpeedMax,
      }),
      this.zoomTo(target.zoom),
    ]).then(() => undefined);
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

  override setFocusMode(mode: FocusMode): Promise<void> {
    return this.oneShot('focus-mode', { kind: 'focus-mode', mode });
  }

  override focusOnePush(): Promise<void> {
    return this.oneShot('focus-one-push', { kind: 'focus-one-push' });
  }

  override recallPreset(preset: number): Promise<void> {
    return this.preset('recall', preset);
  }

  override savePreset(preset: number): Promise<void> {
    return this.preset('set', preset);
  }

  override clearPreset(preset: number): Promise<void> {
    return this.preset('reset', preset);
  }

  /** Operator preset N → the model's native pp (N − presetBase), refused beyond the model's range. */
  private preset(action: 'recall' | 'set' | 'reset', preset: number): Promise<void> {
    const { presetBase, presetMax } = this.model.codec;
    const pp = preset - presetBase;
    if (pp < 0 || pp > presetMax) {
      const range = `${presetBase === 0 ? 1 : presetBase}–${presetMax + presetBase}`;
      return Promise.reject(new IpcError('unsupported', `${this.config.name} has presets ${range}, not ${preset}`));
    }
    // Recalls coalesce (the latest target wins); saving or clearing preset 3 and then 5 must do both.
    const key = action === 'recall' ? 'preset-recall' : `preset-${action}-${preset}`;
    return this.oneShot(key, { kind: 'preset', action, preset: pp });
  }

  private oneShot(name: string, command: ViscaCommand): Promise<void> {
    if (!this.linkUp) {
      return Promise.reject(new IpcError('device-offline', `${this.config.name} is ${this.status}`));
    }
    return new Promise<void>((resolve, reject) => {
      const replaced = this.scheduler.put({
        key: `one-shot:${name}`,
        priority: PRIORITY.oneShot,
        lane: 'command',
        packet: encodeCommand(this.address, command, this.model.codec),
        persistence: 'bounded',
        done: () => {
          // Answers to inquiries asked before now may describe the state before this command.
          this.changedAt = this.clock.now();
          resolve();
          this.schedulePoll(0); // show the result promptly
        },
        fail: reject,
      });
      replaced?.done?.(new Uint8Array()); // superseded by a newer target: that is success for its caller
    });
  }

  // ---- polling --------------------------------------------------------------------------------------

  private poll(): void {
    if (!this.linkUp) return;
    const inquiries: ViscaInquiry[] = ['pan-tilt-position', 'zoom-position', 'iris-position', 'ae-mode'];
    const askedAt = this.clock.now();
    for (const inquiry of inquiries) {
      this.scheduler.put({
        key: `inquiry:${inquiry}`,
        priority: PRIORITY.inquiry,
        lane: 'inquiry',
        packet: encodeInquiry(this.address, inquiry),
        persistence: 'bounded',
        done: (data) => this.onAnswer(inquiry, data, askedAt),
      });
    }
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

  private onAnswer(inquiry: ViscaInquiry, data: Uint8Array, askedAt: number): void {
    // Stale: asked before a command we sent changed the camera (e.g. exposure mode): showing it would flick
    // the control back for a moment. The poll that follows every command reports the new state.
    if (askedAt < this.changedAt) return;
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
