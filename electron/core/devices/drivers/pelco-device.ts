/**
 * Pelco-D / Pelco-P driver policy on a shared RS-485 StreamTransport: what to send and when.
 * - One frame carries pan+tilt+zoom+focus, so motion is one group: latest value wins, with at most the
 *   frame on the wire plus one waiting, paced by the wire (bytes × 10 / baud); unchanged frames are not
 *   re-sent, except the optional refresh while a velocity is held (PelcoWire does the scheduling).
 * - Pelco never acknowledges motion, so STOP is repeated (default 3 × 50 ms), jumps ahead of everything,
 *   discards a waiting move or one-shot, and nothing else goes out until the burst is over. No move is
 *   sent after a stop unless a new velocity arrives. Every (re)open of the transport starts with STOP.
 * - Health is the transport's: online while it is open; offline with its problem message while it
 *   retries; error when it has failed for good (permission denied, no such port).
 * - Position queries (51/53/55) are polled slowly, one per tick; a receiver that answers gets a position,
 *   one that never answers keeps `position: null`, without error.
 * - Our own frames echoed by a half-duplex adapter are recognised and ignored; commands from another
 *   controller to our receiver make polling fast for a while (the head may be moving).
 */
import type { DeviceConfig } from '../../../../shared/model/device';
import type { DeviceCapabilities } from '../../../../shared/model/device-status';
import type { StopReason, Velocity } from '../../../../shared/model/motion';
import { IpcError } from '../../../../shared/ipc/ipc-error';
import { PtzDevice, type PtzDeviceDeps } from '../ptz-device';
import {
  PELCO_D_FRAME_LENGTH,
  PELCO_P_FRAME_LENGTH,
  PelcoFramer,
  STOP_MOTION,
  decodePelcoCommand,
  decodePelcoResponse,
  encodePelco,
  type PelcoCommand,
  type PelcoTiltSense,
  type PelcoVariant,
} from '../protocols/pelco';
import type { StreamProblem, StreamState, StreamTransport } from '../transports/transport';
import {
  frameMs,
  pelcoMotionFor,
  pelcoZoomNative,
  toPelcoDevicePosition,
  type PelcoNativePosition,
} from './pelco-mapping';
import { PelcoWire } from './pelco-wire';

export interface PelcoDeviceOptions extends PtzDeviceDeps {
  /** Gets the (shared, pooled) transport for the config's serial port; may throw (baud conflict). */
  acquireTransport(config: DeviceConfig): StreamTransport;
  /** Gives it back; the pool closes the port when its last user leaves. */
  releaseTransport(transport: StreamTransport): void;
  /** STOP repetitions and their spacing, start to start (default 3 × 50 ms). */
  repeatStop?: { count: number; intervalMs: number };
  /**
   * While a velocity is held, the current move frame is re-sent this often (ms) so a frame lost to line
   * noise — never acknowledged — is repaired. 0 disables. Default 1000.
   */
  refreshMs?: number;
  /** Response curve; default `{ exponent: config.responseCurve ?? 1 }`. */
  curve?: { exponent: number };
  /** Poll position queries (default true). */
  pollQueries?: boolean;
  /** Position polling period, ms, one query per tick (default 200 while moving, 1000 idle). */
  pollMs?: { moving: number; idle: number };
  /** Full pan deflection uses turbo speed (default false). */
  turbo?: boolean;
  /**
   * Preset recalled by `home()` (default 1; Pelco domes also know 0x22 "zero pan"). Pelco has no home
   * command: this is whatever the installer stored in that preset. null: `home()` is unsupported.
   */
  homePreset?: number | null;
  /** How the receiver counts tilt in its position answers (default 'down-positive', as Pelco domes). */
  tiltSense?: PelcoTiltSense;
}

/** How long another controller's command to our receiver keeps polling at the moving pace (ms). */
const FOREIGN_CONTROL_MS = 2000;
const QUERIES = ['pan', 'tilt', 'zoom'] as const;

/**
 * A Pelco-D or Pelco-P receiver (`config.protocol` 'pelco-d' | 'pelco-p', at `config.address` as printed
 * on the dome) on a serial bus shared through `acquireTransport`. Normalised speeds map to 0x00–0x3F;
 * positions come from the optional 51/53/55 queries (pan/tilt in 1/100°, zoom 0–0xFFFF device-specific).
 */
export class PelcoDevice extends PtzDevice {
  private readonly pollMs: { moving: number; idle: number };
  private readonly wire: PelcoWire;
  private transport: StreamTransport | null = null;
  private subscriptions: Array<() => void> = [];
  private framer: PelcoFramer | null = null;
  /** Bumped on open/close: stale transport events are ignored. */
  private generation = 0;
  private everOpen = false;
  private native: PelcoNativePosition = { pan: null, tilt: null, zoom: null };
  private pollTimer: unknown;
  private nextPollAt = 0;
  private queryIndex = 0;
  private lastPolled = 'null,null,null';
  private foreignControlAt = -Infinity;

