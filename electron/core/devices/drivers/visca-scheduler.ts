/**
 * When VISCA bytes go out: a latest-wins queue of jobs in two lanes (commands, inquiries), at most one
 * unacknowledged command (two on an ordered carrier; a stop may overtake), never more than the camera's
 * two sockets busy, and every reply turned into done / retry / failure. The driver (visca-device.ts)
 * decides what to send.
 */
import { IpcError } from '../../../../shared/ipc/ipc-error';
import type { Clock } from '../clock';
import { LatestWinsQueue, type QueuedJob } from '../latest-wins-queue';
import type { ViscaReply } from '../protocols/visca/visca-types';
import { LinkError, type ViscaChannel, type ViscaOutcome, type ViscaRequest } from './visca-channel';
import type { MotionGroup } from './visca-mapping';

export const PRIORITY = { stop: 0, motion: 1, oneShot: 2, inquiry: 3 } as const;

/** A pipelined command is handed to the OS this long before the line frees (timer jitter), ms. */
const PIPELINE_LEAD_MS = 1;

export interface ViscaJob extends QueuedJob {
  lane: 'command' | 'inquiry';
  packet: Uint8Array;
  persistence: 'bounded' | 'until-acknowledged';
  /** Motion and stop jobs: the axes group, for drop-unchanged. */
  group?: MotionGroup;
  /** Called with the completion data (inquiries) or an empty array (commands). */
  done?(data: Uint8Array): void;
  fail?(e: IpcError): void;
}

/** What the scheduler needs from its driver. */
export interface SchedulerHost {
  readonly name: string;
  readonly clock: Clock;
  /** The open channel while the link is up; null otherwise (nothing is sent). */
  channel(): ViscaChannel | null;
  onLatency(ms: number): void;
  reportProblem(code: string, message: string): void;
  /** A bounded request got no reply: the link is presumed lost. */
  onTimeout(message: string): void;
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export class ViscaScheduler {
  private readonly queue = new LatestWinsQueue<ViscaJob>();
  private readonly commandsInFlight = new Set<{ job: ViscaJob; request: ViscaRequest }>();
  private inquiryInFlight: { job: ViscaJob; request: ViscaRequest } | null = null;
  /** Hex of the last motion/stop command issued per group: unchanged commands are not re-sent. */
  private readonly lastIssued = new Map<MotionGroup, string>();
  /** Sockets holding an ACKed command until its completion → release timer. */
  private readonly busySockets = new Map<number, unknown>();
  /** Bumped by `reset`: outcomes of requests from an older epoch are ignored. */
  private epoch = 0;
  /** A pump scheduled for when the line frees (pipelining), or null. */
  private pumpTimer: unknown = null;

  constructor(
    private readonly host: SchedulerHost,
    /** A socket whose completion never comes is presumed free after this long (ms). */
    private readonly socketHoldMs = 1000,
  ) {}

  /** Queues a job (latest wins per key) and sends what the link allows; returns the job it replaced. */
  put(job: ViscaJob): ViscaJob | undefined {
    const replaced = this.queue.put(job);
    this.pump();
    return replaced;
  }

  /** Queues a motion job unless the same bytes were the last issued for its group (then drops any waiting one). */
  putMotion(job: ViscaJob & { group: MotionGroup }): void {
    if (hex(job.packet) === this.lastIssued.get(job.group)) this.queue.remove(job.key);
    else this.queue.put(job);
  }

  /** Drops waiting jobs of a priority and cancels the retransmission of those in flight. */
  supersede(priority: number): void {
    this.queue.removeWhere((j) => j.priority === priority);
    for (const f of this.commandsInFlight) if (f.job.priority === priority) f.request.cancel();
  }

  /**
   * Forgets everything sent (the link went down or closed): queued jobs fail with `reason` except those
   * `keep` accepts, sockets are freed, and in-flight outcomes are ignored from now on.
   */
  reset(reason: string, keep: (j: ViscaJob) => boolean = () => false): void {
    this.epoch++;
    if (this.pumpTimer !== null) this.host.clock.clearTimeout(this.pumpTimer);
    this.pumpTimer = null;
    for (const t of this.busySockets.values()) this.host.clock.clearTimeout(t);
    this.busySockets.clear();
    this.lastIssued.clear();
    for (const j of this.queue.removeWhere((j) => !keep(j))) j.fail?.(this.offline(reason));
  }

  /** A completion (or cancel) freed a socket. */
  releaseSocket(socket: number): void {
    if (!this.busySockets.has(socket)) return;
    this.host.clock.clearTimeout(this.busySockets.get(socket));
    this.busySockets.delete(socket);
    this.pump();
  }

  pump(): void {
    const channel = this.host.channel();
    if (!channel) return;
    // On an ordered carrier a second command may follow before the first is acknowledged: the camera
    // takes it at the next video cycle instead of a full ACK round trip later (9600 baud: ~20 ms sooner).
    const maxUnacked = Math.min(2, channel.maxUnacknowledged ?? 1);
    for (;;) {
      const inFlight = this.commandsInFlight.size;
      const socketsFree = inFlight + this.busySockets.size < 2;
      // A pipelined (second) command waits until the line is nearly free, so it takes the newest value.
      const lineWait = inFlight > 0 ? (channel.wireIdleAt?.() ?? 0) - this.host.clock.now() - PIPELINE_LEAD_MS : 0;
      const pipelineOpen = inFlight < maxUnacked && socketsFree && (inFlight === 0 || lineWait <= 0);
      const job = this.queue.take(
        (j) => j.lane === 'command' && (pipelineOpen || (j.priority === PRIORITY.stop && inFlight < 2)),
      );
      if (!job && inFlight > 0 && inFlight < maxUnacked && socketsFree && lineWait > 0) this.pumpLater(lineWait);
      if (!job) break;
      this.issue(channel, job);
    }
    if (!this.inquiryInFlight) {
      const job = this.queue.take((j) => j.lane === 'inquiry');
      if (job) this.issue(channel, job);
    }
  }

  private issue(channel: ViscaChannel, job: ViscaJob): void {
    const request = channel.request(job.packet, {
      kind: job.lane === 'inquiry' ? 'inquiry' : 'command',
      persistence: job.persistence,
    });
    const entry = { job, request };
    if (job.lane === 'command') this.commandsInFlight.add(entry);
    else this.inquiryInFlight = entry;
    if (job.group) this.lastIssued.set(job.group, hex(job.packet));
    const epoch = this.epoch;
    request.outcome
      .then(
        (o) => epoch === this.epoch && this.onOutcome(job, o),
        (e: unknown) => epoch === this.epoch && this.onFailure(job, e),
      )
      .finally(() => {
        if (job.lane === 'command') this.commandsInFlight.delete(entry);
        else if (this.inquiryInFlight === entry) this.inquiryInFlight = null;
        this.pump();
      });
  }

  private onOutcome(job: ViscaJob, o: ViscaOutcome): void {
    this.host.onLatency(o.rttMs);
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
        this.host.reportProblem('unexpected-reply', `unexpected ${r.kind} reply to a command`);
        return job.fail?.(new IpcError('internal', `unexpected ${r.kind} reply`));
    }
  }

