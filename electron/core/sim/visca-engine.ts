/**
 * The VISCA processor of one simulated camera, with camera-like timing (protocols.md §1.5), shared by
 * every transport-specific server:
 * - Messages wait in a bounded input queue; at most ONE is processed per video cycle (59.94 Hz by default).
 * - A command's ACK (or its error) goes out at the cycle after processing starts; continuous commands
 *   complete right after their ACK; moves to a target complete at the first cycle the head has arrived.
 * - Two command sockets: a command while both are busy → `y0 60 03` (buffer full). A full input queue
 *   refuses at once with the same error.
 * - Cancel `8x 2z`: `y0 6z 04` and no completion, or `y0 6z 05` for an empty socket.
 * - Inquiries and IF_Clear use no socket; their answer also goes out at the next cycle.
 * Cycles run on the injected clock only while there is work, aligned to a fixed grid, so idle cameras
 * cost nothing and tests drive everything with fake timers.
 */
import {
  decodeCommandOrInquiry,
  encodeAck,
  encodeCompletion,
  encodeError,
  encodeInquiryAnswer,
  type ViscaCommand,
  type ViscaErrorName,
} from '../devices/protocols/visca';
import { settleGroups, type MotionGroup, type SimCamera } from './camera-model';
import { simClock, type Clock } from './sim-clock';
import {
  DEFAULT_INPUT_QUEUE_DEPTH,
  SOCKET_COUNT,
  VIDEO_CYCLE_MS,
  newEngineCounters,
  type EngineCounters,
  type EngineOutcome,
  type EngineRecord,
  type EngineRequest,
  type ViscaEngineOptions,
} from './visca-engine-types';

export * from './visca-engine-types';

interface Queued {
  req: EngineRequest;
  record: EngineRecord;
}

interface SocketJob {
  req: EngineRequest;
  record: EngineRecord;
  groups: readonly MotionGroup[];
  /** Cycle index whose start sends the ACK; completion is possible from then on. */
  ackCycle: number;
}

export class ViscaEngine {
  readonly camera: SimCamera;
  readonly clock: Clock;
  /** Video cycle, ms; 0 in immediate mode. */
  readonly cycleMs: number;
  readonly inputQueueDepth: number;
  /** Every received message, oldest first (bounded). Records are updated in place as they progress. */
  readonly received: EngineRecord[] = [];
  readonly counters: EngineCounters = newEngineCounters();
  private addr: number;
  private readonly ifClear: boolean;
  private readonly maxRecords: number;
  private readonly queue: Queued[] = [];
  /** Replies due at the start of a cycle, in the order they were decided. */
  private outbox: Array<{ cycle: number; send(): void }> = [];
  private readonly sockets: Array<SocketJob | null> = Array.from({ length: SOCKET_COUNT }, () => null);
  private readonly epoch: number;
  private cycle = 0;
  private timer: unknown = null;
  private closed = false;

  constructor(opts: ViscaEngineOptions) {
    this.camera = opts.camera;
    this.clock = opts.clock ?? simClock(opts.camera.now);
    this.cycleMs = opts.cycleMs ?? VIDEO_CYCLE_MS;
    if (!(this.cycleMs >= 0) || !Number.isFinite(this.cycleMs)) throw new RangeError(`bad cycle ${this.cycleMs} ms`);
    this.inputQueueDepth = opts.inputQueueDepth ?? DEFAULT_INPUT_QUEUE_DEPTH;
    if (!Number.isInteger(this.inputQueueDepth) || this.inputQueueDepth < 1)
      throw new RangeError(`input queue depth must be a positive integer, got ${this.inputQueueDepth}`);
    this.addr = opts.address ?? 1;
    this.setAddress(this.addr);
    this.ifClear = opts.ifClear ?? true;
    this.maxRecords = opts.maxRecords ?? 10_000;
    this.epoch = this.clock.now();
  }

  /** Device address 1–7 the engine answers as. */
  get address(): number {
    return this.addr;
  }

  /** Re-addresses the device (AddressSet on a serial chain). */
  setAddress(address: number): void {
    if (!Number.isInteger(address) || address < 1 || address > 7)
      throw new RangeError(`VISCA device address must be 1–7, got ${address}`);
    this.addr = address;
  }

  /** Messages waiting in the input queue. */
  get queued(): number {
    return this.queue.length;
  }

  /** Sockets (1-based) holding an executing command. */
  get busySockets(): number[] {
    return this.sockets.flatMap((s, i) => (s ? [i + 1] : []));
  }

