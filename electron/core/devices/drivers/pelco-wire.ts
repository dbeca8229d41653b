/**
 * When Pelco frames go out on a half-duplex bus: a scheduler with one slot per kind of frame (a repeated
 * stop, the latest move, one-shots keyed latest-wins, one query), paced by the wire's bit time. It knows
 * frames only as bytes; what to send is the driver's business (pelco-device.ts).
 */
import { IpcError } from '../../../../shared/ipc/ipc-error';
import type { Logger } from '../../logger';
import type { Clock } from '../clock';
import type { StreamTransport } from '../transports/transport';

export interface PelcoWireOptions {
  clock: Clock;
  log: Logger;
  /** Device name for messages. */
  name(): string;
  /** STOP repetitions and their spacing, start to start. */
  repeatStop: { count: number; intervalMs: number };
  /** Re-send the current move this often while `holding()` (ms); 0 disables. */
  refreshMs: number;
  /** True while the operator still holds a velocity (refreshes stop when this turns false). */
  holding(): boolean;
}

/** The link a wire runs on: the transport and its timing. */
export interface PelcoLink {
  transport: StreamTransport;
  /** Time `bytes` occupy the wire, ms. */
  frameMs(bytes: number): number;
  /** Length of a query's answer, bytes (the bus is left quiet for it). */
  answerBytes: number;
}

/** Quiet time after a query's answer would have finished, for the receiver's turnaround (ms). */
const REPLY_GAP_MS = 10;
/** Frames remembered for the echo check. */
const ECHO_MEMORY = 8;

type Lane = 'stop' | 'motion' | 'one-shot' | 'query';
interface OneShot {
  frame: Uint8Array;
  resolve(): void;
  reject(e: IpcError): void;
}

/** True when two frames have the same bytes. */
export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Rules:
 * - One frame on the wire at a time; the next goes when the transport has taken it *and* its bit time
 *   has passed. At most one move waits (latest wins); a move equal to the last one sent is dropped.
 * - `stop()` discards the waiting move and one-shots, then sends the stop frame `count` times
 *   `intervalMs` apart; nothing else goes out until the burst is over.
 * - After a query the bus stays quiet until its answer would be over (or `answered()`), except for stops.
 */
export class PelcoWire {
  private link: PelcoLink | null = null;
  /** Bumped when the link drops: completions of frames written before are ignored. */
  private generation = 0;
  private busy = false;
  private stopFrame: Uint8Array | null = null;
  private stopsLeft = 0;
  private nextStopAt = 0;
  private firstStopSent: Array<() => void> = [];
  private burstOver: Array<() => void> = [];
  private pendingMotion: Uint8Array | null = null;
  /** The last move sent, or the stop committed to: an equal new move is not sent. */
  private lastMotion: Uint8Array | null = null;
  private readonly oneShots = new Map<string, OneShot>();
  private pendingQuery: Uint8Array | null = null;
  private replyUntil = 0;
  private readonly recentlySent: Uint8Array[] = [];
  private wakeTimer: unknown;
  private refreshTimer: unknown;

  constructor(private readonly o: PelcoWireOptions) {}

  /** True while a link is attached (the transport is open). */
  get up(): boolean {
    return this.link !== null;
  }

  /** The transport opened: frames may flow. */
  attach(link: PelcoLink): void {
    this.link = link;
  }

  /** The link went down: everything waiting is void (a reconnect starts with a stop anyway). */
  detach(): void {
    this.link = null;
    this.generation++;
    this.busy = false;
    this.pendingMotion = null;
    this.lastMotion = null;
    this.pendingQuery = null;
    this.replyUntil = 0;
    this.stopsLeft = 0;
    settle(this.firstStopSent);
    settle(this.burstOver);
    this.dropOneShots(new IpcError('device-offline', `${this.o.name()}: the serial link went down`));
    this.o.clock.clearTimeout(this.wakeTimer);
    this.o.clock.clearTimeout(this.refreshTimer);
  }

  /** Latest value wins: `frame` replaces any waiting move, or is dropped if it equals the last one sent. */
  move(frame: Uint8Array): void {
    if (!this.link) return;
    if (this.lastMotion && sameBytes(frame, this.lastMotion)) {
      this.pendingMotion = null; // back to what the head is already doing
      return;
    }
    this.pendingMotion = frame;
    this.pump();
  }

  /**
   * Discards the waiting move and one-shots and starts a stop burst. Resolves when the first stop frame
   * has been handed to the transport (at once when the link is down).
   */
  stop(frame: Uint8Array): Promise<void> {
    this.pendingMotion = null;
    this.o.clock.clearTimeout(this.refreshTimer);
    this.dropOneShots(new IpcError('conflict', `${this.o.name()}: stopped before the command was sent`));
    if (!this.link) return Promise.resolve();
    this.stopFrame = frame;
    this.lastMotion = frame;
    this.stopsLeft = Math.max(1, this.o.repeatStop.count);
    this.nextStopAt = this.o.clock.now();
    const sent = new Promise<void>((resolve) => this.firstStopSent.push(resolve));
    this.pump();
    return sent;
  }

