/**
 * Wire-speed emulation of an 8-N-1 serial line (10 bits per byte) for the simulator: bytes handed over
 * by a pty or an in-memory pair arrive in bursts, but a camera's UART takes them one byte time apart.
 * The receiver releases bytes no faster than baud/10 per second and can pause its source so the sender
 * backs up in the OS buffers; the transmitter lets each reply out when its last byte has been clocked.
 */
import type { Clock } from './sim-clock';

/** Time one byte takes on the wire at `baudRate`, ms (start + 8 data + stop bits). */
export function byteTimeMs(baudRate: number): number {
  return 10_000 / baudRate;
}

export function checkBaudRate(baudRate: number): void {
  if (!Number.isInteger(baudRate) || baudRate < 300 || baudRate > 4_000_000)
    throw new RangeError(`baud rate must be an integer in 300–4000000, got ${baudRate}`);
}

/** Shortest timer the wire asks for, ms: bytes due within it are released together. */
const MIN_TICK_MS = 1;

export interface WireReceiverOptions {
  baudRate: number;
  clock: Clock;
  /** One byte off the wire; `at` is when its stop bit ended (ms, clock time). */
  onByte(byte: number, at: number): void;
  /** Pauses / resumes the byte source (optional: without them, excess bytes are dropped as an overrun). */
  pause?(): void;
  resume?(): void;
  /** Backlog above which the source is paused, and at or below which it is resumed; default 64 / 16 bytes. */
  pauseAt?: number;
  resumeAt?: number;
  /** Most bytes held; more are dropped and counted as overrun. Default 4096. */
  maxBacklog?: number;
}

export interface WireCounters {
  bytesIn: number;
  bytesConsumed: number;
  overruns: number;
  pauses: number;
  resumes: number;
}

export class WireReceiver {
  readonly counters: WireCounters = { bytesIn: 0, bytesConsumed: 0, overruns: 0, pauses: 0, resumes: 0 };
  private readonly byteMs: number;
  private readonly queue: Array<{ bytes: Uint8Array; offset: number; at: number }> = [];
  private held = 0;
  /** Start of the current busy stretch of the wire and bytes clocked in it: times are start + n·byteMs, so
   * rounding does not accumulate (clock values near 1.7e12 ms carry only ~0.2 µs of precision). */
  private busyStart = Number.NEGATIVE_INFINITY;
  private busyBytes = 0;
  private timer: unknown = null;
  private paused = false;
  private readonly pauseAt: number;
  private readonly resumeAt: number;
  private readonly maxBacklog: number;

  constructor(private readonly o: WireReceiverOptions) {
    checkBaudRate(o.baudRate);
    this.byteMs = byteTimeMs(o.baudRate);
    this.pauseAt = o.pauseAt ?? 64;
    this.resumeAt = o.resumeAt ?? 16;
    this.maxBacklog = o.maxBacklog ?? 4096;
  }

  /** Bytes received but not yet off the wire. */
  get backlog(): number {
    return this.held;
  }

  /** True while the source is paused for backpressure. */
  get isPaused(): boolean {
    return this.paused;
  }

  /** Bytes arriving now (a copy is kept). */
  push(chunk: Uint8Array): void {
    this.counters.bytesIn += chunk.length;
    const room = Math.max(0, this.maxBacklog - this.held);
    if (chunk.length > room) this.counters.overruns += chunk.length - room;
    const kept = chunk.subarray(0, Math.min(room, chunk.length));
    if (kept.length === 0) return;
    this.queue.push({ bytes: Uint8Array.from(kept), offset: 0, at: this.o.clock.now() });
    this.held += kept.length;
    if (this.o.pause && !this.paused && this.held > this.pauseAt) {
      this.paused = true;
      this.counters.pauses++;
      this.o.pause();
    }
    this.drain();
  }

