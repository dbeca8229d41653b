/**
 * Fault injection shared by every simulator server: message loss each way, added delay, garbage bytes
 * between frames, and an unplugged state. All switches can change at run time. Servers add `unplug`,
 * `replug` and `reboot` hooks on top (FaultControls).
 */
import { simClock, type Clock } from './sim-clock';

export interface FaultSettings {
  /** Probability 0–1 that a received datagram/frame is dropped before the camera sees it. */
  lossIn: number;
  /** Probability 0–1 that a reply datagram/frame is dropped instead of sent. */
  lossOut: number;
  /** Added latency, ms, before a received message reaches the camera. */
  delayInMs: number;
  /** Added latency, ms, before a reply is sent. */
  delayOutMs: number;
  /**
   * Probability 0–1 that random bytes are sent before a reply: between frames on a byte stream, as an
   * extra datagram on UDP. They may contain FF and header bytes, like line noise.
   */
  garbage: number;
  /** Most garbage bytes per injection, 1–64 (the count is uniform in 1…max). */
  garbageMaxBytes: number;
}

export const NO_FAULTS: Readonly<FaultSettings> = {
  lossIn: 0,
  lossOut: 0,
  delayInMs: 0,
  delayOutMs: 0,
  garbage: 0,
  garbageMaxBytes: 8,
};

export interface FaultCounters {
  droppedIn: number;
  droppedOut: number;
  delayedIn: number;
  delayedOut: number;
  garbageInjections: number;
  garbageBytes: number;
  /** Messages lost either way because the link was unplugged. */
  droppedUnplugged: number;
}

/** Run-time fault switches every server exposes. */
export interface FaultControls {
  readonly faults: Faults;
  /** Pulls the cable: nothing gets in or out (TCP: connections are dropped and refused) until replug(). */
  unplug(): void;
  replug(): void;
  /**
   * Reboots the camera(s): queued messages, pending replies and sockets are forgotten, VISCA-over-IP
   * sequence tracking restarts (the next command is accepted whatever its number), the head stops
   * where it is and keeps its position, settings and presets.
   */
  reboot(): void;
}

export interface FaultsOptions {
  /** Uniform random numbers in [0, 1); default Math.random. Inject a seeded one for reproducible tests. */
  random?: () => number;
  /** Timers for the delays; default the global ones. */
  clock?: Clock;
}

function check(s: FaultSettings): void {
  for (const k of ['lossIn', 'lossOut', 'garbage'] as const) {
    if (!(s[k] >= 0 && s[k] <= 1)) throw new RangeError(`fault ${k} must be a probability in 0–1, got ${s[k]}`);
  }
  for (const k of ['delayInMs', 'delayOutMs'] as const) {
    if (!(s[k] >= 0 && s[k] <= 60_000)) throw new RangeError(`fault ${k} must be in 0–60000 ms, got ${s[k]}`);
  }
  if (!Number.isInteger(s.garbageMaxBytes) || s.garbageMaxBytes < 1 || s.garbageMaxBytes > 64)
    throw new RangeError(`fault garbageMaxBytes must be an integer in 1–64, got ${s.garbageMaxBytes}`);
}

/** One server's fault switches and their effect on messages passing through. */
export class Faults {
  readonly counters: FaultCounters = {
    droppedIn: 0,
    droppedOut: 0,
    delayedIn: 0,
    delayedOut: 0,
    garbageInjections: 0,
    garbageBytes: 0,
    droppedUnplugged: 0,
  };
  private current: FaultSettings;
  private plugged = true;
  private readonly random: () => number;
  private readonly clock: Clock;
  private readonly timers = new Set<unknown>();

  constructor(settings: Partial<FaultSettings> = {}, opts: FaultsOptions = {}) {
    this.current = { ...NO_FAULTS, ...settings };
    check(this.current);
    this.random = opts.random ?? Math.random;
    this.clock = opts.clock ?? simClock();
  }

  get settings(): Readonly<FaultSettings> {
    return this.current;
  }

  /** Changes some switches now. Throws RangeError (and changes nothing) for a value out of range. */
  set(patch: Partial<FaultSettings>): void {
    const next = { ...this.current, ...patch };
    check(next);
    this.current = next;
  }

  get unplugged(): boolean {
    return !this.plugged;
  }

  /** Marks the link unplugged; servers call this from their own unplug(). */
  setPlugged(plugged: boolean): void {
    this.plugged = plugged;
  }

  /** Passes a received message through loss and delay, then calls `deliver`; false when it was dropped now. */
  inbound(deliver: () => void): boolean {
    return this.pass('in', deliver);
  }

  /** Passes a reply through loss and delay, then calls `send`; false when it was dropped now. */
  outbound(send: () => void): boolean {
    return this.pass('out', send);
  }

  /** Random bytes to send before the next reply, or null (decided by the `garbage` probability). */
  garbageBytes(): Uint8Array | null {
    if (this.current.garbage === 0 || this.random() >= this.current.garbage) return null;
    const n = 1 + Math.floor(this.random() * this.current.garbageMaxBytes);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(this.random() * 256);
    this.counters.garbageInjections++;
    this.counters.garbageBytes += n;
    return out;
  }

  /** Cancels pending delayed messages (server closing). */
  dispose(): void {
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers.clear();
  }

  private pass(direction: 'in' | 'out', go: () => void): boolean {
    const c = this.counters;
    if (!this.plugged) {
      c.droppedUnplugged++;
      return false;
    }
    const loss = direction === 'in' ? this.current.lossIn : this.current.lossOut;
    if (loss > 0 && this.random() < loss) {
      if (direction === 'in') c.droppedIn++;
      else c.droppedOut++;
      return false;
    }
    const delay = direction === 'in' ? this.current.delayInMs : this.current.delayOutMs;
    if (delay <= 0) {
      go();
      return true;
    }
    if (direction === 'in') c.delayedIn++;
    else c.delayedOut++;
    const t = this.clock.setTimeout(() => {
      this.timers.delete(t);
      // Unplugged while in flight: lost with the cable.
      if (!this.plugged) c.droppedUnplugged++;
      else go();
    }, delay);
    this.timers.add(t);
    return true;
  }
}
