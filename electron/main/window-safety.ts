/**
 * Motion safety and crash recovery for one console window (ARCHITECTURE §5.3, field practice §2.3): when
 * its page can no longer hold a control (blur, hide, minimise, reload, crash, hang, close) the core stops
 * what that page was driving at once, without waiting for the dead-man watchdog.
 */
import type { BrowserWindow, RenderProcessGoneDetails } from 'electron';
import type { PtzCore } from '../core/core-api';
import { APP_ENTRY_URL } from './app-origin';
import { createReloadBackoff, type ReloadBackoff } from './reload-backoff';
import { MAIN_PROCESS_CTX, type RendererClients } from './renderer-clients';

/** How long a hung renderer gets to recover before it is crashed and reloaded (ms). */
export const HANG_KILL_MS = 10_000;

export interface WindowSafetyDeps {
  readonly core: PtzCore;
  readonly clients: RendererClients;
  readonly backoff?: ReloadBackoff;
}

/** Wires the release and recovery handlers onto `win`. */
export function attachWindowSafety(win: BrowserWindow, deps: WindowSafetyDeps): void {
  const { core, clients } = deps;
  const backoff = deps.backoff ?? createReloadBackoff();
  const wc = win.webContents;
  const id = wc.id; // read once: the id getter throws after destroy
  let hangTimer: NodeJS.Timeout | undefined;
  let reloadTimer: NodeJS.Timeout | undefined;

  const release = () => core.releaseClient(clients.current(id), 'client-gone');
  const clearTimers = () => {
    clearTimeout(hangTimer);
    clearTimeout(reloadTimer);
    hangTimer = reloadTimer = undefined;
  };

  win.on('blur', release);
  win.on('hide', release);
  win.on('minimize', release);

  wc.on('did-start-navigation', (details) => {
    if (!details.isMainFrame || details.isSameDocument) return;
    // A reload or a new document: the old page's client ends here and the new page is a new client.
    core.releaseClient(clients.rotate(id), 'client-gone');
  });

  wc.on('render-process-gone', (_event, details: RenderProcessGoneDetails) => {
    // Stop first: whatever the crashed page held, and then everything, before any recovery.
    release();
    core.dispatcher.invoke(MAIN_PROCESS_CTX, 'motion', 'stopAll', undefined).catch((e: unknown) => {
      core.log.error('stop-all after a renderer crash failed', e);
    });
    clearTimers();
    if (win.isDestroyed()) return;
    const delay = backoff.next();
    core.log.error(`renderer gone (${details.reason}, exit ${details.exitCode}); reloading in ${delay} ms`);
    reloadTimer = setTimeout(() => {
      if (!win.isDestroyed()) void win.loadURL(APP_ENTRY_URL).catch((e: unknown) => core.log.error('reload failed', e));
    }, delay);
  });

  wc.on('unresponsive', () => {
    release();
    core.log.warn(`renderer unresponsive; crashing and reloading it if it does not recover in ${HANG_KILL_MS} ms`);
    clearTimeout(hangTimer);
    hangTimer = setTimeout(() => {
      if (!wc.isDestroyed()) wc.forcefullyCrashRenderer(); // → render-process-gone → reload with backoff
    }, HANG_KILL_MS);
  });
  wc.on('responsive', () => {
    clearTimeout(hangTimer);
    hangTimer = undefined;
  });

  wc.once('destroyed', () => {
    clearTimers();
    release();
  });
}