  constructor(
    config: DeviceConfig,
    private readonly options: PelcoDeviceOptions,
  ) {
    super(config, options);
    this.pollMs = options.pollMs ?? { moving: 200, idle: 1000 };
    this.wire = new PelcoWire({
      clock: options.clock,
      log: options.log,
      name: () => this.config.name,
      repeatStop: options.repeatStop ?? { count: 3, intervalMs: 50 },
      refreshMs: options.refreshMs ?? 1000,
      holding: () => this.moving,
    });
    this.bus(); // a wrong protocol is a wiring bug: fail at construction
  }

  /** Dialect, address (as printed) and baud rate from the current config. */
  private bus(): { variant: PelcoVariant; address: number; baudRate: number } {
    const c = this.config;
    if (c.protocol !== 'pelco-d' && c.protocol !== 'pelco-p') {
      throw new Error(`Pelco driver given a ${c.protocol} device`);
    }
    return { variant: c.protocol === 'pelco-d' ? 'd' : 'p', address: c.address, baudRate: c.baudRate };
  }

  private encode(cmd: PelcoCommand): Uint8Array {
    const { variant, address } = this.bus();
    return encodePelco(variant, address, cmd);
  }

  // ---- lifecycle ------------------------------------------------------------------------------------

  protected async open(): Promise<void> {
    const gen = ++this.generation;
    let transport: StreamTransport;
    try {
      transport = this.options.acquireTransport(this.config);
    } catch (e) {
      // e.g. the port is already used at another baud rate: retrying will not fix the configuration.
      return this.setStatus('error', e instanceof Error ? e.message : String(e));
    }
    this.transport = transport;
    this.framer = new PelcoFramer(this.bus().variant, 'from-camera');
    this.subscriptions = [
      transport.onState((s, p) => gen === this.generation && this.onTransportState(s, p)),
      transport.onData((chunk) => gen === this.generation && this.onData(chunk)),
    ];
    // open() is idempotent on a pooled port another receiver on the same bus may already have opened.
    await transport.open().catch((e: unknown) => this.log.warn(`opening ${transport.describe()} failed`, e));
    if (gen === this.generation) this.onTransportState(transport.state, transport.problem);
  }

  protected async close(): Promise<void> {
    await this.wire.burstFinished(); // let a stop burst in progress (shutdown's) reach the bus
    this.generation++;
    this.linkDown();
    for (const unsubscribe of this.subscriptions) unsubscribe();
    this.subscriptions = [];
    const transport = this.transport;
    this.transport = null;
    this.framer = null;
    this.native = { pan: null, tilt: null, zoom: null };
    if (transport) this.options.releaseTransport(transport);
  }

  private onTransportState(state: StreamState, problem: StreamProblem | null): void {
    if (state === 'open') {
      if (this.wire.up || !this.transport) return;
      const { variant, baudRate } = this.bus();
      this.wire.attach({
        transport: this.transport,
        frameMs: (bytes) => frameMs(bytes, baudRate),
        answerBytes: variant === 'd' ? PELCO_D_FRAME_LENGTH : PELCO_P_FRAME_LENGTH,
      });
      this.framer?.reset();
      this.setStatus('online', null);
      // A previous run, a lost stop or another controller may have left the head moving: stop first.
      if (!this.probeOnly) void this.stop(this.everOpen ? 'reconnect' : 'startup');
      this.everOpen = true;
      this.schedulePoll(0); // queued behind the stop burst
      return;
    }
    if (this.wire.up) this.linkDown();
    const detail = problem?.message ?? `${this.transport?.describe() ?? 'the serial port'} is ${state}`;
    if (state === 'failed') this.setStatus('error', detail);
    else if (state === 'opening' && !this.everOpen) this.setStatus('connecting', null);
    else if (state !== 'opening' || this.status !== 'offline') this.setStatus('offline', detail);
  }

  private linkDown(): void {
    this.wire.detach();
    this.clock.clearTimeout(this.pollTimer);
  }

  // ---- motion ---------------------------------------------------------------------------------------

  protected applyVelocity(v: Readonly<Velocity>): void {
    if (!this.wire.up) return;
    const exponent = this.options.curve?.exponent ?? this.config.responseCurve ?? 1;
    const motion = pelcoMotionFor(v, { exponent, turbo: this.options.turbo ?? false });
    this.wire.move(this.encode({ kind: 'motion', motion }));
    // Starting to move: bring the next poll forward from the idle pace.
    if (this.nextPollAt > this.clock.now() + this.pollMs.moving) this.schedulePoll(this.pollMs.moving);
  }