  private onErrorReply(job: ViscaJob, r: Extract<ViscaReply, { kind: 'error' }>): void {
    if (job.group) this.lastIssued.delete(job.group);
    if (r.name === 'buffer-full' || (r.name === 'not-executable' && job.priority === PRIORITY.stop)) {
      // Both sockets busy (or the head was mid-move): keep it, unless a newer value has replaced it.
      if (!this.queue.has(job.key)) this.queue.put(job);
      return;
    }
    const text = `camera answered "${r.name}" (code 0x${r.code.toString(16)})`;
    this.host.reportProblem(`visca-${r.name}`, text);
    const code = r.name === 'syntax' ? 'unsupported' : r.name === 'not-executable' ? 'conflict' : 'internal';
    job.fail?.(new IpcError(code, `${this.host.name}: ${text}`));
  }

  private onFailure(job: ViscaJob, e: unknown): void {
    if (job.group) this.lastIssued.delete(job.group);
    const le = e instanceof LinkError ? e : new LinkError('rejected', String(e));
    if (le.code === 'cancelled' || le.code === 'closed') return job.fail?.(this.offline(le.message));
    if (le.code === 'timeout' && job.priority === PRIORITY.motion && !this.queue.has(job.key)) {
      // Still the latest wish for this group: try again rather than leave the head short of it. If the
      // link is really gone, the host's onTimeout takes it down and `reset` drops this job.
      this.queue.put(job);
    }
    job.fail?.(new IpcError(le.code === 'timeout' ? 'timeout' : 'device-offline', `${this.host.name}: ${le.message}`));
    if (le.code === 'timeout') this.host.onTimeout(le.message);
  }

  private pumpLater(ms: number): void {
    if (this.pumpTimer !== null || !this.queue.some((j) => j.lane === 'command')) return;
    this.pumpTimer = this.host.clock.setTimeout(() => {
      this.pumpTimer = null;
      this.pump();
    }, ms);
  }

  private holdSocket(socket: number): void {
    this.host.clock.clearTimeout(this.busySockets.get(socket));
    this.busySockets.set(
      socket,
      this.host.clock.setTimeout(() => this.releaseSocket(socket), this.socketHoldMs),
    );
  }

  private offline(reason: string): IpcError {
    return new IpcError('device-offline', `${this.host.name}: ${reason}`);
  }
}
