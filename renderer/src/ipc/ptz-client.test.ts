import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { PTZ_MANIFEST } from '../../../shared/ipc/channels';
import { ptzContract } from '../../../shared/ipc/contract';
import { IpcError } from '../../../shared/ipc/ipc-error';
import type { ClientMessage } from '../../../shared/ipc/web-protocol';
import { makeDevice } from '../../test/fixtures';
import {
  RECONNECT_MAX_MS,
  RECONNECT_MIN_MS,
  createWebSocketClient,
  type PtzClient,
  type WebSocketLike,
} from './ptz-client';

/** A scripted stand-in for the browser WebSocket: the test plays the server. */
class FakeSocket implements WebSocketLike {
  static all: FakeSocket[] = [];
  onopen: WebSocketLike['onopen'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  readonly sent: ClientMessage[] = [];
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientMessage);
  }
  close(): void {
    this.closed = true;
  }
  open(): void {
    this.onopen?.(new Event('open'));
  }
  receive(frame: unknown): void {
    const data = typeof frame === 'string' || frame instanceof ArrayBuffer ? frame : JSON.stringify(frame);
    this.onmessage?.(new MessageEvent('message', { data }));
  }
  drop(): void {
    this.onerror?.(new Event('error'));
    this.onclose?.(new CloseEvent('close', { code: 1006 }));
  }
}

const latest = (): FakeSocket => {
  const s = FakeSocket.all.at(-1);
  if (!s) throw new Error('no socket opened');
  return s;
};

let log: { warn: Mock<(...data: unknown[]) => void> };
let client: PtzClient;

function start(invokeTimeoutMs?: number): FakeSocket {
  client = createWebSocketClient({
    url: 'ws://127.0.0.1:8080/ws?token=t0k',
    openSocket: (url) => new FakeSocket(url),
    log,
    ...(invokeTimeoutMs === undefined ? {} : { invokeTimeoutMs }),
  });
  return latest();
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  FakeSocket.all = [];
  log = { warn: vi.fn<(...data: unknown[]) => void>() };
});

afterEach(() => {
  client.dispose();
  vi.useRealTimers();
});