  /** Forgets every held byte (cable pulled) and resumes a paused source. */
  clear(): void {
    this.queue.length = 0;
    this.held = 0;
    this.busyStart = Number.NEGATIVE_INFINITY;
    this.busyBytes = 0;
    this.maybeResume();
  }

  dispose(): void {
    if (this.timer !== null) this.o.clock.clearTimeout(this.timer);
    this.timer = null;
    this.clear();
  }

  private drain(): void {
    const now = this.o.clock.now();
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      // An idle wire starts a new busy stretch when this byte arrived.
      const idle = head.at >= this.busyStart + this.busyBytes * this.byteMs;
      const start = idle ? head.at : this.busyStart;
      const n = idle ? 1 : this.busyBytes + 1;
      const done = start + n * this.byteMs;
      if (done > now + 1e-9) {
        this.schedule(done - now);
        break;
      }
      this.busyStart = start;
      this.busyBytes = n;
      const byte = head.bytes[head.offset++]!;
      if (head.offset >= head.bytes.length) this.queue.shift();
      this.held--;
      this.counters.bytesConsumed++;
      this.o.onByte(byte, done);
    }
    this.maybeResume();
  }

  private maybeResume(): void {
    if (this.paused && this.held <= this.resumeAt) {
      this.paused = false;
      this.counters.resumes++;
      this.o.resume?.();
    }
  }

  private schedule(ms: number): void {
    if (this.timer !== null) return;
    this.timer = this.o.clock.setTimeout(
      () => {
        this.timer = null;
        this.drain();
      },
      Math.max(MIN_TICK_MS, Math.ceil(ms)),
    );
  }
}

export interface WireTransmitterOptions {
  baudRate: number;
  clock: Clock;
  /** Hands bytes to the endpoint when their last byte has been clocked out. */
  write(bytes: Uint8Array): void;
  /** Most packets waiting; more are dropped (counted). Default 256. */
  maxQueue?: number;
}

/** Serialises outgoing bytes on the one line at wire speed. */
export class WireTransmitter {
  readonly counters = { packetsOut: 0, bytesOut: 0, dropped: 0 };
  private readonly byteMs: number;
  private readonly queue: Array<{ bytes: Uint8Array; doneAt: number }> = [];
  private lineFree = Number.NEGATIVE_INFINITY;
  private timer: unknown = null;
  private readonly maxQueue: number;

  constructor(private readonly o: WireTransmitterOptions) {
    checkBaudRate(o.baudRate);
    this.byteMs = byteTimeMs(o.baudRate);
    this.maxQueue = o.maxQueue ?? 256;
  }

  /** Queues bytes behind whatever is already on the line. */
  send(bytes: Uint8Array): void {
    if (this.queue.length >= this.maxQueue) {
      this.counters.dropped++;
      return;
    }
    const start = Math.max(this.o.clock.now(), this.lineFree);
    this.lineFree = start + bytes.length * this.byteMs;
    this.queue.push({ bytes: Uint8Array.from(bytes), doneAt: this.lineFree });
    this.flush();
  }

  clear(): void {
    this.queue.length = 0;
    this.lineFree = Number.NEGATIVE_INFINITY;
  }

  dispose(): void {
    if (this.timer !== null) this.o.clock.clearTimeout(this.timer);
    this.timer = null;
    this.clear();
  }

  private flush(): void {
    const now = this.o.clock.now();
    while (this.queue.length > 0 && this.queue[0]!.doneAt <= now + 1e-9) {
      const { bytes } = this.queue.shift()!;
      this.counters.packetsOut++;
      this.counters.bytesOut += bytes.length;
      this.o.write(bytes);
    }
    const next = this.queue[0];
    if (next && this.timer === null) {
      this.timer = this.o.clock.setTimeout(
        () => {
          this.timer = null;
          this.flush();
        },
        Math.max(MIN_TICK_MS, Math.ceil(next.doneAt - now)),
      );
    }
  }
}
