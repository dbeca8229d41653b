/**
 * The reconnect state machine behind SerialTransport and TcpTransport: one link at a time, opens and
 * closes serialised on a promise chain (a close always finishes before the next open starts, so a serial
 * lock is never still held by our own previous handle), exponential backoff, and listener isolation.
 */
import type { Logger } from '../../logger';
import { silentLogger } from '../../logger';
import type { StreamProblem, StreamState, StreamTransport } from './transport';

/** One live connection made by `connect`. */
export interface StreamLink {
  /** Resolves when the bytes are handed to the OS. */
  write(bytes: Uint8Array): Promise<void>;
  /** Releases the port or socket; must not reject for a link that is already dead. */
  close(): Promise<void>;
}

/** What a link reports back while it lives. Calls from a link that was already dropped are ignored. */
export interface StreamLinkEvents {
  data(chunk: Uint8Array): void;
  /** The link died on its own (unplugged, reset by the peer…). */
  lost(problem: StreamProblem): void;
}

/** A failed connect, classified: `permanent` stops retrying (state `failed`). */
export interface ConnectFailure {
  problem: StreamProblem;
  permanent: boolean;
}

export interface BackoffOptions {
  /** First retry delay after a failure or loss, ms (default 250). Doubles per failed attempt. */
  backoffInitialMs?: number;
  /** Longest retry delay, ms (default 5000). */
  backoffMaxMs?: number;
  log?: Logger;
}

type StateListener = (state: StreamState, problem: StreamProblem | null) => void;

export abstract class ReconnectingStream implements StreamTransport {
  private currentState: StreamState = 'closed';
  private currentProblem: StreamProblem | null = null;
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly stateListeners = new Set<StateListener>();
  /** True between `open()` and `close()`: the owner wants a link. */
  private wanted = false;
  private link: StreamLink | null = null;
  /** Bumped whenever a link is dropped or a connect starts, so late events from old links are ignored. */
  private generation = 0;
  /** Opens and closes run one after the other on this chain. */
  private chain: Promise<void> = Promise.resolve();
  private firstAttempt: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Aborts the connect in progress, if any. */
  private connecting: AbortController | null = null;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private nextDelayMs: number;
  protected readonly log: Logger;

  protected constructor(options: BackoffOptions) {
    this.initialDelayMs = options.backoffInitialMs ?? 250;
    this.maxDelayMs = Math.max(options.backoffMaxMs ?? 5000, this.initialDelayMs);
    this.nextDelayMs = this.initialDelayMs;
    this.log = options.log ?? silentLogger;
  }

  /**
   * Opens one link or rejects with whatever `classify` understands. `signal` aborts when the owner closes
   * meanwhile, so a slow connect (an unreachable camera) need not run to its timeout; honouring it is optional.
   */
  protected abstract connect(events: StreamLinkEvents, signal: AbortSignal): Promise<StreamLink>;
  /** Turns a connect error into words for the operator, and says whether retrying can help. */
  protected abstract classify(error: unknown): ConnectFailure;
  abstract describe(): string;

  get state(): StreamState {
    return this.currentState;
  }

  get problem(): StreamProblem | null {
    return this.currentProblem;
  }

  /** Idempotent: every user of a shared transport may call it; later calls get the first attempt's promise. */
  open(): Promise<void> {
    if (this.wanted) return this.firstAttempt ?? Promise.resolve();
    this.wanted = true;
    this.nextDelayMs = this.initialDelayMs;
    this.setState('opening', null);
    this.firstAttempt = this.enqueue(() => this.attempt());
    this.onActive(true);
    return this.firstAttempt;
  }

  write(bytes: Uint8Array): Promise<void> {
    const link = this.link;
    if (!link || this.currentState !== 'open') {
      const why = this.currentProblem ? `: ${this.currentProblem.message}` : '';
      return Promise.reject(new Error(`${this.describe()} is ${this.currentState}${why}`));
    }
    return link.write(bytes);
  }

