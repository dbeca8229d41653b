/**
 * The `app://ptz/` scheme: serves the built renderer from disk with the CSP header, instead of `file://`
 * (security checklist #18: a file:// page can read every file an XSS can name).
 */
import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import type { Logger } from '../core/logger';
import { contentTypeFor, resolveRendererPath, type RendererPath } from '../core/static/renderer-files';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { CONTENT_SECURITY_POLICY } from './security';

/** Registers `app` as a standard, secure scheme with fetch. Must run before the app's `ready` event. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export { contentTypeFor };

export type AppRequestResolution =
  RendererPath | { readonly kind: 'refused'; readonly status: 404; readonly reason: string };

/**
 * Maps an `app://ptz/...` URL to a file under `rootDir` (absolute), or says why not. Pure: no disk access.
 * Only host `ptz`; the path rules are the web host's too (electron/core/static/renderer-files.ts).
 */
export function resolveAppRequest(rawUrl: string, rootDir: string): AppRequestResolution {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { kind: 'refused', status: 400, reason: 'malformed URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return { kind: 'refused', status: 404, reason: `unknown host ${url.host}` };
  }
  return resolveRendererPath(url.pathname, rootDir);
}

/** Serves `rootDir` (the built renderer) on `app://ptz/`. Call after `ready`. */
export function setupAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string, log: Logger): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rootDir, log));
}

/** The protocol handler itself (exported for tests): a Response for one request. */
export async function serveAppRequest(request: Request, rootDir: string, log: Logger): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return textResponse(405, `${request.method} is not allowed`);
  }
  const r = resolveAppRequest(request.url, rootDir);
  if (r.kind === 'refused') {
    if (r.status === 403 || r.status === 400) log.warn(`app:// request refused: ${r.reason}`);
    return textResponse(r.status, r.reason);
  }
  let body: Buffer;
  try {
    body = await readFile(r.filePath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') log.error(`reading ${r.filePath} failed`, e);
    return textResponse(404, 'not found');
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'Content-Type': r.contentType },
  });
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
} as const;

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}
