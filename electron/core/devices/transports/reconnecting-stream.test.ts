import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectFailure, StreamLink, StreamLinkEvents } from './reconnecting-stream';
import { ReconnectingStream } from './reconnecting-stream';
import type { StreamState } from './transport';

/** A stream whose connects the test scripts: each call runs the next behaviour. */
class Scripted extends ReconnectingStream {
  readonly events: StreamLinkEvents[] = [];
  readonly closedLinks: number[] = [];
  connects = 0;

  constructor(private readonly script: Array<(events: StreamLinkEvents, signal: AbortSignal) => Promise<void>>) {
    super({ backoffInitialMs: 5, backoffMaxMs: 20 });
  }

  describe(): string {
    return 'scripted';
  }

  protected async connect(events: StreamLinkEvents, signal: AbortSignal): Promise<StreamLink> {
    const n = this.connects++;
    this.events.push(events);
    await (this.script[Math.min(n, this.script.length - 1)] ?? (async () => {}))(events, signal);
    return { write: async () => {}, close: async () => void this.closedLinks.push(n) };
  }

  protected classify(error: unknown): ConnectFailure {
    return { problem: { code: 'E', message: String(error) }, permanent: false };
  }
}

const streams: Scripted[] = [];
afterEach(async () => {
  await Promise.all(streams.splice(0).map((s) => s.close()));
});

function make(script: ConstructorParameters<typeof Scripted>[0]): Scripted {
  const s = new Scripted(script);
  streams.push(s);
  return s;
}

describe('ReconnectingStream', () => {
  it('aborts a connect in progress when closed, instead of waiting for it', async () => {
    const hang = (_e: StreamLinkEvents, signal: AbortSignal) =>
      new Promise<void>((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    const s = make([hang]);
    const opening = s.open();
    await expect.poll(() => s.connects).toBe(1);
    await s.close(); // would never resolve if the signal were not aborted
    await opening;
    expect(s.state).toBe('closed');
    expect(s.connects).toBe(1);
  });

  it('handles a link that dies before its connect has resolved', async () => {
    const dieEarly = async (events: StreamLinkEvents) => {
      events.lost({ code: 'closed', message: 'died at once' });
    };
    const fine = async () => {};
    const s = make([dieEarly, fine]);
    const states: StreamState[] = [];
    s.onState((state) => states.push(state));
    await s.open();
    expect(s.state).toBe('reconnecting');
    expect(s.problem).toEqual({ code: 'closed', message: 'died at once' });
    await expect.poll(() => s.state).toBe('open');
    expect(s.closedLinks).toContain(0);
    expect(states).toEqual(['opening', 'reconnecting', 'open']);
  });

  it('ignores events from a link it has already dropped', async () => {
    const s = make([async () => {}]);
    await s.open();
    const stale = s.events[0]!;
    s.markLost({ code: 'heartbeat', message: 'no reply' });
    await expect.poll(() => s.connects).toBe(2);
    await expect.poll(() => s.state).toBe('open');
    const chunks: Uint8Array[] = [];
    s.onData((c) => chunks.push(c));
    stale.data(Uint8Array.of(1));
    stale.lost({ code: 'closed', message: 'old news' });
    expect(chunks).toEqual([]);
    expect(s.state).toBe('open');
    s.events[1]!.data(Uint8Array.of(2));
    expect(chunks).toEqual([Uint8Array.of(2)]);
  });

  it('is idempotent on open and can be opened again after close', async () => {
    const s = make([async () => {}]);
    await Promise.all([s.open(), s.open()]);
    expect(s.connects).toBe(1);
    await s.close();
    expect(s.state).toBe('closed');
    await s.open();
    expect(s.state).toBe('open');
    expect(s.connects).toBe(2);
  });
});