  protected applyStop(_reason: StopReason): Promise<void> {
    return this.wire.stop(this.encode({ kind: 'motion', motion: STOP_MOTION }));
  }

  protected override capabilities(): DeviceCapabilities {
    return {
      irisStops: [], // iris only opens/closes while held on Pelco; there is no position to set
      presets: { min: 1, max: 255 },
      zoomPosition: true, // device-specific (set-zoom-position), see zoomTo
      focus: true,
      home: this.options.homePreset !== null,
    };
  }

  // ---- one-shots ------------------------------------------------------------------------------------

  /** Recalls the configured home preset (default preset 1): Pelco has no home command of its own. */
  override home(): Promise<void> {
    const preset = this.options.homePreset === undefined ? 1 : this.options.homePreset;
    if (preset === null) return super.home();
    return this.oneShot('home', { kind: 'preset-go', preset });
  }

  /**
   * Zoom via the extended set-zoom-position (4F) on a 0–0xFFFF scale. Optional in Pelco and
   * device-specific: receivers without it ignore the frame (there is no error to report).
   */
  override zoomTo(position: number): Promise<void> {
    return this.oneShot('zoom-to', { kind: 'set-zoom-position', position: pelcoZoomNative(position) });
  }

  /** Pelco presets are numbered 1–255 on the wire as on the dome, so the operator's N is sent as is. */
  override recallPreset(preset: number): Promise<void> {
    return this.oneShot(`preset-go-${preset}`, { kind: 'preset-go', preset });
  }

  override savePreset(preset: number): Promise<void> {
    return this.oneShot(`preset-set-${preset}`, { kind: 'preset-set', preset });
  }

  override clearPreset(preset: number): Promise<void> {
    return this.oneShot(`preset-clear-${preset}`, { kind: 'preset-clear', preset });
  }

  private oneShot(key: string, cmd: PelcoCommand): Promise<void> {
    if (!this.wire.up) {
      return Promise.reject(new IpcError('device-offline', `${this.config.name} is ${this.status}`));
    }
    return this.wire.oneShot(key, this.encode(cmd));
  }

  // ---- receiving ------------------------------------------------------------------------------------

  private onData(chunk: Uint8Array): void {
    if (!this.framer) return;
    for (const r of this.framer.push(chunk)) {
      if (!r.ok) {
        // Line noise, another protocol, or a general response we can't check: not an error of ours.
        this.log.debug(`${this.config.name}: ${r.error.reason}: ${r.error.detail}`);
        continue;
      }
      if (this.wire.isEcho(r.value)) continue;
      const { variant, address } = this.bus();
      const command = decodePelcoCommand(variant, r.value);
      if (command.ok) {
        // Another controller (a keyboard, a second console) is driving our receiver: track it closely.
        if (command.value.address === address) this.noteForeignControl();
        continue;
      }
      const decoded = decodePelcoResponse(variant, r.value);
      // An answer from another receiver on the bus is not for us.
      if (!decoded.ok || decoded.value.kind !== 'position' || decoded.value.address !== address) continue;
      this.native = { ...this.native, [decoded.value.what]: decoded.value.value };
      const position = toPelcoDevicePosition(this.native, this.options.tiltSense ?? 'down-positive');
      if (position) this.setPosition(position);
      this.wire.answered();
    }
  }

  // ---- polling --------------------------------------------------------------------------------------

  private schedulePoll(ms: number): void {
    this.clock.clearTimeout(this.pollTimer);
    if (this.options.pollQueries === false || !this.wire.up) return;
    this.nextPollAt = this.clock.now() + ms;
    this.pollTimer = this.clock.setTimeout(() => this.poll(), ms);
  }

  private noteForeignControl(): void {
    this.foreignControlAt = this.clock.now();
    if (this.nextPollAt > this.clock.now() + this.pollMs.moving) this.schedulePoll(this.pollMs.moving);
  }

  private poll(): void {
    if (!this.wire.up) return;
    this.wire.query(this.encode({ kind: 'query', what: QUERIES[this.queryIndex++ % QUERIES.length]! }));
    // Poll faster while we drive it, while it moves on its own (preset recall), or while another
    // controller on the bus talks to it.
    const now = `${this.native.pan},${this.native.tilt},${this.native.zoom}`;
    const headMoved = now !== this.lastPolled;
    this.lastPolled = now;
    const foreign = this.clock.now() - this.foreignControlAt < FOREIGN_CONTROL_MS;
    this.schedulePoll(this.moving || headMoved || foreign ? this.pollMs.moving : this.pollMs.idle);
  }
}
