import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  PTZ_MANIFEST,
  SUBSCRIBE_CHANNEL,
  UNSUBSCRIBE_CHANNEL,
  eventChannel,
  methodChannel,
} from '../../shared/ipc/channels';
import { createFakeCore, sampleDevice, type FakeCore } from '../test-support/fake-core';
import {
  createFakeIpcMain,
  FakeWebContents,
  ipcEvent,
  spyLogger,
  type FakeIpcMain,
  type SpyLogger,
} from './test/electron-fakes';

vi.mock('electron', async () => {
  const { createFakeIpcMain } = await import('./test/electron-fakes');
  return { ipcMain: createFakeIpcMain() };
});

const { ipcMain } = await import('electron');
const { setupIpcBridge } = await import('./ipc-bridge');
const ipc = ipcMain as unknown as FakeIpcMain;

const OUR_ID = 7;
let core: FakeCore;
let log: SpyLogger;
let win: FakeWebContents;

beforeEach(() => {
  ipc.reset();
  log = spyLogger();
  core = createFakeCore({ log });
  win = new FakeWebContents(OUR_ID);
  setupIpcBridge({ ipcMain: ipc.asIpcMain(), core, isOurWindow: (id) => id === OUR_ID });
});

const LIST = methodChannel('devices', 'list');
const SET_VELOCITY = methodChannel('motion', 'setVelocity');
const STOP = methodChannel('motion', 'stop');

describe('IPC bridge registration', () => {
  it('registers exactly the manifest: handle() for invoke methods, on() for send methods and subscriptions', () => {
    const invokes = PTZ_MANIFEST.methods.filter((m) => m.kind === 'invoke').map((m) => m.channel);
    const sends = PTZ_MANIFEST.methods.filter((m) => m.kind === 'send').map((m) => m.channel);
    expect([...ipc.handlers.keys()].sort()).toEqual([...invokes].sort());
    expect([...ipc.listeners.keys()].sort()).toEqual([...sends, SUBSCRIBE_CHANNEL, UNSUBSCRIBE_CHANNEL].sort());
  });
});

describe('invoke methods', () => {
  it('passes a good call through with the window client context and wraps the result', async () => {
    await expect(ipc.invoke(LIST, ipcEvent(win))).resolves.toEqual({ ok: true, value: [sampleDevice()] });
    await expect(ipc.invoke(STOP, ipcEvent(win), { deviceId: 'cam-1' })).resolves.toEqual({
      ok: true,
      value: undefined,
    });
    expect(core.handlers.motion.stop).toHaveBeenCalledWith(
      { clientId: `wc-${OUR_ID}-1`, bridge: 'electron' },
      { deviceId: 'cam-1' },
    );
  });

  it.each([
    ['an extra key', { deviceId: 'cam-1', extra: 1 }],
    ['a wrong type', { deviceId: 42 }],
    ['a huge string', { deviceId: 'x'.repeat(100_000) }],
    ['a non-object', 'cam-1'],
    ['nothing', undefined],
  ])('rejects %s with invalid-payload before the core', async (_name, args) => {
    const reply = await ipc.invoke(STOP, ipcEvent(win), args);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(core.handlers.motion.stop).not.toHaveBeenCalled();
  });

  it('rejects an out-of-range position and a second argument', async () => {
    const zoomTo = methodChannel('lens', 'zoomTo');
    await expect(ipc.invoke(zoomTo, ipcEvent(win), { deviceId: 'cam-1', position: 1.01 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-payload', message: expect.stringMatching(/position/) },
    });
    await expect(ipc.invoke(STOP, ipcEvent(win), { deviceId: 'cam-1' }, 'more')).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-payload', message: expect.stringMatching(/one argument/) },
    });
    expect(core.handlers.lens.zoomTo).not.toHaveBeenCalled();
    expect(core.handlers.motion.stop).not.toHaveBeenCalled();
  });

  it('returns the handler’s IpcError code, and "internal" (without the cause) for a bug', async () => {
    const { IpcError } = await import('../../shared/ipc/ipc-error');
    core.handlers.motion.stop.mockImplementationOnce(() => {
      throw new IpcError('not-found', 'No device with id cam-9');
    });
    await expect(ipc.invoke(STOP, ipcEvent(win), { deviceId: 'cam-9' })).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No device with id cam-9' },
    });
    core.handlers.motion.stop.mockImplementationOnce(() => {
      throw new Error('secret detail');
    });
    const reply = (await ipc.invoke(STOP, ipcEvent(win), { deviceId: 'cam-1' })) as {
      error: { code: string; message: string };
    };
    expect(reply.error.code).toBe('internal');
    expect(reply.error.message).not.toMatch(/secret/);
  });
});

