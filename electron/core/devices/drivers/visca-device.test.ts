import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceConfig } from '../../../../shared/model/device';
import { silentLogger } from '../../logger';
import { systemClock } from '../clock';
import {
  LinkError,
  type ViscaChannel,
  type ViscaChannelEvents,
  type ViscaOutcome,
  type ViscaRequestOptions,
} from './visca-channel';
import { ViscaDevice } from './visca-device';

interface Sent {
  hex: string;
  options: ViscaRequestOptions;
  cancelled: boolean;
  settled: boolean;
  resolve(o: ViscaOutcome): void;
  reject(e: LinkError): void;
}

/** A channel the test answers by hand. */
class FakeChannel implements ViscaChannel {
  sent: Sent[] = [];
  events!: ViscaChannelEvents;
  handshakes = 0;
  handshakeFails = false;
  async open(events: ViscaChannelEvents) {
    this.events = events;
  }
  async handshake() {
    this.handshakes++;
    if (this.handshakeFails) throw new LinkError('timeout', 'no answer');
  }
  request(packet: Uint8Array, options: ViscaRequestOptions) {
    let s!: Sent;
    const outcome = new Promise<ViscaOutcome>((resolve, reject) => {
      s = {
        hex: Buffer.from(packet).toString('hex'),
        options,
        cancelled: false,
        settled: false,
        resolve: (o) => ((s.settled = true), resolve(o)),
        reject: (e) => ((s.settled = true), reject(e)),
      };
    });
    this.sent.push(s);
    return {
      outcome,
      cancel: () => {
        if (s.settled) return;
        s.cancelled = true;
        s.reject(new LinkError('cancelled', 'cancelled'));
      },
    };
  }
  async close() {}
  describe() {
    return 'fake:1 (test)';
  }
  commands() {
    return this.sent.filter((s) => s.options.kind === 'command');
  }
  open_() {
    return this.commands().filter((s) => !s.settled);
  }
}

const ack = (socket = 1): ViscaOutcome => ({ kind: 'reply', reply: { kind: 'ack', address: 1, socket }, rttMs: 2 });
const PT_STOP = '8101060101010303ff';
const ZOOM_STOP = '8101040700ff';
const FOCUS_STOP = '8101040800ff';
const config: DeviceConfig = {
  id: 'cam-1',
  name: 'Cam 1',
  protocol: 'visca-ip',
  host: '127.0.0.1',
  port: 52381,
  enabled: true,
};

