import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeCore, type FakeCore } from '../test-support/fake-core';
import { createReloadBackoff } from './reload-backoff';
import { MAIN_PROCESS_CTX, RendererClients } from './renderer-clients';
import { FakeBrowserWindow } from './test/electron-fakes';
import { HANG_KILL_MS, attachWindowSafety } from './window-safety';

vi.mock('electron', () => ({}));

let core: FakeCore;
let clients: RendererClients;
let win: FakeBrowserWindow;
const ID = 3;
const client = (generation: number) => ({ clientId: `wc-${ID}-${generation}`, bridge: 'electron' });

beforeEach(() => {
  vi.useFakeTimers();
  core = createFakeCore();
  clients = new RendererClients();
  win = new FakeBrowserWindow(ID);
  attachWindowSafety(win.asBrowserWindow(), {
    core,
    clients,
    backoff: createReloadBackoff({ baseMs: 100, now: () => Date.now() }),
  });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('releasing the window’s client', () => {
  it.each(['blur', 'hide', 'minimize'])('on %s', (name) => {
    win.emit(name);
    expect(core.releaseClient).toHaveBeenCalledWith(client(1), 'client-gone');
  });

  it('on a main-frame reload, which also starts a new client', () => {
    win.webContents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    expect(core.releaseClient).toHaveBeenCalledWith(client(1), 'client-gone');
    expect(clients.current(ID)).toEqual(client(2));
  });

  it('not on in-page or subframe navigation', () => {
    win.webContents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    win.webContents.emit('did-start-navigation', { isMainFrame: false, isSameDocument: false });
    expect(core.releaseClient).not.toHaveBeenCalled();
    expect(clients.current(ID)).toEqual(client(1));
  });

  it('when the webContents is destroyed', () => {
    win.webContents.destroy();
    expect(core.releaseClient).toHaveBeenCalledWith(client(1), 'client-gone');
  });
});

describe('renderer crash', () => {
  const crash = () => win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });

  it('stops the cameras first, then reloads after the backoff delay', () => {
    crash();
    expect(core.releaseClient).toHaveBeenCalledWith(client(1), 'client-gone');
    expect(core.handlers.motion.stopAll).toHaveBeenCalledWith(MAIN_PROCESS_CTX, undefined);
    expect(win.loadURL).not.toHaveBeenCalled();
    vi.advanceTimersByTime(99);
    expect(win.loadURL).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(win.loadURL).toHaveBeenCalledWith('app://ptz/index.html');
  });

  it('backs off on repeated crashes', () => {
    crash();
    vi.advanceTimersByTime(100);
    crash();
    vi.advanceTimersByTime(199);
    expect(win.loadURL).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(win.loadURL).toHaveBeenCalledTimes(2);
  });

  it('does not reload a window that is gone', () => {
    win.destroyed = true;
    crash();
    vi.runAllTimers();
    expect(core.handlers.motion.stopAll).toHaveBeenCalled();
    expect(win.loadURL).not.toHaveBeenCalled();
  });
});

describe('hung renderer', () => {
  it('releases at once and crashes the renderer if it stays unresponsive', () => {
    win.webContents.emit('unresponsive');
    expect(core.releaseClient).toHaveBeenCalledWith(client(1), 'client-gone');
    vi.advanceTimersByTime(HANG_KILL_MS - 1);
    expect(win.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(win.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
  });

  it('leaves a renderer alone once it responds again', () => {
    win.webContents.emit('unresponsive');
    win.webContents.emit('responsive');
    vi.advanceTimersByTime(HANG_KILL_MS * 2);
    expect(win.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
  });
});

describe('createReloadBackoff', () => {
  it('doubles up to the cap and starts again after a stable period', () => {
    let t = 0;
    const b = createReloadBackoff({ baseMs: 500, maxMs: 4_000, resetAfterMs: 60_000, now: () => t });
    expect([b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([500, 1_000, 2_000, 4_000, 4_000]);
    t += 60_001;
    expect(b.next()).toBe(500);
  });
});
