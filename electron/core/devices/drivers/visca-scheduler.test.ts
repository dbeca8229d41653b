import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../clock';
import type { ViscaChannel, ViscaOutcome, ViscaRequest } from './visca-channel';
import { PRIORITY, ViscaScheduler, type ViscaJob } from './visca-scheduler';

interface Sent {
  packet: Uint8Array;
  at: number;
  resolve(o: ViscaOutcome): void;
}

/** A channel that records what is sent and lets the test answer; `byteTimeMs` models a serial line. */
function fakeChannel(opts: { maxUnacknowledged: number; byteTimeMs?: number }) {
  const sent: Sent[] = [];
  let wireFreeAt = 0;
  const channel: ViscaChannel = {
    open: async () => {},
    handshake: async () => {},
    close: async () => {},
    describe: () => 'fake',
    maxUnacknowledged: opts.maxUnacknowledged,
    ...(opts.byteTimeMs ? { wireIdleAt: () => wireFreeAt } : {}),
    request(packet): ViscaRequest {
      let resolve!: (o: ViscaOutcome) => void;
      const outcome = new Promise<ViscaOutcome>((r) => (resolve = r));
      const now = Date.now();
      wireFreeAt = Math.max(now, wireFreeAt) + packet.length * (opts.byteTimeMs ?? 0);
      sent.push({ packet, at: now, resolve });
      return { outcome, cancel: () => {} };
    },
  };
  return { channel, sent };
}

const ack = (socket: number): ViscaOutcome => ({ kind: 'reply', reply: { kind: 'ack', address: 1, socket }, rttMs: 1 });

function motion(pan: number): ViscaJob & { group: 'pan-tilt' } {
  return {
    key: 'motion:pan-tilt',
    priority: PRIORITY.motion,
    lane: 'command',
    group: 'pan-tilt',
    persistence: 'bounded',
    packet: Uint8Array.of(0x81, 0x01, 0x06, 0x01, pan, 0x01, 0x02, 0x03, 0xff),
  };
}

function scheduler(channel: ViscaChannel) {
  return new ViscaScheduler({
    name: 'cam',
    clock: systemClock,
    channel: () => channel,
    onLatency: () => {},
    reportProblem: () => {},
    onTimeout: () => {},
  });
}

describe('ViscaScheduler pipelining', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1000 }));
  afterEach(() => vi.useRealTimers());

  it('keeps one command unacknowledged on an unordered carrier (VISCA over IP, raw UDP)', async () => {
    const { channel, sent } = fakeChannel({ maxUnacknowledged: 1 });
    const s = scheduler(channel);
    s.putMotion(motion(1));
    s.pump();
    s.putMotion(motion(2));
    s.pump();
    expect(sent).toHaveLength(1);
    sent[0]!.resolve(ack(1));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((x) => x.packet[4])).toEqual([1, 2]);
  });

  it('sends a second command before the first ACK on an ordered carrier, once the line is free', async () => {
    const byteTimeMs = 10_000 / 9600;
    const { channel, sent } = fakeChannel({ maxUnacknowledged: 2, byteTimeMs });
    const s = scheduler(channel);
    s.putMotion(motion(1));
    s.pump();
    s.putMotion(motion(2));
    s.pump();
    // The first frame is still on the wire: the second waits, so a newer value can replace it.
    expect(sent).toHaveLength(1);
    s.putMotion(motion(3));
    await vi.advanceTimersByTimeAsync(9 * byteTimeMs);
    expect(sent.map((x) => x.packet[4])).toEqual([1, 3]);
    // Not handed to the OS before the line was (nearly) free: the value stayed replaceable until then.
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(9 * byteTimeMs - 1 - 1);
    // Two unacknowledged: a third waits for an ACK.
    s.putMotion(motion(4));
    await vi.advanceTimersByTimeAsync(50);
    expect(sent).toHaveLength(2);
    sent[0]!.resolve(ack(1));
    await vi.advanceTimersByTimeAsync(0);
    // ACKed but not complete: its socket is busy, and the other holds the unacknowledged command.
    expect(sent).toHaveLength(2);
    s.releaseSocket(1);
    expect(sent.map((x) => x.packet[4])).toEqual([1, 3, 4]);
  });

  it('never has more than the camera’s two sockets busy', async () => {
    const { channel, sent } = fakeChannel({ maxUnacknowledged: 2 });
    const s = scheduler(channel);
    s.putMotion(motion(1));
    s.pump();
    sent[0]!.resolve(ack(1)); // socket 1 holds the command until its completion
    await vi.advanceTimersByTimeAsync(0);
    s.putMotion(motion(2));
    s.pump();
    expect(sent).toHaveLength(2);
    s.putMotion(motion(3));
    s.pump();
    // One socket executing + one command unacknowledged = both sockets: nothing more goes out.
    expect(sent).toHaveLength(2);
    s.releaseSocket(1);
    expect(sent.map((x) => x.packet[4])).toEqual([1, 2, 3]);
  });
});
