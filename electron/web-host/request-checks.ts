/**
 * Who may talk to the web host: only a page this host served (Host and Origin are 127.0.0.1 or localhost on
 * our port, which defeats DNS rebinding and cross-site WebSockets) that also knows the per-run token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { WEB_SOCKET_PATH } from '../../shared/ipc/web-protocol';

export interface Refusal {
  readonly status: 401 | 403 | 404 | 421;
  readonly reason: string;
}

/** Null when the Host header names this server (`127.0.0.1:PORT` or `localhost:PORT`), else a 421 refusal. */
export function checkHost(headers: IncomingHttpHeaders, port: number): Refusal | null {
  const host = headers.host?.toLowerCase();
  if (host === `127.0.0.1:${port}` || host === `localhost:${port}`) return null;
  return {
    status: 421,
    reason: `Misdirected request: this console only answers to 127.0.0.1:${port} or localhost:${port}, not ${JSON.stringify(headers.host ?? '')}`,
  };
}

/** Null when the Origin header is this server's page; a missing Origin (non-browser client) is refused too. */
export function checkOrigin(headers: IncomingHttpHeaders, port: number): Refusal | null {
  const origin = headers.origin;
  if (origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`) return null;
  return {
    status: 403,
    reason:
      origin === undefined
        ? 'Forbidden: missing Origin header'
        : `Forbidden: origin ${JSON.stringify(origin.slice(0, 200))} may not use this console`,
  };
}

/** Compares tokens in constant time (hashing first, so lengths do not leak either). */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Every check a WebSocket upgrade request must pass, in order: Host, path, Origin, token. */
export function checkUpgrade(
  rawUrl: string | undefined,
  headers: IncomingHttpHeaders,
  port: number,
  token: string,
): Refusal | null {
  const host = checkHost(headers, port);
  if (host) return host;
  const url = new URL(rawUrl ?? '/', 'http://127.0.0.1');
  if (url.pathname !== WEB_SOCKET_PATH)
    return { status: 404, reason: `Not found: WebSockets live at ${WEB_SOCKET_PATH}` };
  const origin = checkOrigin(headers, port);
  if (origin) return origin;
  const given = url.searchParams.get('token');
  if (given === null || given === '') return { status: 401, reason: 'Unauthorized: missing token' };
  if (!tokensEqual(given, token)) return { status: 401, reason: 'Unauthorized: wrong token' };
  return null;
}
