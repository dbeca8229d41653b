import { EventEmitter } from 'node:events';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PTZ_MANIFEST } from '../../shared/ipc/channels';
import { createFakeCore } from '../test-support/fake-core';
import type { FakeBrowserWindow, FakeIpcMain } from './test/electron-fakes';

/** Every Electron call the boot script makes, in order. */
const h = vi.hoisted(() => ({
  order: [] as string[],
  windows: [] as unknown[],
  ready: null as null | (() => void),
  onWindow: null as null | (() => void),
}));

vi.mock('electron', async () => {
  const { FakeBrowserWindow, createFakeIpcMain } = await import('./test/electron-fakes');
  const note = (name: string) => h.order.push(name);
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: vi.fn(() => (note('requestSingleInstanceLock'), true)),
    whenReady: vi.fn(() => new Promise<void>((resolve) => (h.ready = resolve))),
    getPath: vi.fn(() => '/tmp/ptz-user-data'),
    isPackaged: false,
    quit: vi.fn(),
    exit: vi.fn(),
  });
  const session = {
    defaultSession: Object.assign(new EventEmitter(), {
      setPermissionRequestHandler: vi.fn(() => note('setPermissionRequestHandler')),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    }),
  };
  return {
    app,
    session,
    ipcMain: createFakeIpcMain(),
    powerSaveBlocker: { start: vi.fn(), stop: vi.fn() },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => note('registerSchemesAsPrivileged')),
      handle: vi.fn((scheme: string) => note(`protocol.handle:${scheme}`)),
    },
    BrowserWindow: class extends FakeBrowserWindow {
      constructor(options: unknown) {
        super(h.windows.length + 1, options);
        note('new BrowserWindow');
        h.windows.push(this);
        h.onWindow?.();
      }
    },
  };
});

const core = createFakeCore();
const createCore = vi.fn(async (_options: unknown) => {
  h.order.push('createCore');
  return core;
});
vi.mock('../core/core', () => ({ createCore: (options: unknown) => createCore(options) }));

// The boot script installs process-wide handlers; take them off the test worker afterwards.
const PROCESS_EVENTS: string[] = ['uncaughtException', 'unhandledRejection', 'SIGINT', 'SIGTERM'];
const listeners = (e: string): Array<(...a: unknown[]) => void> =>
  (process as unknown as EventEmitter).listeners(e) as Array<(...a: unknown[]) => void>;
const before = new Map(PROCESS_EVENTS.map((e) => [e, new Set(listeners(e))]));
afterAll(() => {
  for (const e of PROCESS_EVENTS) {
    for (const l of listeners(e)) if (!before.get(e)?.has(l)) (process as unknown as EventEmitter).removeListener(e, l);
  }
});

describe('main boot script', () => {
  it('takes the lock, registers the scheme before ready, then sets up security, core, protocol, IPC and the window', async () => {
    const electron = await import('electron');
    const ipc = electron.ipcMain as unknown as FakeIpcMain;
    await import('./index');
    for (const e of PROCESS_EVENTS) expect(listeners(e).length, e).toBe((before.get(e)?.size ?? 0) + 1);
    expect(h.order).toEqual(['requestSingleInstanceLock', 'registerSchemesAsPrivileged']);

    const windowCreated = new Promise<void>((resolve) => (h.onWindow = resolve));
    h.ready?.();
    await windowCreated;
    expect(h.order).toEqual([
      'requestSingleInstanceLock',
      'registerSchemesAsPrivileged',
      'setPermissionRequestHandler',
      'createCore',
      'protocol.handle:app',
      'new BrowserWindow',
    ]);
    expect(createCore).toHaveBeenCalledWith(expect.objectContaining({ dataDir: '/tmp/ptz-user-data', demo: true }));
    expect(ipc.handlers.size + ipc.listeners.size).toBe(PTZ_MANIFEST.methods.length + 2);

    const win = h.windows[0] as FakeBrowserWindow;
    const options = win.options as { kiosk: boolean; webPreferences: { preload: string; devTools: boolean } };
    expect(options.webPreferences.preload).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    expect(options.kiosk).toBe(false);
    expect(win.loadURL).toHaveBeenCalledWith('app://ptz/index.html');

    // Only the window created here may use the bridge.
    const { ipcEvent, FakeWebContents } = await import('./test/electron-fakes');
    const channel = PTZ_MANIFEST.methods.find((m) => m.kind === 'invoke')?.channel ?? '';
    await expect(ipc.invoke(channel, ipcEvent(win.webContents))).resolves.toMatchObject({ ok: true });
    await expect(ipc.invoke(channel, ipcEvent(new FakeWebContents(99)))).resolves.toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender' },
    });
    win.webContents.destroy();
    await expect(ipc.invoke(channel, ipcEvent(win.webContents))).resolves.toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender' },
    });
  });
});
