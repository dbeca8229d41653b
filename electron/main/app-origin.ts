/** The console's own origin, `app://ptz`: the only page the Electron shell loads and trusts. */

/** Custom scheme the renderer is served on (registered as standard and secure before `ready`). */
export const APP_SCHEME = 'app';
/** The single host of that scheme. */
export const APP_HOST = 'ptz';
/** The page the main window loads. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * True when `raw` is a URL on `app://ptz` (any path). Parsed with `new URL`, never compared by prefix:
 * `app://ptz.evil/` or `app://ptz@evil/` must not pass. Node reports the origin of custom schemes as
 * `'null'`, so protocol and host are compared instead.
 */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}