  /** Resolves when a stop burst in progress is over (at once if none), or after a deadline. */
  burstFinished(): Promise<void> {
    if (!this.link || this.stopsLeft === 0) return Promise.resolve();
    const { count, intervalMs } = this.o.repeatStop;
    const deadline = count * (intervalMs + this.link.frameMs(8)) + 100;
    return new Promise<void>((resolve) => {
      const timer = this.o.clock.setTimeout(resolve, deadline); // a hung write must not hang shutdown
      this.burstOver.push(() => {
        this.o.clock.clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Queues a one-shot under `key` (a newer one replaces it, resolving the older); resolves once written. */
  oneShot(key: string, frame: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.oneShots.get(key)?.resolve(); // superseded by a newer target: success for its caller
      this.oneShots.set(key, { frame, resolve, reject });
      this.pump();
    });
  }

  /** Queues a query (replacing one still waiting); lowest priority. */
  query(frame: Uint8Array): void {
    this.pendingQuery = frame;
    this.pump();
  }

  /** The receiver answered: the bus is ours again. */
  answered(): void {
    if (this.replyUntil <= this.o.clock.now()) return;
    this.replyUntil = 0;
    this.pump();
  }

  /** True when `frame` is one we sent recently (a half-duplex adapter echoes our own bytes). */
  isEcho(frame: Uint8Array): boolean {
    return this.recentlySent.some((f) => sameBytes(f, frame));
  }

  /** Sends the most urgent waiting frame when the wire is free. */
  private pump(): void {
    if (!this.link || this.busy) return;
    const clock = this.o.clock;
    clock.clearTimeout(this.wakeTimer);
    const now = clock.now();
    if (this.stopsLeft > 0 && this.stopFrame) {
      if (now < this.nextStopAt) return this.wakeAt(this.nextStopAt); // nothing else inside a burst
      this.stopsLeft--;
      this.nextStopAt = now + this.o.repeatStop.intervalMs;
      return this.send(this.stopFrame, 'stop');
    }
    if (now < this.replyUntil) return this.wakeAt(this.replyUntil); // half duplex: the receiver may be answering
    if (this.pendingMotion) {
      const frame = this.pendingMotion;
      this.pendingMotion = null;
      this.lastMotion = frame;
      return this.send(frame, 'motion');
    }
    const next = this.oneShots.entries().next();
    if (!next.done) {
      const [key, shot] = next.value;
      this.oneShots.delete(key);
      return this.send(shot.frame, 'one-shot', shot);
    }
    if (this.pendingQuery) {
      const frame = this.pendingQuery;
      this.pendingQuery = null;
      return this.send(frame, 'query');
    }
  }

  private send(frame: Uint8Array, lane: Lane, shot?: OneShot): void {
    const link = this.link!;
    const gen = this.generation;
    this.busy = true;
    this.recentlySent.push(frame);
    if (this.recentlySent.length > ECHO_MEMORY) this.recentlySent.shift();
    let writing: Promise<void>;
    try {
      writing = link.transport.write(frame);
    } catch (e) {
      writing = Promise.reject(e); // the interface says it never throws; don't let one that does wedge the wire
    }
    const written = writing.then(
      () => null,
      (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
    );
    void written.then((e) => {
      if (e) this.o.log.debug(`${this.o.name()}: write failed: ${e.message}`);
      if (lane === 'stop') settle(this.firstStopSent);
      if (!shot) return;
      if (e) shot.reject(new IpcError('device-offline', `${this.o.name()}: ${e.message}`));
      else shot.resolve();
    });
    // The frame occupies the wire for its bit time whatever the OS buffers: pace by both.
    const onWire = new Promise<void>((resolve) => this.o.clock.setTimeout(resolve, link.frameMs(frame.length)));
    void Promise.all([written, onWire]).then(() => {
      if (gen !== this.generation) return;
      this.busy = false;
      if (lane === 'stop' && this.stopsLeft === 0) settle(this.burstOver);
      if (lane === 'motion') this.armRefresh();
      if (lane === 'query') this.replyUntil = this.o.clock.now() + link.frameMs(link.answerBytes) + REPLY_GAP_MS;
      this.pump();
    });
  }

  private wakeAt(t: number): void {
    this.wakeTimer = this.o.clock.setTimeout(() => this.pump(), Math.max(0, t - this.o.clock.now()));
  }

  private armRefresh(): void {
    this.o.clock.clearTimeout(this.refreshTimer);
    if (this.o.refreshMs <= 0) return;
    this.refreshTimer = this.o.clock.setTimeout(() => {
      const frame = this.lastMotion;
      if (!this.link || !this.o.holding() || this.stopsLeft > 0 || this.pendingMotion || !frame) return;
      this.pendingMotion = frame; // bypasses the unchanged check on purpose: that is the refresh
      this.pump();
    }, this.o.refreshMs);
  }

  private dropOneShots(e: IpcError): void {
    for (const shot of this.oneShots.values()) shot.reject(e);
    this.oneShots.clear();
  }
}

function settle(waiters: Array<() => void>): void {
  for (const w of waiters.splice(0)) w();
}