async function flush() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('ViscaDevice policy', () => {
  let channel: FakeChannel;
  let device: ViscaDevice;

  /** ACKs every open command in order, letting the pump run between. */
  async function ackAll() {
    for (let guard = 0; guard < 20; guard++) {
      const open = channel.open_();
      if (open.length === 0) return;
      for (const s of open) s.resolve(ack());
      await flush();
      channel.events.onCompletion(1);
      await flush();
    }
  }

  beforeEach(async () => {
    vi.useFakeTimers();
    channel = new FakeChannel();
    device = new ViscaDevice(config, {
      clock: systemClock,
      log: silentLogger,
      createChannel: () => channel,
      pollMs: { moving: 100_000, idle: 100_000 }, // polling is not under test here
    });
    await device.start();
    await flush();
    expect(device.status).toBe('online');
    await ackAll(); // the start-up stops
  });
  afterEach(async () => {
    vi.useRealTimers();
  });

  it('stops every axis on first connect, retried until acknowledged', () => {
    const startup = channel.commands().slice(0, 3);
    expect(startup.map((s) => s.hex)).toEqual([PT_STOP, ZOOM_STOP, FOCUS_STOP]);
    expect(startup.every((s) => s.options.persistence === 'until-acknowledged')).toBe(true);
    expect(device.snapshot().lastStop?.reason).toBe('startup');
  });

  it('latest value wins: a burst while the link is busy sends only the newest velocity', async () => {
    const before = channel.commands().length;
    device.setVelocity({ pan: 0.2 });
    await flush();
    for (const pan of [0.4, 0.6, 0.8, 1]) device.setVelocity({ pan });
    await flush();
    expect(channel.commands().length - before).toBe(1); // one in flight, the rest coalesced
    await ackAll();
    const moves = channel
      .commands()
      .slice(before)
      .map((s) => s.hex);
    // 81 01 06 01 VV WW PP TT FF: speed 5 then 0x18 (full), pan right (02), tilt stopped (03)
    expect(moves).toEqual(['8101060105010203ff', '8101060118010203ff']);
  });

  it('does not re-send a velocity that maps to the same native command', async () => {
    const before = channel.commands().length;
    device.setVelocity({ pan: 0.5 });
    await ackAll();
    device.setVelocity({ pan: 0.51 }); // still speed step 12 of 24
    await ackAll();
    expect(channel.commands().length - before).toBe(1);
  });

  it('STOP overtakes a move in flight and cancels its retransmission', async () => {
    device.setVelocity({ pan: 1 });
    await flush();
    const move = channel.open_()[0]!;
    device.setVelocity({ pan: -1 }); // waits behind the move
    const stopped = device.stop('operator'); // resolves when the camera confirms it
    await flush();
    expect(move.cancelled).toBe(true);
    const open = channel.open_();
    expect(open[0]!.hex).toBe(PT_STOP);
    await ackAll();
    await stopped;
    // The waiting left move was discarded by the stop: it never went out.
    expect(channel.commands().some((s) => s.hex === '8101060118010103ff')).toBe(false);
  });

  it('re-queues a move the camera refused with buffer full, and sends it when a socket frees', async () => {
    device.setVelocity({ tilt: 1 });
    await flush();
    const move = channel.open_()[0]!;
    move.resolve({
      kind: 'reply',
      reply: { kind: 'error', address: 1, socket: 0, code: 3, name: 'buffer-full' },
      rttMs: 1,
    });
    await flush();
    const resent = channel.open_();
    expect(resent).toHaveLength(1);
    expect(resent[0]!.hex).toBe(move.hex);
  });

  it('goes offline when a request times out, then reconnects and stops again', async () => {
    device.setVelocity({ pan: 0.3 });
    await flush();
    channel.handshakeFails = true;
    // Nothing answered for longer than the link-loss interval (the operator keeps holding the control, so
    // the dead-man stays quiet): this timeout means the link is gone.
    for (let i = 0; i < 4; i++) {
      await vi.advanceTimersByTimeAsync(400);
      device.heartbeat();
    }
    channel.open_()[0]!.reject(new LinkError('timeout', 'no reply after 3 tries'));
    await flush();
    expect(device.status).toBe('offline');
    expect(device.snapshot().statusDetail).toMatch(/fake:1 \(test\)/);
    expect(device.moving).toBe(false);
    channel.handshakeFails = false;
    await vi.advanceTimersByTimeAsync(600);
    expect(device.status).toBe('online');
    expect(device.snapshot().lastStop?.reason).toBe('reconnect');
    expect(channel.open_().map((s) => s.hex)).toContain(PT_STOP);
  });

  it('treats one timed-out request as a problem, not a lost link, while the camera still answers', async () => {
    device.setVelocity({ tilt: 0.5 });
    await flush();
    const move = channel.open_()[0]!;
    move.reject(new LinkError('timeout', 'no reply after 3 tries'));
    await flush();
    expect(device.status).toBe('online');
    expect(device.snapshot().problem?.code).toBe('timeout');
    // The move is still the latest wish: it goes out again.
    expect(channel.open_().map((s) => s.hex)).toContain(move.hex);
  });

  it('reports a camera error reply and keeps working', async () => {
    const p = device.zoomTo(0.5);
    await flush();
    channel
      .open_()[0]!
      .resolve({ kind: 'reply', reply: { kind: 'error', address: 1, socket: 1, code: 2, name: 'syntax' }, rttMs: 1 });
    await expect(p).rejects.toMatchObject({ code: 'unsupported' });
    expect(device.snapshot().problem?.code).toBe('visca-syntax');
    device.setVelocity({ pan: 1 });
    await flush();
    expect(channel.open_()[0]!.hex).toBe('8101060118010203ff');
  });

  it('switches to manual exposure before an iris position', async () => {
    const p = device.setIris(1);
    await flush();
    await ackAll();
    await p;
    const hexes = channel.commands().map((s) => s.hex);
    expect(hexes.slice(-2)).toEqual(['8101043903ff', '8101044b00000101ff']);
  });
});

describe('ViscaDevice presets and focus', () => {
  let channel: FakeChannel;
  let device: ViscaDevice;
  beforeEach(async () => {
    vi.useFakeTimers();
    channel = new FakeChannel();
    device = new ViscaDevice(config, {
      clock: systemClock,
      log: silentLogger,
      createChannel: () => channel,
      pollMs: { moving: 100_000, idle: 100_000 },
    });
    await device.start();
    await flush();
    for (const s of channel.open_()) s.resolve(ack());
    await flush();
  });
  afterEach(() => vi.useRealTimers());

  const ackOpen = async () => {
    for (let i = 0; i < 10 && channel.open_().length; i++) {
      for (const s of channel.open_()) s.resolve(ack());
      await flush();
    }
  };

  it('sends the operator’s preset N as the generic model’s pp = N, and refuses numbers beyond the model', async () => {
    const recall = device.recallPreset(5);
    await ackOpen();
    await recall;
    expect(channel.commands().at(-1)!.hex).toBe('8101043f0205ff');
    await expect(device.recallPreset(200)).rejects.toMatchObject({
      code: 'unsupported',
      message: /presets 1–127, not 200/,
    });
  });

  it('saves two presets in a row (saves do not coalesce), while recalls do', async () => {
    const a = device.savePreset(3);
    const b = device.savePreset(4);
    const r1 = device.recallPreset(1);
    const r2 = device.recallPreset(2); // replaces the waiting recall of 1
    await ackOpen();
    await Promise.all([a, b, r1, r2]);
    const sent = channel.commands().map((s) => s.hex);
    expect(sent).toContain('8101043f0103ff');
    expect(sent).toContain('8101043f0104ff');
    expect(sent).toContain('8101043f0202ff');
    expect(sent).not.toContain('8101043f0201ff');
  });

  it('switches focus mode and runs one-push AF', async () => {
    const m = device.setFocusMode('manual');
    const o = device.focusOnePush();
    await ackOpen();
    await Promise.all([m, o]);
    const sent = channel.commands().map((s) => s.hex);
    expect(sent).toContain('8101043803ff');
    expect(sent).toContain('8101041801ff');
  });
});
