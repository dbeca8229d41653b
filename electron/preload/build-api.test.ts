import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import {
  PTZ_MANIFEST,
  SUBSCRIBE_CHANNEL,
  UNSUBSCRIBE_CHANNEL,
  eventChannel,
  methodChannel,
} from '../../shared/ipc/channels';
import { IpcError, fromBridgeMessage } from '../../shared/ipc/ipc-error';
import { buildPtzApi, unwrapEnvelope, type IpcRendererLike } from './build-api';

/** An ipcRenderer whose invoke answers with `reply` and whose `on` listeners the test can fire. */
function fakeIpcRenderer(reply: unknown = { ok: true, value: 'v' }) {
  const emitter = new EventEmitter();
  const fake = {
    emitter,
    invoke: vi.fn((_channel: string, ..._args: unknown[]) => Promise.resolve(reply)),
    send: vi.fn(),
    on: vi.fn((channel: string, l: (...a: unknown[]) => void) => emitter.on(channel, l)),
    removeListener: vi.fn((channel: string, l: (...a: unknown[]) => void) => emitter.removeListener(channel, l)),
  };
  return { fake, ipc: fake as unknown as IpcRendererLike };
}

const CHANNEL = eventChannel('devicesChanged');
/** What the main process sends: the IpcRendererEvent, the subscription id, the payload. */
const rendererEvent = { sender: { secret: 'ipcRenderer' }, ports: [] };

describe('buildPtzApi', () => {
  it('has exactly the manifest’s services, methods and listeners, all functions', () => {
    const api = buildPtzApi(fakeIpcRenderer().ipc) as unknown as Record<string, unknown>;
    const services = [...new Set(PTZ_MANIFEST.methods.map((m) => m.service))];
    const listeners = PTZ_MANIFEST.events.map((e) => e.listener);
    expect(Object.keys(api).sort()).toEqual([...services, ...listeners].sort());
    for (const service of services) {
      const methods = PTZ_MANIFEST.methods.filter((m) => m.service === service).map((m) => m.method);
      expect(Object.keys(api[service] as object).sort()).toEqual(methods.sort());
    }
    for (const m of PTZ_MANIFEST.methods) {
      expect(typeof (api[m.service] as Record<string, unknown>)[m.method]).toBe('function');
    }
    expect(listeners).toContain('onDevicesChanged');
  });

  it('invokes on the method’s channel with the arguments, and resolves the envelope’s value', async () => {
    const { fake, ipc } = fakeIpcRenderer({ ok: true, value: [{ id: 'cam-1' }] });
    const api = buildPtzApi(ipc);
    await expect(api.devices.list()).resolves.toEqual([{ id: 'cam-1' }]);
    expect(fake.invoke).toHaveBeenLastCalledWith(methodChannel('devices', 'list'));
    await api.motion.stop({ deviceId: 'cam-1' });
    expect(fake.invoke).toHaveBeenLastCalledWith(methodChannel('motion', 'stop'), { deviceId: 'cam-1' });
    expect(fake.send).not.toHaveBeenCalled();
  });

  it('sends send-kind methods fire-and-forget', () => {
    const { fake, ipc } = fakeIpcRenderer();
    const api = buildPtzApi(ipc);
    expect(api.motion.setVelocity({ deviceId: 'cam-1', pan: 0.5 })).toBeUndefined();
    expect(fake.send).toHaveBeenCalledWith(methodChannel('motion', 'setVelocity'), { deviceId: 'cam-1', pan: 0.5 });
    expect(fake.invoke).not.toHaveBeenCalled();
  });

  it('rejects with an Error whose message carries the code (what survives contextBridge)', async () => {
    const { ipc } = fakeIpcRenderer({ ok: false, error: { code: 'not-found', message: 'No device with id cam-9' } });
    const error = await buildPtzApi(ipc)
      .motion.stop({ deviceId: 'cam-9' })
      .then(
        () => null,
        (e: unknown) => e as Error & { code?: string },
      );
    expect(error).toBeInstanceOf(Error);
    expect(error?.message).toBe('not-found: No device with id cam-9');
    expect(error?.code).toBe('not-found');
    // What the renderer does with it (shared/ipc/ipc-error.ts):
    expect(fromBridgeMessage(error?.message ?? '')).toEqual(new IpcError('not-found', 'No device with id cam-9'));
    expect(fromBridgeMessage(error?.message ?? '').code).toBe('not-found');
  });

  it.each([null, 'yes', { ok: true }, { ok: false }, { ok: false, error: { code: 5 } }])(
    'turns a malformed reply %j into an internal error',
    (reply) => {
      expect(() => unwrapEnvelope(reply)).toThrow(/^internal: malformed reply/);
    },
  );
});