  /** Hands one received packet to the camera. Never throws. */
  submit(req: EngineRequest): void {
    if (this.closed) return;
    this.counters.received++;
    const record: EngineRecord = {
      receivedAt: this.clock.now(),
      processedAt: null,
      repliedAt: null,
      completedAt: null,
      bytes: Uint8Array.from(req.packet),
      message: null,
      outcome: null,
    };
    this.received.push(record);
    // Trim in chunks so a full log costs an occasional splice, not one per message.
    if (this.received.length > this.maxRecords)
      this.received.splice(0, this.received.length - Math.floor(this.maxRecords * 0.9));
    if (this.cycleMs === 0) {
      this.guard(() => this.process({ req, record }));
      this.flushImmediate();
      return;
    }
    if (this.queue.length >= this.inputQueueDepth) {
      this.counters.queueOverflows++;
      this.decide({ req, record }, { kind: 'error', error: 'buffer-full', socket: 0, detail: 'input queue full' });
      this.send(req, record, encodeError(this.addr, 0, 'buffer-full'));
      return;
    }
    this.queue.push({ req, record });
    this.ensureTimer();
  }

  /** IF_Clear: empties both sockets (their moves stop, no completion follows). */
  clearSockets(): void {
    for (let i = 0; i < this.sockets.length; i++) {
      const job = this.sockets[i];
      if (job) this.camera.halt(job.groups);
      this.sockets[i] = null;
    }
  }

  /**
   * Reboot: forgets queued messages, pending replies and socket contents (no completions follow) and
   * stops the head where it is; position, settings, presets and address stay.
   */
  reboot(): void {
    this.counters.reboots++;
    this.queue.length = 0;
    this.outbox = [];
    this.sockets.fill(null);
    this.camera.stopAll();
    this.stopTimer();
  }

