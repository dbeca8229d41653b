/** Kiosk mode (`--kiosk`): full screen even where kiosk is only an alias for it, and no display sleep. */
import type { BrowserWindow, PowerSaveBlocker } from 'electron';

/** Applies kiosk behaviour to `win`; the display-sleep block ends when the window closes. */
export function setupKiosk(win: BrowserWindow, powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop'>): void {
  // On Linux `kiosk: true` is only full screen, and some desktops ignore it at creation: set it once shown.
  win.once('ready-to-show', () => win.setFullScreen(true));
  const blocker = powerSaveBlocker.start('prevent-display-sleep');
  win.once('closed', () => powerSaveBlocker.stop(blocker));
}
