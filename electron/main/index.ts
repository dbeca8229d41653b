/**
 * Electron main process boot script. Reads top to bottom: each step is a setupX() from its own module.
 * Flags: `--kiosk` (full screen, no display sleep), `--no-demo` or PTZ_DEMO=0 (no simulated cameras);
 * PTZ_DATA_DIR overrides where settings.json lives.
 */
import path from 'node:path';
import { app, ipcMain, powerSaveBlocker, protocol, session, type BrowserWindow } from 'electron';
import { createCore } from '../core/core';
import type { PtzCore } from '../core/core-api';
import { createConsoleLogger } from '../core/logger';
import { setupCrashHandling, setupQuitHandling } from './app-lifecycle';
import { registerAppScheme, setupAppProtocol } from './app-protocol';
import { setupIpcBridge } from './ipc-bridge';
import { setupKiosk } from './kiosk';
import { createMainWindow } from './main-window';
import { RendererClients } from './renderer-clients';
import { setupSecurity } from './security';
import { setupSingleInstance } from './single-instance';

const kiosk = process.argv.includes('--kiosk');
const demo = !process.argv.includes('--no-demo') && process.env.PTZ_DEMO !== '0';
// PTZ_DATA_DIR lets kiosks and the end-to-end tests keep settings somewhere other than userData.
const dataDirOverride = process.env.PTZ_DATA_DIR;
// Bundled layout: out/main/index.cjs beside out/preload/index.cjs and out/renderer/.
const rendererDir = path.join(__dirname, '../renderer');
const preloadPath = path.join(__dirname, '../preload/index.cjs');
const log = createConsoleLogger('main');

let core: PtzCore | null = null;
let mainWindow: BrowserWindow | null = null;
const ourWebContents = new Set<number>();

if (setupSingleInstance(app, () => mainWindow)) {
  registerAppScheme(protocol); // before ready
  setupCrashHandling(app, process, () => core, log);
  setupQuitHandling(app, process, () => core, log);
  app
    .whenReady()
    .then(boot)
    .catch((e: unknown) => {
      log.error('start-up failed', e);
      app.exit(1);
    });
}

async function boot(): Promise<void> {
  setupSecurity(app, session.defaultSession, log);
  core = await createCore({
    dataDir: dataDirOverride ?? app.getPath('userData'),
    demo,
    log: createConsoleLogger('core'),
  });
  setupAppProtocol(protocol, rendererDir, log);
  const clients = new RendererClients();
  setupIpcBridge({ ipcMain, core, clients, isOurWindow: (id) => ourWebContents.has(id) });
  mainWindow = createMainWindow({ core, clients, preloadPath, flags: { kiosk, devTools: !app.isPackaged && !kiosk } });
  trackWindow(mainWindow);
  if (kiosk) setupKiosk(mainWindow, powerSaveBlocker);
}

/** Only webContents of windows created here may call the bridge. */
function trackWindow(win: BrowserWindow): void {
  const id = win.webContents.id;
  ourWebContents.add(id);
  win.webContents.once('destroyed', () => ourWebContents.delete(id));
  win.once('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
}
