/**
 * The `app://ptz/` scheme: serves the built renderer from disk with the CSP header, instead of `file://`
 * (security checklist #18: a file:// page can read every file an XSS can name).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import type { Logger } from '../core/logger';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { CONTENT_SECURITY_POLICY } from './security';

/** Registers `app` as a standard, secure scheme with fetch. Must run before the app's `ready` event. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** MIME type for a file name, by extension; unknown types are served as opaque bytes. */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type AppRequestResolution =
  | { readonly kind: 'file'; readonly filePath: string; readonly contentType: string }
  | { readonly kind: 'refused'; readonly status: 400 | 403 | 404; readonly reason: string };

/**
 * Maps an `app://ptz/...` URL to a file under `rootDir` (absolute), or says why not. Pure: no disk access.
 * Only host `ptz`; `/` and paths ending in `/` mean `index.html`; a path that would leave `rootDir` after
 * decoding (`..`, encoded slashes, backslashes, NUL) is refused.
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
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused', status: 400, reason: 'malformed path encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) {
    return { kind: 'refused', status: 400, reason: 'invalid characters in path' };
  }
  const relative = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, `.${relative}`);
  if (!filePath.startsWith(root + path.sep)) {
    return { kind: 'refused', status: 403, reason: 'path outside the app' };
  }
  return { kind: 'file', filePath, contentType: contentTypeFor(filePath) };
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