describe('createWebSocketClient', () => {
  it('has every contract method and event listener, derived from the manifest', () => {
    start();
    const api = client as unknown as Record<string, Record<string, unknown> | unknown>;
    for (const [service, methods] of Object.entries(ptzContract.services)) {
      for (const method of Object.keys(methods)) {
        expect(typeof (api[service] as Record<string, unknown>)[method], `${service}.${method}`).toBe('function');
      }
    }
    for (const e of PTZ_MANIFEST.events) expect(typeof api[e.listener]).toBe('function');
  });

  it('connects to the given URL and reports connecting → open', () => {
    const socket = start();
    const states: string[] = [];
    client.onConnectionChanged((s) => states.push(s));
    expect(socket.url).toBe('ws://127.0.0.1:8080/ws?token=t0k');
    expect(client.getConnectionState()).toBe('connecting');
    socket.open();
    expect(client.getConnectionState()).toBe('open');
    expect(states).toEqual(['open']);
  });

  it('invoke sends a framed request and resolves with the value', async () => {
    const socket = start();
    socket.open();
    const reply = client.motion.stopAll();
    expect(socket.sent).toEqual([{ kind: 'invoke', id: 0, service: 'motion', method: 'stopAll' }]);
    socket.receive({ kind: 'result', id: 0, ok: true, value: { devices: 3 } });
    await expect(reply).resolves.toEqual({ devices: 3 });

    const second = client.lens.zoomTo({ deviceId: 'cam-1', position: 0.5 });
    expect(socket.sent[1]).toEqual({
      kind: 'invoke',
      id: 1,
      service: 'lens',
      method: 'zoomTo',
      args: { deviceId: 'cam-1', position: 0.5 },
    });
    socket.receive({ kind: 'result', id: 1, ok: true }); // a void result: JSON has no `value`
    await expect(second).resolves.toBeUndefined();
  });

  it('invoke rejects with an IpcError carrying the code', async () => {
    const socket = start();
    socket.open();
    const reply = client.motion.stop({ deviceId: 'cam-9' });
    socket.receive({ kind: 'result', id: 0, ok: false, error: { code: 'not-found', message: 'No device cam-9' } });
    const error = await reply.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcError);
    expect(error).toMatchObject({ code: 'not-found', message: 'No device cam-9' });
  });

  it('rejects at once when not connected, and pending invokes when the connection drops', async () => {
    const socket = start();
    await expect(client.devices.list()).rejects.toMatchObject({ code: 'device-offline' });
    expect(socket.sent).toEqual([]);
    socket.open();
    const pending = client.devices.list();
    socket.drop();
    await expect(pending).rejects.toMatchObject({ name: 'IpcError', code: 'timeout' });
    expect(client.getConnectionState()).toBe('closed');
  });

  it('rejects an invoke without a reply after the timeout, and ignores the late reply', async () => {
    const socket = start(1000);
    socket.open();
    const reply = client.devices.list();
    vi.advanceTimersByTime(1000);
    await expect(reply).rejects.toMatchObject({ code: 'timeout' });
    expect(() => socket.receive({ kind: 'result', id: 0, ok: true, value: [] })).not.toThrow();
  });

  it('gives calls that take long by design (re-teach, repair steps) their own longer timeout', async () => {
    const socket = start(1000);
    socket.open();
    const reteach = client.presets.reteach({ deviceId: 'cam-1' });
    vi.advanceTimersByTime(60_000);
    socket.receive({ kind: 'result', id: 0, ok: true, value: { taught: [1], skipped: [] } });
    await expect(reteach).resolves.toEqual({ taught: [1], skipped: [] });
    const repair = client.repair.start({ ip: '198.51.100.50' });
    vi.advanceTimersByTime(120_000);
    await expect(repair).rejects.toMatchObject({ code: 'timeout', message: expect.stringMatching(/120000 ms/) });
  });

  it('send is fire-and-forget, and dropped while disconnected', () => {
    const socket = start();
    client.motion.setVelocity({ deviceId: 'cam-1', pan: 0.5, tilt: 0 });
    expect(socket.sent).toEqual([]);
    socket.open();
    client.motion.setVelocity({ deviceId: 'cam-1', pan: 0.5, tilt: 0 });
    client.motion.heartbeat({ deviceId: 'cam-1' });
    expect(socket.sent).toEqual([
      { kind: 'send', service: 'motion', method: 'setVelocity', args: { deviceId: 'cam-1', pan: 0.5, tilt: 0 } },
      { kind: 'send', service: 'motion', method: 'heartbeat', args: { deviceId: 'cam-1' } },
    ]);
    socket.drop();
    client.motion.setVelocity({ deviceId: 'cam-1', pan: 1, tilt: 0 });
    expect(socket.sent).toHaveLength(2);
    vi.advanceTimersByTime(RECONNECT_MIN_MS);
    latest().open();
    expect(latest().sent).toEqual([]); // nothing replayed after the reconnect
  });

  it('subscribes on the first listener, delivers to all, unsubscribes on the last', () => {
    const socket = start();
    socket.open();
    const a = vi.fn();
    const b = vi.fn();
    const offA = client.onDevicesChanged(a);
    const offB = client.onDevicesChanged(b);
    expect(socket.sent).toEqual([{ kind: 'subscribe', event: 'devicesChanged' }]);

    const init = { type: 'init', items: [makeDevice('cam-1')] };
    socket.receive({ kind: 'event', event: 'devicesChanged', payload: init });
    expect(a).toHaveBeenCalledWith(init);
    expect(b).toHaveBeenCalledWith(init);

    offA();
    offA(); // idempotent
    expect(socket.sent).toHaveLength(1);
    offB();
    expect(socket.sent.at(-1)).toEqual({ kind: 'unsubscribe', event: 'devicesChanged' });
    socket.receive({ kind: 'event', event: 'devicesChanged', payload: init });
    expect(a).toHaveBeenCalledTimes(1);
  });

  it('delivers a batch frame’s events in order', () => {
    const socket = start();
    socket.open();
    const seen = vi.fn();
    const during: boolean[] = [];
    client.onDevicesChanged((u) => {
      seen(u);
      during.push(client.inEventBatch!());
    });
    const ended = vi.fn(() => during.push(client.inEventBatch!()));
    client.onEventBatchEnd!(ended);
    const init = { type: 'init', items: [makeDevice('cam-1')] };
    const update = { type: 'update', item: makeDevice('cam-1', { latencyMs: 9 }) };
    const remove = { type: 'remove', id: 'cam-1' };
    socket.receive({
      kind: 'events',
      events: [
        { event: 'devicesChanged', payload: init },
        { event: 'devicesChanged', payload: update },
        { event: 'devicesChanged', payload: remove },
      ],
    });
    expect(seen.mock.calls.map((c) => c[0])).toEqual([init, update, remove]);
    // Inside the batch for each event, then told once that it ended.
    expect(during).toEqual([true, true, true, false]);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('subscribes once connected when the listener came first', () => {
    const socket = start();
    client.onDevicesChanged(vi.fn());
    expect(socket.sent).toEqual([]);
    socket.open();
    expect(socket.sent).toEqual([{ kind: 'subscribe', event: 'devicesChanged' }]);
  });

  it('reconnects with backoff (250 ms doubling to 5 s) and re-subscribes', () => {
    const first = start();
    first.open();
    const listener = vi.fn();
    client.onDevicesChanged(listener);
    const states: string[] = [];
    client.onConnectionChanged((s) => states.push(s));

    first.drop();
    expect(states).toEqual(['closed']);
    // Each failed attempt doubles the wait: 250, 500, 1000, 2000, 4000, 5000, 5000.
    const waits = [250, 500, 1000, 2000, 4000, RECONNECT_MAX_MS, RECONNECT_MAX_MS];
    for (const wait of waits) {
      const count = FakeSocket.all.length;
      vi.advanceTimersByTime(wait - 1);
      expect(FakeSocket.all).toHaveLength(count);
      vi.advanceTimersByTime(1);
      expect(FakeSocket.all).toHaveLength(count + 1);
      latest().drop(); // refused
    }
    vi.advanceTimersByTime(RECONNECT_MAX_MS);
    const socket = latest();
    socket.open();
    expect(client.getConnectionState()).toBe('open');
    expect(socket.sent).toEqual([{ kind: 'subscribe', event: 'devicesChanged' }]);
    // The server answers a subscribe with a fresh snapshot.
    socket.receive({ kind: 'event', event: 'devicesChanged', payload: { type: 'init', items: [] } });
    expect(listener).toHaveBeenCalledWith({ type: 'init', items: [] });

    // A successful connection resets the backoff.
    socket.drop();
    const count = FakeSocket.all.length;
    vi.advanceTimersByTime(RECONNECT_MIN_MS);
    expect(FakeSocket.all).toHaveLength(count + 1);
  });

  it('ignores garbage without throwing and keeps working', async () => {
    const socket = start();
    socket.open();
    const listener = vi.fn();
    client.onDevicesChanged(listener);
    const reply = client.devices.list();
    const garbage: unknown[] = [
      'not json{',
      new ArrayBuffer(4),
      '42',
      'null',
      { kind: 'result', id: 'zero', ok: true, value: [] },
      { kind: 'result', id: 0, ok: false, error: { code: 'made-up', message: 'x' } },
      { kind: 'event', event: 'devicesChanged', payload: { type: 'explode' } },
      { kind: 'event', event: 'devicesChanged', payload: { type: 'update', item: { id: 'x' } } },
      { kind: 'event', event: 'noSuchEvent', payload: {} },
      { kind: 'mystery' },
    ];
    for (const frame of garbage) expect(() => socket.receive(frame)).not.toThrow();
    expect(listener).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalled();

    socket.receive({ kind: 'result', id: 0, ok: true, value: [] });
    await expect(reply).resolves.toEqual([]);
  });

  it('logs messages the server rejected', () => {
    const socket = start();
    socket.open();
    socket.receive({
      kind: 'rejected',
      error: { code: 'invalid-payload', message: 'pan: speed must be within -1..1' },
    });
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('invalid-payload'));
  });

  it('keeps delivering when one listener throws', () => {
    const socket = start();
    socket.open();
    const good = vi.fn();
    client.onDevicesChanged(() => {
      throw new Error('bug');
    });
    client.onDevicesChanged(good);
    socket.receive({ kind: 'event', event: 'devicesChanged', payload: { type: 'remove', id: 'cam-1' } });
    expect(good).toHaveBeenCalledTimes(1);
  });

  it('dispose closes the socket and stops reconnecting', () => {
    const socket = start();
    socket.open();
    client.dispose();
    expect(socket.closed).toBe(true);
    expect(client.getConnectionState()).toBe('closed');
    socket.drop();
    vi.advanceTimersByTime(RECONNECT_MAX_MS * 2);
    expect(FakeSocket.all).toHaveLength(1);
  });
});
