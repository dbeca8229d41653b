/**
 * Base of every device driver. Speaks normalised units only (speeds −1..1, positions 0..1), clamps and
 * drops unchanged input, runs the dead-man watchdog, serialises the device's lifecycle, and owns its
 * observable state. Drivers fill in the protocol: what to send and when.
 */
import type { DeviceConfig } from '../../../shared/model/device';
import {
  NO_CAPABILITIES,
  type DeviceCapabilities,
  type DevicePosition,
  type DeviceProblem,
  type DeviceState,
  type DeviceStatus,
} from '../../../shared/model/device-status';
import type { FocusMode, IrisMode } from '../../../shared/model/lens';
import type { PresetRecord } from '../../../shared/model/preset';
import { AXES, DEAD_MAN_MS, ZERO_VELOCITY, type StopReason, type Velocity } from '../../../shared/model/motion';
import { IpcError } from '../../../shared/ipc/ipc-error';
import { clamp } from '../../../shared/util/clamp';
import type { Logger } from '../logger';
import type { Clock } from './clock';

export interface PtzDeviceDeps {
  clock: Clock;
  log: Logger;
  /** Dead-man interval in ms (default DEAD_MAN_MS). */
  deadManMs?: number;
  /** Longest a stop waits for the camera's confirmation before resolving anyway, ms (default 1000). */
  stopConfirmMs?: number;
}

type MutableState = Pick<
  DeviceState,
  'status' | 'statusDetail' | 'latencyMs' | 'position' | 'problem' | 'lastStop' | 'presets'
>;

export abstract class PtzDevice {
  protected readonly clock: Clock;
  protected readonly log: Logger;
  private readonly deadManMs: number;
  private readonly stopConfirmMs: number;
  private readonly listeners = new Set<(state: DeviceState) => void>();
  private lifecycle: Promise<void> = Promise.resolve();
  private desired: Velocity = { ...ZERO_VELOCITY };
  /** Clients (renderer connections) that have driven this device since its last stop. */
  private readonly drivers = new Set<string>();
  private watchdog: unknown = undefined;
  private destroyed = false;
  private state: MutableState = {
    status: 'connecting',
    statusDetail: null,
    latencyMs: null,
    position: null,
    problem: null,
    lastStop: null,
    presets: [],
  };

  constructor(
    private configValue: DeviceConfig,
    deps: PtzDeviceDeps,
  ) {
    this.clock = deps.clock;
    this.log = deps.log;
    this.deadManMs = deps.deadManMs ?? DEAD_MAN_MS;
    this.stopConfirmMs = deps.stopConfirmMs ?? 1000;
    if (!configValue.enabled) this.state.status = 'disabled';
  }

  get id(): string {
    return this.configValue.id;
  }

  get config(): DeviceConfig {
    return this.configValue;
  }

  get status(): DeviceStatus {
    return this.state.status;
  }

  /** True while any axis is commanded to move. */
  get moving(): boolean {
    return AXES.some((a) => this.desired[a] !== 0);
  }

  /** The velocity the operator currently asks for (normalised). */
  get desiredVelocity(): Readonly<Velocity> {
    return this.desired;
  }

  snapshot(): DeviceState {
    return {
      id: this.id,
      config: this.configValue,
      moving: this.moving,
      capabilities: this.capabilities(),
      ...this.state,
    };
  }

  /** Replaces the PC's preset records of this device (sorted by number) and publishes them. */
  setPresetRecords(records: readonly PresetRecord[]): void {
    this.state.presets = [...records].sort((a, b) => a.number - b.number);
    this.emit();
  }

  /** What this device can do; drivers override with their protocol's and model's abilities. */
  protected capabilities(): DeviceCapabilities {
    return NO_CAPABILITIES;
  }

