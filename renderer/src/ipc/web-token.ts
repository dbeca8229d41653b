/**
 * The web host's per-run access token. The page receives it in its URL fragment (`#token=…`, which a
 * browser never sends to a server); we keep it in sessionStorage so a reload or a later hash change
 * still finds it, and take it out of the address bar so it is not shown, bookmarked or screenshotted.
 */
import { WEB_SOCKET_PATH } from '../../../shared/ipc/web-protocol';

const STORAGE_KEY = 'ptz.webToken';

/** The parts of `window` the token lookup needs (injectable for tests). */
export interface TokenEnvironment {
  readonly location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  readonly sessionStorage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  readonly history: Pick<History, 'replaceState' | 'state'> | undefined;
}

/** Reads `token` from a fragment such as `#token=abc&lang=en`; null when absent or empty. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token');
  return token ? token : null;
}

/** The token from the fragment (remembered for this tab), else the remembered one, else null. */
export function readWebToken(env: TokenEnvironment): string | null {
  const fromHash = tokenFromHash(env.location.hash);
  if (fromHash) {
    try {
      env.sessionStorage?.setItem(STORAGE_KEY, fromHash);
      // Only forget it in the address bar once it is safely remembered.
      env.history?.replaceState(env.history.state, '', `${env.location.pathname}${env.location.search}`);
    } catch {
      // No storage: keep the fragment so a reload still works.
    }
    return fromHash;
  }
  try {
    return env.sessionStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** `ws://host:port/ws?token=…` for a page on http, `wss://` on https. */
export function webSocketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}://${location.host}${WEB_SOCKET_PATH}${query}`;
}