  async close(): Promise<void> {
    const wasWanted = this.wanted;
    this.wanted = false;
    this.firstAttempt = null;
    this.clearRetry();
    if (wasWanted) this.onActive(false);
    this.connecting?.abort();
    const link = this.dropLink();
    // Waits for an open in progress too: it sees `wanted === false` and closes what it opened.
    await this.enqueue(async () => {
      if (link) await link.close().catch(() => undefined);
    });
    if (!this.wanted) this.setState('closed', null);
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Drops an open link and reconnects with backoff. Ignored unless open (a reconnect is already due otherwise). */
  markLost(reason: StreamProblem): void {
    if (!this.wanted || !this.link) return;
    this.lose(reason);
  }

  /** Subclass hook: the owner started (`true`) or stopped (`false`) wanting a link. */
  protected onActive(_active: boolean): void {}

  /** Skips the rest of the backoff wait (the port just reappeared). No-op unless a retry is pending. */
  protected retryNow(): void {
    if (!this.retryTimer || !this.wanted) return;
    this.clearRetry();
    void this.enqueue(() => this.attempt());
  }

  private async attempt(): Promise<void> {
    if (!this.wanted || this.link) return;
    const generation = ++this.generation;
    const early: { problem: StreamProblem | null } = { problem: null };
    const events: StreamLinkEvents = {
      data: (chunk) => {
        if (generation === this.generation) this.emitData(chunk);
      },
      lost: (problem) => {
        if (generation !== this.generation) return;
        if (this.link) this.lose(problem);
        else early.problem = problem; // died before `connect` resolved: handled below
      },
    };
    let link: StreamLink;
    const connecting = new AbortController();
    this.connecting = connecting;
    try {
      link = await this.connect(events, connecting.signal);
    } catch (e) {
      if (!this.wanted) return;
      const { problem, permanent } = this.classify(e);
      if (permanent) {
        this.log.error(`${this.describe()}: ${problem.message} (not retrying)`);
        this.setState('failed', problem);
        return;
      }
      if (problem.message !== this.currentProblem?.message) this.log.warn(`${this.describe()}: ${problem.message}`);
      this.setState('reconnecting', problem);
      this.scheduleRetry();
      return;
    } finally {
      if (this.connecting === connecting) this.connecting = null;
    }
    if (!this.wanted || generation !== this.generation) {
      await link.close().catch(() => undefined); // closed while opening: do not leak the port
      return;
    }
    this.link = link;
    this.nextDelayMs = this.initialDelayMs;
    if (early.problem) return this.lose(early.problem);
    this.log.info(`${this.describe()} is open`);
    this.setState('open', null);
  }

  private lose(problem: StreamProblem): void {
    const link = this.dropLink();
    this.log.warn(`${this.describe()} lost: ${problem.message}`);
    this.setState('reconnecting', problem);
    void this.enqueue(async () => {
      if (link) await link.close().catch(() => undefined);
    });
    this.scheduleRetry();
  }

  private dropLink(): StreamLink | null {
    const link = this.link;
    this.link = null;
    this.generation++;
    return link;
  }

  private scheduleRetry(): void {
    this.clearRetry();
    const delay = this.nextDelayMs;
    this.nextDelayMs = Math.min(delay * 2, this.maxDelayMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.enqueue(() => this.attempt());
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.chain.then(step);
    this.chain = run.catch((e: unknown) => this.log.error(`${this.describe()}: open/close step failed`, e));
    return this.chain;
  }

  private setState(state: StreamState, problem: StreamProblem | null): void {
    const same =
      state === this.currentState &&
      problem?.code === this.currentProblem?.code &&
      problem?.message === this.currentProblem?.message;
    if (same) return;
    this.currentState = state;
    this.currentProblem = problem;
    for (const listener of [...this.stateListeners]) {
      try {
        listener(state, problem);
      } catch (e) {
        this.log.error(`${this.describe()}: state listener threw`, e);
      }
    }
  }

  private emitData(chunk: Uint8Array): void {
    for (const listener of [...this.dataListeners]) {
      try {
        listener(chunk);
      } catch (e) {
        // One device's parser bug must not starve the others on the same line.
        this.log.error(`${this.describe()}: data listener threw`, e);
      }
    }
  }
}