describe('event listeners', () => {
  it('subscribes with an id, hands only the payload to the listener, and routes by id', () => {
    const { fake, ipc } = fakeIpcRenderer();
    const api = buildPtzApi(ipc);
    const a = vi.fn();
    const b = vi.fn();
    api.onDevicesChanged(a);
    api.onDevicesChanged(b);
    expect(fake.on).toHaveBeenCalledTimes(1); // one ipcRenderer listener per channel
    const [[, first], [, second]] = fake.send.mock.calls as [
      [string, { event: string; subscriptionId: string }],
      [string, { subscriptionId: string }],
    ];
    expect(fake.send.mock.calls.map((c) => c[0])).toEqual([SUBSCRIBE_CHANNEL, SUBSCRIBE_CHANNEL]);
    expect(first.event).toBe('devicesChanged');
    expect(first.subscriptionId).not.toBe(second.subscriptionId);

    const init = { type: 'init', items: [] };
    fake.emitter.emit(CHANNEL, rendererEvent, first.subscriptionId, init);
    expect(a).toHaveBeenCalledWith(init);
    expect(a.mock.calls[0]).toHaveLength(1); // the IpcRendererEvent never reaches the page
    expect(b).not.toHaveBeenCalled();
    fake.emitter.emit(CHANNEL, rendererEvent, 'someone-else', init);
    expect(a).toHaveBeenCalledTimes(1);
  });

  it('unsubscribe stops delivery, tells main, is idempotent, and removes the channel listener when the last goes', () => {
    const { fake, ipc } = fakeIpcRenderer();
    const api = buildPtzApi(ipc);
    const a = vi.fn();
    const offA = api.onDevicesChanged(a);
    const offB = api.onDevicesChanged(vi.fn());
    const idA = (fake.send.mock.calls[0]?.[1] as { subscriptionId: string }).subscriptionId;
    offA();
    offA();
    expect(fake.send.mock.calls.filter((c) => c[0] === UNSUBSCRIBE_CHANNEL)).toEqual([
      [UNSUBSCRIBE_CHANNEL, { subscriptionId: idA }],
    ]);
    fake.emitter.emit(CHANNEL, rendererEvent, idA, { type: 'remove', id: 'x' });
    expect(a).not.toHaveBeenCalled();
    expect(fake.emitter.listenerCount(CHANNEL)).toBe(1);
    offB();
    expect(fake.emitter.listenerCount(CHANNEL)).toBe(0);
    expect(fake.removeListener).toHaveBeenCalledTimes(1);
  });

  it('a listener that throws does not stop the others', () => {
    const { fake, ipc } = fakeIpcRenderer();
    const api = buildPtzApi(ipc);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    api.onDevicesChanged(() => {
      throw new Error('boom');
    });
    const ok = vi.fn();
    api.onDevicesChanged(ok);
    const ids = fake.send.mock.calls.map((c) => (c[1] as { subscriptionId: string }).subscriptionId);
    for (const id of ids) fake.emitter.emit(CHANNEL, rendererEvent, id, { type: 'init', items: [] });
    expect(ok).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });

  it('refuses a non-function listener', () => {
    const api = buildPtzApi(fakeIpcRenderer().ipc);
    expect(() => api.onDevicesChanged('x' as never)).toThrow(TypeError);
  });
});