describe('untrusted senders', () => {
  const cases: Array<[string, () => ReturnType<typeof ipcEvent>]> = [
    ['a null senderFrame (navigated away)', () => ipcEvent(win, null)],
    ['a subframe', () => ipcEvent(win, { url: 'app://ptz/index.html' })],
    ['a foreign page', () => ipcEvent(new FakeWebContents(OUR_ID, 'https://evil.example/'))],
    ['another app:// host', () => ipcEvent(new FakeWebContents(OUR_ID, 'app://evil/index.html'))],
    ['a look-alike host', () => ipcEvent(new FakeWebContents(OUR_ID, 'app://ptz.evil/index.html'))],
    ['credentials in the URL', () => ipcEvent(new FakeWebContents(OUR_ID, 'app://ptz@evil/index.html'))],
    ['a file:// page', () => ipcEvent(new FakeWebContents(OUR_ID, 'file:///tmp/index.html'))],
    ['a webContents that is not our window', () => ipcEvent(new FakeWebContents(99))],
  ];

  it.each(cases)('refuses an invoke from %s with untrusted-sender and never reaches the core', async (_name, event) => {
    const reply = await ipc.invoke(STOP, event(), { deviceId: 'cam-1' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(core.handlers.motion.stop).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/IPC refused/));
  });

  it.each(cases)('drops a send from %s', (_name, event) => {
    ipc.send(SET_VELOCITY, event(), { deviceId: 'cam-1', pan: 0.5 });
    expect(core.handlers.motion.setVelocity).not.toHaveBeenCalled();
  });

  it.each(cases)('refuses a subscription from %s', (_name, event) => {
    const e = event();
    ipc.send(SUBSCRIBE_CHANNEL, e, { event: 'devicesChanged', subscriptionId: 's-1' });
    expect(core.listenerCount('devicesChanged')).toBe(0);
    expect((e.sender as unknown as FakeWebContents).send).not.toHaveBeenCalled();
  });

  it('a destroyed sender that throws on access is refused, not crashed on', async () => {
    const event = {
      get sender(): never {
        throw new Error('Object has been destroyed');
      },
      senderFrame: { url: 'app://ptz/' },
    };
    await expect(ipc.invoke(STOP, event, { deviceId: 'cam-1' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender' },
    });
  });
});

describe('send methods', () => {
  it('passes a good velocity through with the client context', () => {
    ipc.send(SET_VELOCITY, ipcEvent(win), { deviceId: 'cam-1', pan: -1, tilt: 0.25 });
    expect(core.handlers.motion.setVelocity).toHaveBeenCalledWith(
      { clientId: `wc-${OUR_ID}-1`, bridge: 'electron' },
      { deviceId: 'cam-1', pan: -1, tilt: 0.25 },
    );
  });

  it.each([
    ['NaN', { deviceId: 'cam-1', pan: Number.NaN }],
    ['Infinity', { deviceId: 'cam-1', zoom: Number.POSITIVE_INFINITY }],
    ['an out-of-range speed', { deviceId: 'cam-1', tilt: 1.5 }],
    ['an extra key', { deviceId: 'cam-1', pan: 0, raw: '81 01 06 01' }],
    ['a wrong type', { deviceId: 'cam-1', pan: '0.5' }],
    ['a huge id', { deviceId: 'a'.repeat(1_000_000) }],
  ])('drops %s and logs it (rate-limited)', (_name, args) => {
    ipc.send(SET_VELOCITY, ipcEvent(win), args);
    ipc.send(SET_VELOCITY, ipcEvent(win), args);
    expect(core.handlers.motion.setVelocity).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/invalid-payload/));
  });

  it('a send to an invoke channel name is not possible: invoke methods have no send listener', () => {
    expect(() => ipc.send(STOP, ipcEvent(win), { deviceId: 'cam-1' })).toThrow(/no listener/);
  });
});

