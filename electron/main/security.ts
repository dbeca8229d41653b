/**
 * Process-wide Electron hardening (security checklist items 5, 7, 11–14): every permission and device picker
 * denied, navigation pinned to app://ptz, no new windows, no <webview>.
 */
import type { App, Session, WebContents } from 'electron';
import type { Logger } from '../core/logger';
import { rendererContentSecurityPolicy } from '../core/static/renderer-files';
import { isAppUrl } from './app-origin';

/**
 * The renderer's Content-Security-Policy, sent as a response header by the app:// protocol handler.
 * Only the app's own scripts, styles and fonts; images also as `data:`; no inline code, no eval, no frames.
 */
export const CONTENT_SECURITY_POLICY = rendererContentSecurityPolicy();

/** Installs the session's deny-all handlers and the per-webContents navigation guards. Call before `ready`'s first window. */
export function setupSecurity(app: Pick<App, 'on'>, session: Session, log: Logger): void {
  // Electron grants every permission unless a handler says otherwise; the console needs none (the Gamepad
  // API asks for no permission). The check handler must deny too, or checks would still pass.
  session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    log.warn(`permission request denied: ${permission} from ${details.requestingUrl}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  // Serial ports and HID devices belong to the main process; Web Serial / WebHID / WebUSB get nothing.
  session.setDevicePermissionHandler(() => false);
  session.on('select-serial-port', (event, _ports, _wc, callback) => {
    event.preventDefault();
    callback(''); // an empty id cancels the request
  });
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(); // no argument cancels the request
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log));
}

/** Navigation, window and webview guards for one webContents (exported for tests). */
export function guardWebContents(contents: WebContents, log: Logger): void {
  const pinToApp = (event: { url: string; preventDefault(): void }, what: string) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn(`${what} to ${event.url.slice(0, 200)} blocked: the console only shows app://ptz`);
  };
  contents.on('will-navigate', (event) => pinToApp(event, 'navigation'));
  contents.on('will-frame-navigate', (event) => pinToApp(event, 'frame navigation'));
  contents.on('will-redirect', (event) => pinToApp(event, 'redirect'));
  contents.setWindowOpenHandler(({ url }) => {
    log.warn(`window.open(${url.slice(0, 200)}) denied`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('<webview> refused');
  });
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback(''); // cancels Web Bluetooth's picker
  });
}