  /** Stops for good: no more cycles, later submissions are ignored. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.outbox = [];
    this.sockets.fill(null);
    this.stopTimer();
  }

  // ---- cycles ---------------------------------------------------------------------------------------

  private busy(): boolean {
    return this.queue.length > 0 || this.outbox.length > 0 || this.sockets.some((s) => s !== null);
  }

  /** Schedules the next cycle start on the grid epoch + k·cycleMs, strictly after now. */
  private ensureTimer(): void {
    if (this.timer !== null || this.closed) return;
    const now = this.clock.now();
    const into = (now - this.epoch) % this.cycleMs;
    const delay = Math.max(1, Math.ceil(this.cycleMs - (into >= 0 ? into : 0)));
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.runCycle();
      if (this.busy()) this.ensureTimer();
    }, delay);
  }

  private stopTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private runCycle(): void {
    this.cycle++;
    this.counters.cycles++;
    // 1. Replies decided during the previous cycle (ACKs, answers, errors).
    const due = this.outbox.filter((o) => o.cycle <= this.cycle);
    this.outbox = this.outbox.filter((o) => o.cycle > this.cycle);
    for (const o of due) o.send();
    // 2. Completions: right after the ACK for continuous commands, on arrival for moves.
    this.sockets.forEach((job, i) => {
      if (job && job.ackCycle <= this.cycle && this.camera.isSettled(job.groups)) this.complete(i);
    });
    // 3. At most one new message.
    const next = this.queue.shift();
    if (next) this.guard(() => this.process(next));
  }

  private flushImmediate(): void {
    const due = this.outbox;
    this.outbox = [];
    for (const o of due) o.send();
    this.sockets.forEach((job, i) => job && this.complete(i));
  }

  private complete(index: number): void {
    const job = this.sockets[index]!;
    this.sockets[index] = null;
    this.counters.completions++;
    job.record.completedAt = this.clock.now();
    this.send(job.req, job.record, encodeCompletion(this.addr, index + 1), false);
  }

  // ---- processing -----------------------------------------------------------------------------------

  private process({ req, record }: Queued): void {
    this.counters.processed++;
    record.processedAt = this.clock.now();
    const later = (bytes: Uint8Array): void => this.later(req, record, bytes);
    const frame = decodeCommandOrInquiry(req.packet, this.camera.variant);
    if (!frame.ok) {
      const error = frame.error.reason === 'too-long' ? 'message-length' : 'syntax';
      this.decide({ req, record }, { kind: 'error', error, socket: 0, detail: frame.error.detail });
      return later(encodeError(this.addr, 0, error));
    }
    const { address, message } = frame.value;
    record.message = message;
    if (address !== this.addr || message.type === 'address-set') {
      const detail = `addressed to ${address === 8 ? 'broadcast' : address}, this device is ${this.addr}`;
      this.decide({ req, record }, { kind: 'error', error: 'syntax', socket: 0, detail });
      return later(encodeError(this.addr, 0, 'syntax'));
    }
    switch (message.type) {
      case 'inquiry': {
        this.decide({ req, record }, { kind: 'answered', inquiry: message.inquiry });
        const answer = encodeInquiryAnswer(this.addr, this.camera.answer(message.inquiry), {
          positionNibbles: this.camera.variant.positionNibbles,
        });
        return later(answer);
      }
      case 'cancel':
        return this.cancel(req, record, message.socket);
      case 'command':
        return this.command(req, record, message.command);
    }
  }

  private cancel(req: EngineRequest, record: EngineRecord, socket: number): void {
    const job = socket >= 1 && socket <= SOCKET_COUNT ? this.sockets[socket - 1] : null;
    if (job) {
      this.camera.halt(job.groups);
      this.sockets[socket - 1] = null;
      this.decide({ req, record }, { kind: 'cancel', socket, result: 'cancelled' });
      return this.later(req, record, encodeError(this.addr, socket, 'cancelled'));
    }
    this.decide({ req, record }, { kind: 'cancel', socket, result: 'no-socket' });
    this.later(req, record, encodeError(this.addr, socket, 'no-socket'));
  }

  private command(req: EngineRequest, record: EngineRecord, command: ViscaCommand): void {
    if (command.kind === 'if-clear') {
      if (!this.ifClear) {
        this.decide(
          { req, record },
          { kind: 'error', error: 'syntax', socket: 0, command, detail: 'IF_Clear not available here' },
        );
        return this.later(req, record, encodeError(this.addr, 0, 'syntax'));
      }
      this.clearSockets();
      this.decide({ req, record }, { kind: 'if-clear' });
      return this.later(req, record, encodeCompletion(this.addr, 0));
    }
    const free = this.sockets.indexOf(null);
    if (free < 0) {
      this.decide({ req, record }, { kind: 'error', error: 'buffer-full', socket: 0, command });
      return this.later(req, record, encodeError(this.addr, 0, 'buffer-full'));
    }
    if (req.admit && !this.safe(() => req.admit!(), false)) {
      return this.decide({ req, record }, { kind: 'skipped', command });
    }
    const result = this.camera.apply(command);
    if (!result.ok) {
      // Syntax-class errors carry socket 0 (`60 02`); execution errors name the socket (`6z 41`).
      const error: Exclude<ViscaErrorName, 'unknown'> = result.error === 'unknown' ? 'syntax' : result.error;
      const socket = error === 'not-executable' ? free + 1 : 0;
      this.decide({ req, record }, { kind: 'error', error, socket, command });
      return this.later(req, record, encodeError(this.addr, socket, error));
    }
    this.sockets[free] = { req, record, groups: settleGroups(command), ackCycle: this.cycle + 1 };
    this.decide({ req, record }, { kind: 'accepted', socket: free + 1, command });
    this.later(req, record, encodeAck(this.addr, free + 1));
  }

  /** Records the outcome, counts it and tells the transport. */
  private decide({ req, record }: Queued, outcome: EngineOutcome): void {
    record.outcome = outcome;
    const c = this.counters;
    switch (outcome.kind) {
      case 'accepted':
        c.commandsAccepted++;
        break;
      case 'answered':
        c.inquiriesAnswered++;
        break;
      case 'if-clear':
        c.ifClears++;
        break;
      case 'cancel':
        if (outcome.result === 'cancelled') c.cancelled++;
        else c.noSocket++;
        break;
      case 'skipped':
        c.skipped++;
        break;
      case 'error':
        if (outcome.error === 'buffer-full') c.bufferFull++;
        else if (outcome.error === 'not-executable') c.notExecutable++;
        else if (outcome.error === 'message-length') c.messageLengthErrors++;
        else c.syntaxErrors++;
        break;
    }
    if (req.onOutcome) this.safe(() => req.onOutcome!(outcome), undefined);
  }

  /** Queues a reply for the next cycle start. */
  private later(req: EngineRequest, record: EngineRecord, bytes: Uint8Array): void {
    this.outbox.push({ cycle: this.cycle + 1, send: () => this.send(req, record, bytes) });
  }

  private send(req: EngineRequest, record: EngineRecord, bytes: Uint8Array, first = true): void {
    if (first && record.repliedAt === null) record.repliedAt = this.clock.now();
    this.safe(() => req.reply(bytes), undefined);
  }

  /** Runs camera-side work; an exception (a bug, or a model answer the wire cannot carry) is counted, not thrown from a timer. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch {
      this.counters.internalErrors++;
    }
  }

  private safe<T>(fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch {
      this.counters.replyErrors++;
      return fallback;
    }
  }
}