describe('subscriptions', () => {
  const channel = eventChannel('devicesChanged');

  it('delivers init then deltas tagged with the subscription id, and stops on unsubscribe', () => {
    ipc.send(SUBSCRIBE_CHANNEL, ipcEvent(win), { event: 'devicesChanged', subscriptionId: 'p-1' });
    expect(win.send).toHaveBeenNthCalledWith(1, channel, 'p-1', { type: 'init', items: [sampleDevice()] });
    core.emit('devicesChanged', { type: 'remove', id: 'cam-1' });
    expect(win.send).toHaveBeenNthCalledWith(2, channel, 'p-1', { type: 'remove', id: 'cam-1' });

    ipc.send(UNSUBSCRIBE_CHANNEL, ipcEvent(win), { subscriptionId: 'p-1' });
    expect(core.listenerCount('devicesChanged')).toBe(0);
    core.emit('devicesChanged', { type: 'remove', id: 'cam-2' });
    expect(win.send).toHaveBeenCalledTimes(2);
  });

  it('gives each subscription of a page its own snapshot', () => {
    ipc.send(SUBSCRIBE_CHANNEL, ipcEvent(win), { event: 'devicesChanged', subscriptionId: 'p-1' });
    ipc.send(SUBSCRIBE_CHANNEL, ipcEvent(win), { event: 'devicesChanged', subscriptionId: 'p-2' });
    expect(win.send).toHaveBeenCalledWith(channel, 'p-2', expect.objectContaining({ type: 'init' }));
    expect(core.listenerCount('devicesChanged')).toBe(2);
  });

  it('cleans up when the page reloads (main frame, new document) but not on in-page navigation', () => {
    ipc.send(SUBSCRIBE_CHANNEL, ipcEvent(win), { event: 'devicesChanged', subscriptionId: 'p-1' });
    win.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    win.emit('did-start-navigation', { isMainFrame: false, isSameDocument: false });
    expect(core.listenerCount('devicesChanged')).toBe(1);
    win.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    expect(core.listenerCount('devicesChanged')).toBe(0);
    expect(win.listenerCount('did-start-navigation')).toBe(0);
  });

  it('cleans up when the webContents is destroyed, and never sends to it afterwards', () => {
    ipc.send(SUBSCRIBE_CHANNEL, ipcEvent(win), { event: 'devicesChanged', subscriptionId: 'p-1' });
    win.destroy();
    expect(core.listenerCount('devicesChanged')).toBe(0);
    core.emit('devicesChanged', { type: 'remove', id: 'cam-1' });
    expect(win.send).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['an unknown event', { event: 'secretsChanged', subscriptionId: 'p-1' }],
    ['a prototype key', { event: '__proto__', subscriptionId: 'p-1' }],
    ['an extra key', { event: 'devicesChanged', subscriptionId: 'p-1', x: 1 }],
    ['a bad subscription id', { event: 'devicesChanged', subscriptionId: '../../x' }],
    ['a bare event name', 'devicesChanged'],
  ])('refuses %s', (_name, request) => {
    ipc.send(SUBSCRIBE_CHANNEL, ipcEvent(win), request);
    expect(core.listenerCount('devicesChanged')).toBe(0);
    expect(win.send).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/ptz:subscribe refused/));
  });

  it('caps the subscriptions of one page', async () => {
    const { MAX_SUBSCRIPTIONS_PER_PAGE } = await import('./ipc-subscriptions');
    for (let i = 0; i < MAX_SUBSCRIPTIONS_PER_PAGE + 5; i++) {
      ipc.send(SUBSCRIBE_CHANNEL, ipcEvent(win), { event: 'devicesChanged', subscriptionId: `p-${i}` });
    }
    expect(core.listenerCount('devicesChanged')).toBe(MAX_SUBSCRIPTIONS_PER_PAGE);
  });
});

describe('client contexts', () => {
  it('a reload (rotate) gives the page a new client id', async () => {
    const { RendererClients } = await import('./renderer-clients');
    const clients = new RendererClients();
    const ipc2 = createFakeIpcMain();
    setupIpcBridge({ ipcMain: ipc2.asIpcMain(), core, clients, isOurWindow: (id) => id === OUR_ID });
    await ipc2.invoke(STOP, ipcEvent(win), { deviceId: 'cam-1' });
    expect(clients.rotate(OUR_ID)).toEqual({ clientId: `wc-${OUR_ID}-1`, bridge: 'electron' });
    await ipc2.invoke(STOP, ipcEvent(win), { deviceId: 'cam-1' });
    expect(core.handlers.motion.stop).toHaveBeenLastCalledWith(
      { clientId: `wc-${OUR_ID}-2`, bridge: 'electron' },
      { deviceId: 'cam-1' },
    );
  });

  it('dispose() removes every handler and subscription', () => {
    const ipc2 = createFakeIpcMain();
    const bridge = setupIpcBridge({ ipcMain: ipc2.asIpcMain(), core, isOurWindow: (id) => id === OUR_ID });
    ipc2.send(SUBSCRIBE_CHANNEL, ipcEvent(win), { event: 'devicesChanged', subscriptionId: 'p-1' });
    bridge.dispose();
    expect(ipc2.handlers.size).toBe(0);
    expect(ipc2.listeners.size).toBe(0);
    expect(core.listenerCount('devicesChanged')).toBe(0);
  });
});
