/** The console window: hardened options, the app:// page, and the safety handlers. */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import type { PtzCore } from '../core/core-api';
import { APP_ENTRY_URL } from './app-origin';
import type { RendererClients } from './renderer-clients';
import { attachWindowSafety } from './window-safety';

export interface MainWindowFlags {
  /** Full-screen kiosk (see kiosk.ts for the rest). */
  readonly kiosk?: boolean;
  /** Allow DevTools (development builds only). */
  readonly devTools?: boolean;
}

/**
 * BrowserWindow options with every security-relevant preference set explicitly (most are Electron's
 * defaults; spelling them out lets tests and reviews assert them). `preloadPath` is the bundled preload.
 */
export function createMainWindowOptions(
  preloadPath: string,
  flags: MainWindowFlags = {},
): BrowserWindowConstructorOptions {
  return {
    title: 'PTZ Console',
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    show: false, // shown on ready-to-show: no white flash, and kiosk can go full screen first
    backgroundColor: '#111418',
    autoHideMenuBar: true,
    kiosk: flags.kiosk ?? false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // The console is often a status screen beside other windows: keep live positions current while it is
      // occluded. Motion safety does not depend on this: blur/hide release in main and the watchdog is in core.
      backgroundThrottling: false,
      devTools: flags.devTools ?? false,
    },
  };
}

export interface MainWindowDeps {
  readonly core: PtzCore;
  readonly clients: RendererClients;
  readonly preloadPath: string;
  readonly flags?: MainWindowFlags;
}

/** Creates the window, wires its safety handlers and starts loading app://ptz/index.html. */
export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const win = new BrowserWindow(createMainWindowOptions(deps.preloadPath, deps.flags));
  attachWindowSafety(win, { core: deps.core, clients: deps.clients });
  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_ENTRY_URL).catch((e: unknown) => deps.core.log.error(`loading ${APP_ENTRY_URL} failed`, e));
  return win;
}
