/** One console per user: a second launch (autostart plus the unit, say) would fight over the serial ports. */
import type { App, BrowserWindow } from 'electron';

/**
 * Takes the single-instance lock. Returns false (and quits) when another instance holds it; otherwise a
 * later launch brings `window()` to the front.
 */
export function setupSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  window: () => BrowserWindow | null,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const win = window();
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  return true;
}
