/** A StreamTransport the test drives by hand: records writes, changes state, delivers bytes. */
import type { StreamProblem, StreamState, StreamTransport } from '../transports/transport';

export class FakeStreamTransport implements StreamTransport {
  state: StreamState = 'closed';
  problem: StreamProblem | null = null;
  writes: string[] = [];
  opens = 0;
  lost: StreamProblem[] = [];
  private readonly dataListeners = new Set<(c: Uint8Array) => void>();
  private readonly stateListeners = new Set<(s: StreamState, p: StreamProblem | null) => void>();

  constructor(private readonly label = 'fake-port @ 9600 8N1') {}

  describe(): string {
    return this.label;
  }
  async open(): Promise<void> {
    this.opens++;
  }
  async write(bytes: Uint8Array): Promise<void> {
    if (this.state !== 'open') throw new Error(`${this.label} is ${this.state}`);
    this.writes.push(Buffer.from(bytes).toString('hex'));
  }
  async close(): Promise<void> {
    this.setState('closed');
  }
  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }
  onState(listener: (state: StreamState, problem: StreamProblem | null) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }
  markLost(reason: StreamProblem): void {
    this.lost.push(reason);
    this.setState('reconnecting', reason);
  }

  // ---- test controls ----
  setState(state: StreamState, problem: StreamProblem | null = null): void {
    this.state = state;
    this.problem = problem;
    for (const l of this.stateListeners) l(state, problem);
  }
  receive(hex: string): void {
    const bytes = Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));
    for (const l of this.dataListeners) l(bytes);
  }
}
