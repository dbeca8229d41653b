import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeCore, type FakeCore } from '../test-support/fake-core';
import { RendererClients } from './renderer-clients';
import type { FakeBrowserWindow } from './test/electron-fakes';

const created = vi.hoisted(() => ({ windows: [] as unknown[] }));
vi.mock('electron', async () => {
  const { FakeBrowserWindow } = await import('./test/electron-fakes');
  return {
    BrowserWindow: class extends FakeBrowserWindow {
      constructor(options: unknown) {
        super(created.windows.length + 1, options);
        created.windows.push(this);
      }
    },
  };
});

const { createMainWindow, createMainWindowOptions } = await import('./main-window');

describe('createMainWindowOptions', () => {
  const options = createMainWindowOptions('/opt/ptz/out/preload/index.cjs');
  const web = options.webPreferences ?? {};

  it('isolates and sandboxes the renderer', () => {
    expect(web.preload).toBe('/opt/ptz/out/preload/index.cjs');
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
  });

  it('keeps web security on and every risky feature off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
    expect(web).not.toHaveProperty('enableBlinkFeatures');
    expect(web.spellcheck).toBe(false);
    expect(web.backgroundThrottling).toBe(false);
    expect(web.devTools).toBe(false);
  });

  it('starts hidden, and follows the kiosk and devTools flags', () => {
    expect(options.show).toBe(false);
    expect(options.kiosk).toBe(false);
    const kiosk = createMainWindowOptions('/p.cjs', { kiosk: true, devTools: true });
    expect(kiosk.kiosk).toBe(true);
    expect(kiosk.webPreferences?.devTools).toBe(true);
  });
});

describe('createMainWindow', () => {
  let core: FakeCore;
  beforeEach(() => {
    core = createFakeCore();
  });

  it('loads app://ptz/index.html, shows on ready-to-show, and releases its client on blur', () => {
    const clients = new RendererClients();
    createMainWindow({ core, clients, preloadPath: '/p.cjs' });
    const win = created.windows.at(-1) as FakeBrowserWindow;
    expect((win.options as { webPreferences: { preload: string } }).webPreferences.preload).toBe('/p.cjs');
    expect(win.loadURL).toHaveBeenCalledWith('app://ptz/index.html');
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
    win.emit('blur');
    expect(core.releaseClient).toHaveBeenCalledWith(clients.current(win.webContents.id), 'client-gone');
  });
});