  /** Calls `listener` after every state change; returns an unsubscribe function. */
  onChange(listener: (state: DeviceState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- motion, normalised -------------------------------------------------------------------------

  /**
   * Latest value wins: sets the given axes (each clamped to −1..1; others keep their value). Counts as a
   * motion heartbeat. All axes at zero is a stop, which is retried until the camera confirms it.
   */
  setVelocity(change: Partial<Velocity>, clientId?: string): void {
    this.assertCanMove();
    const next = { ...this.desired };
    for (const axis of AXES) {
      const v = change[axis];
      if (v !== undefined) next[axis] = clamp(v, -1, 1);
    }
    if (!AXES.some((a) => next[a] !== 0)) {
      if (this.moving) void this.stop('operator');
      return;
    }
    if (clientId) this.drivers.add(clientId);
    this.armWatchdog();
    if (AXES.every((a) => next[a] === this.desired[a])) return; // unchanged: nothing to send
    this.desired = next;
    this.applyVelocity(this.desired);
    this.emit();
  }

  /** Keeps a held control alive: without one for the dead-man interval, a moving device is stopped. */
  heartbeat(clientId?: string): void {
    if (!this.moving) return;
    if (clientId) this.drivers.add(clientId);
    this.armWatchdog();
  }

  /** True when `clientId` has driven this device since its last stop. */
  isDrivenBy(clientId: string): boolean {
    return this.moving && this.drivers.has(clientId);
  }

  /**
   * Stops every axis. Jumps ahead of any waiting command; the driver retries it until acknowledged (or
   * repeats it, for protocols without replies). Resolves when the camera confirmed it (Pelco: when the
   * repeats are on the wire), or after `stopConfirmMs` at most.
   */
  async stop(reason: StopReason): Promise<void> {
    this.disarmWatchdog();
    this.drivers.clear();
    this.desired = { ...ZERO_VELOCITY };
    this.state.lastStop = { reason, at: this.clock.now() };
    this.emit();
    if (this.state.status === 'disabled' || this.destroyed) return;
    // Wait for the camera's confirmation, but never hang a caller (or a shutdown) on a dead link: the
    // driver keeps retrying the stop in the background either way.
    let timer: unknown;
    const deadline = new Promise<void>((resolve) => {
      timer = this.clock.setTimeout(resolve, this.stopConfirmMs);
    });
    await Promise.race([this.applyStop(reason), deadline]);
    this.clock.clearTimeout(timer);
  }

  // ---- one-shot lens/head commands: drivers override what they support ------------------------------

  /** Drives pan/tilt to the home position. */
  home(): Promise<void> {
    return this.unsupported('home');
  }
  /**
   * Drives pan, tilt and zoom to a normalised position (as the device reports it) at full speed; resolves
   * when the camera has taken the commands, not on arrival (watch the reported position for that).
   */
  moveTo(_target: { pan: number; tilt: number; zoom: number }): Promise<void> {
    return this.unsupported('absolute positioning');
  }
  /** Zoom to a normalised position, 0 wide … 1 tele. */
  zoomTo(_position: number): Promise<void> {
    return this.unsupported('zoom positioning');
  }
  /** Iris to a normalised opening, 0 closed … 1 fully open (implies manual exposure). */
  setIris(_position: number): Promise<void> {
    return this.unsupported('iris control');
  }
  setIrisMode(_mode: IrisMode): Promise<void> {
    return this.unsupported('exposure mode');
  }
  setFocusMode(_mode: FocusMode): Promise<void> {
    return this.unsupported('focus mode');
  }
  /** Focuses once automatically, then holds. */
  focusOnePush(): Promise<void> {
    return this.unsupported('one-push autofocus');
  }
  /** Presets as the operator numbers them (1–255); drivers map them to the wire. */
  recallPreset(_preset: number): Promise<void> {
    return this.unsupported('presets');
  }
  savePreset(_preset: number): Promise<void> {
    return this.unsupported('presets');
  }
  clearPreset(_preset: number): Promise<void> {
    return this.unsupported('presets');
  }

  // ---- lifecycle, serialised per device ------------------------------------------------------------

  /** Opens the link (when enabled). */
  start(): Promise<void> {
    return this.runLifecycle(async () => {
      if (!this.configValue.enabled) return this.setStatus('disabled', null);
      this.setStatus('connecting', null);
      await this.open();
    });
  }

  /** Applies a new configuration: stop, close, swap, reopen. */
  reconfigure(config: DeviceConfig): Promise<void> {
    return this.runLifecycle(async () => {
      await this.stopBeforeClosing();
      await this.close();
      this.configValue = config;
      this.state.position = null;
      this.state.latencyMs = null;
      this.state.problem = null;
      if (!config.enabled) return this.setStatus('disabled', null);
      this.setStatus('connecting', null);
      await this.open();
    });
  }

  /**
   * Starts as a connection probe (`devices.test`): the device connects and answers inquiries but sends no
   * command of its own — not the stop it normally sends on connect and before closing, which would halt a
   * camera that another controller (or this console's own entry, once saved) is driving.
   */
  startProbe(): Promise<void> {
    this.probeOnly = true;
    return this.start();
  }

  /** True for a connection probe: drivers skip their connect-time stop. */
  protected probeOnly = false;

  /** Stops the device, closes its link and releases everything. Idempotent. */
  destroy(): Promise<void> {
    return this.runLifecycle(async () => {
      if (this.destroyed) return;
      await this.stopBeforeClosing();
      this.destroyed = true;
      this.disarmWatchdog();
      await this.close();
      this.listeners.clear();
    });
  }

  protected get isDestroyed(): boolean {
    return this.destroyed;
  }

  // ---- for drivers ---------------------------------------------------------------------------------

  /** Opens the link and starts the handshake; status goes online when the device answers. */
  protected abstract open(): Promise<void>;
  /** Closes the link; must not throw. */
  protected abstract close(): Promise<void>;
  /** Sends the latest desired velocity when the link is free (never queued behind older ones). */
  protected abstract applyVelocity(velocity: Readonly<Velocity>): void;
  /**
   * Sends stop on every axis ahead of anything waiting, retried until acknowledged; resolves when the
   * camera confirmed it (the base class bounds the wait).
   */
  protected abstract applyStop(reason: StopReason): Promise<void>;

  protected setStatus(status: DeviceStatus, detail: string | null): void {
    if (this.state.status === status && this.state.statusDetail === detail) return;
    const wasOnline = this.state.status === 'online';
    this.state.status = status;
    this.state.statusDetail = detail;
    if (wasOnline && status !== 'online' && this.moving) {
      // The link is gone: forget the held velocity. The driver sends STOP again when it reconnects.
      this.desired = { ...ZERO_VELOCITY };
      this.drivers.clear();
      this.disarmWatchdog();
    }
    this.emit();
  }

  protected setPosition(position: DevicePosition): void {
    const prev = this.state.position;
    if (
      prev &&
      Object.keys(position).every((k) => prev[k as keyof DevicePosition] === position[k as keyof DevicePosition])
    ) {
      return;
    }
    this.state.position = position;
    this.emit();
  }

  protected setLatency(ms: number): void {
    const rounded = Math.round(ms * 10) / 10;
    if (this.state.latencyMs === rounded) return;
    this.state.latencyMs = rounded;
    // Latency alone is not worth an event per reply; it rides along with the next change.
  }

  /** Records a problem (malformed reply, error code, timeout); kept until cleared. */
  protected reportProblem(code: string, message: string): void {
    const problem: DeviceProblem = { code, message, at: this.clock.now() };
    this.log.warn(`${this.configValue.name} (${this.id}): ${code}: ${message}`);
    this.state.problem = problem;
    this.emit();
  }

  protected clearProblem(): void {
    if (!this.state.problem) return;
    this.state.problem = null;
    this.emit();
  }

  protected emit(): void {
    if (this.listeners.size === 0) return;
    const snap = this.snapshot();
    for (const l of this.listeners) {
      try {
        l(snap);
      } catch (e) {
        this.log.error('device state listener failed', e);
      }
    }
  }

  private assertCanMove(): void {
    if (this.destroyed) throw new IpcError('not-found', `Device ${this.id} was removed`);
    const s = this.state.status;
    if (s !== 'online') {
      throw new IpcError('device-offline', `${this.configValue.name} is ${s}; motion is refused until it is online`);
    }
  }

  private unsupported(what: string): Promise<never> {
    return Promise.reject(new IpcError('unsupported', `${this.configValue.name} does not support ${what}`));
  }

  private async stopBeforeClosing(): Promise<void> {
    // A probe never moved anything; a stop from it would halt whoever is driving the camera.
    if (this.state.status !== 'online' || this.probeOnly) return;
    try {
      await this.stop('shutdown');
    } catch (e) {
      this.log.warn(`stop before closing ${this.id} failed`, e);
    }
  }

  private armWatchdog(): void {
    this.disarmWatchdog();
    this.watchdog = this.clock.setTimeout(() => {
      this.watchdog = undefined;
      if (!this.moving) return;
      this.log.warn(`${this.configValue.name}: no motion heartbeat for ${this.deadManMs} ms, stopping (dead-man)`);
      void this.stop('watchdog').catch((e: unknown) => this.log.error('watchdog stop failed', e));
    }, this.deadManMs);
  }

  private disarmWatchdog(): void {
    if (this.watchdog !== undefined) this.clock.clearTimeout(this.watchdog);
    this.watchdog = undefined;
  }

  private runLifecycle(step: () => Promise<void>): Promise<void> {
    const next = this.lifecycle.then(step, step);
    // Keep the chain alive after a failed step; the caller still sees the failure.
    this.lifecycle = next.catch(() => undefined);
    return next;
  }
}
