/**
 * Electron main process boot script. Reads top to bottom: each step is a setupX() from its own module.
 * Flags: `--kiosk` (full screen, no display sleep), `--no-demo` or PTZ_DEMO=0 (no simulated cameras);
 * PTZ_DATA_DIR overrides where settings.json lives. `--ptz-net-helper <verb> …` runs the privileged network
 * helper once and exits (Windows and macOS; see helper-mode.ts).
 */
import path from 'node:path';
import { app, ipcMain, powerSaveBlocker, protocol, session, type BrowserWindow } from 'electron';
import { createCore } from '../core/core';
import type { PtzCore } from '../core/core-api';
import { createConsoleLogger } from '../core/logger';
import { runHelperCli } from '../net-helper/net-helper';
import { setupCrashHandling, setupQuitHandling } from './app-lifecycle';
import { registerAppScheme, setupAppProtocol } from './app-protocol';
import { setupIpcBridge } from './ipc-bridge';
import { helperModeArgs, selfHelperCommand } from './helper-mode';
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

const helperArgs = helperModeArgs(process.argv);

if (helperArgs) {
  // Before the single-instance lock: the elevated helper runs while the console itself is open.
  if (process.platform === 'darwin') app.dock?.hide();
  const print = (line: string): void => {
    try {
      process.stdout.write(`${line}\n`);
    } catch {
      // A GUI process started by UAC has no console; the result file carries the answer.
    }
  };
  runHelperCli(helperArgs, print).then(
    (code) => app.exit(code),
    () => app.exit(1),
  );
} else if (setupSingleInstance(app, () => mainWindow)) {
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
    // Windows and macOS elevate this executable in helper mode; Linux keeps the installed pkexec helper.
    ...(process.platform === 'win32' || process.platform === 'darwin'
      ? { netHelperCommand: selfHelperCommand(process.execPath, app.isPackaged, app.getAppPath()) }
      : {}),
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
