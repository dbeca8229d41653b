import { EventEmitter } from 'node:events';
import type { App } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../core/logger';
import { createFakeCore, type FakeCore } from '../test-support/fake-core';
import { setupCrashHandling, setupQuitHandling } from './app-lifecycle';
import { setupKiosk } from './kiosk';
import { MAIN_PROCESS_CTX } from './renderer-clients';
import { setupSingleInstance } from './single-instance';
import { FakeBrowserWindow } from './test/electron-fakes';

vi.mock('electron', () => ({}));

function fakeApp() {
  return Object.assign(new EventEmitter(), {
    quit: vi.fn(),
    exit: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
  });
}
type FakeApp = ReturnType<typeof fakeApp>;
const asApp = (a: FakeApp) => a as unknown as App;
const quitEvent = () => ({ preventDefault: vi.fn() });

let app: FakeApp;
let proc: EventEmitter;
let core: FakeCore;
beforeEach(() => {
  vi.useFakeTimers();
  app = fakeApp();
  proc = new EventEmitter();
  core = createFakeCore();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('setupQuitHandling', () => {
  it('holds the first before-quit until the core has shut down, then quits for real', async () => {
    let finish!: () => void;
    core.shutdown.mockReturnValue(new Promise<void>((r) => (finish = r)));
    setupQuitHandling(asApp(app), proc as NodeJS.Process, () => core, silentLogger);
    const first = quitEvent();
    app.emit('before-quit', first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(core.shutdown).toHaveBeenCalledTimes(1);
    app.emit('before-quit', quitEvent()); // a second quit while stopping is held too, without a second shutdown
    expect(core.shutdown).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(app.quit).not.toHaveBeenCalled();
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(app.quit).toHaveBeenCalledTimes(1);
    const last = quitEvent();
    app.emit('before-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('quits anyway when the shutdown overruns its deadline', async () => {
    core.shutdown.mockReturnValue(new Promise<void>(() => undefined));
    setupQuitHandling(asApp(app), proc as NodeJS.Process, () => core, silentLogger, 3_000);
    app.emit('before-quit', quitEvent());
    await vi.advanceTimersByTimeAsync(2_999);
    expect(app.quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(app.quit).toHaveBeenCalledTimes(1);
  });

  it('turns SIGTERM, SIGINT and the last window closing into a quit', () => {
    setupQuitHandling(asApp(app), proc as NodeJS.Process, () => core, silentLogger);
    proc.emit('SIGTERM');
    proc.emit('SIGINT');
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalledTimes(3);
  });

  it('quits straight away when the core was never created', async () => {
    setupQuitHandling(asApp(app), proc as NodeJS.Process, () => null, silentLogger);
    app.emit('before-quit', quitEvent());
    await vi.advanceTimersByTimeAsync(0);
    expect(app.quit).toHaveBeenCalledTimes(1);
  });
});

describe('setupCrashHandling', () => {
  it('stops all motion, then exits 1', async () => {
    setupCrashHandling(asApp(app), proc as NodeJS.Process, () => core, silentLogger);
    proc.emit('uncaughtException', new Error('bug'));
    expect(core.handlers.motion.stopAll).toHaveBeenCalledWith(MAIN_PROCESS_CTX, undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(app.exit).toHaveBeenCalledWith(1);
  });

  it('exits within the deadline even if the stop hangs', async () => {
    core.handlers.motion.stopAll.mockReturnValue(new Promise(() => undefined));
    setupCrashHandling(asApp(app), proc as NodeJS.Process, () => core, silentLogger, 1_000);
    proc.emit('uncaughtException', new Error('bug'));
    await vi.advanceTimersByTimeAsync(999);
    expect(app.exit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(app.exit).toHaveBeenCalledWith(1);
  });
});

describe('setupSingleInstance', () => {
  it('quits when another instance holds the lock', () => {
    app.requestSingleInstanceLock.mockReturnValue(false);
    expect(setupSingleInstance(asApp(app), () => null)).toBe(false);
    expect(app.quit).toHaveBeenCalled();
  });

  it('brings the window back when a second instance starts', () => {
    const win = new FakeBrowserWindow();
    win.minimized = true;
    expect(setupSingleInstance(asApp(app), () => win.asBrowserWindow())).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('second-instance', {}, ['ptz-console'], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.show).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });
});

describe('setupKiosk', () => {
  it('goes full screen once shown and keeps the display awake until the window closes', () => {
    const win = new FakeBrowserWindow();
    const blocker = { start: vi.fn(() => 42), stop: vi.fn() };
    setupKiosk(win.asBrowserWindow(), blocker);
    expect(blocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(win.setFullScreen).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.setFullScreen).toHaveBeenCalledWith(true);
    win.emit('closed');
    expect(blocker.stop).toHaveBeenCalledWith(42);
  });
});
