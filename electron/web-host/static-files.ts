/** Serving the built renderer over HTTP: traversal-safe path resolution, content types, security headers. */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Logger } from '../core/logger';

/**
 * The renderer's CSP for the web host: the Electron shell's policy, with the WebSocket endpoint of this
 * port added to connect-src (the page reaches the core over `ws://`, which older browsers do not count as
 * 'self').
 */
export function webHostContentSecurityPolicy(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
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

/**
 * Maps a request target (`/assets/app.js?v=1`) to a file under `rootDir`, or null when it is malformed or
 * would leave `rootDir` once decoded (`..`, encoded slashes, backslashes, NUL). `/` means `index.html`.
 */
export function resolveStaticPath(requestTarget: string, rootDir: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestTarget, 'http://127.0.0.1').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, `.${relative}`);
  return filePath.startsWith(root + path.sep) ? filePath : null;
}

/** Headers every web-host response carries. */
export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': webHostContentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** Answers with a short plain-text body (errors and refusals). */
export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}

/** Serves one GET/HEAD for a file of `rootDir`. */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  rootDir: string,
  port: number,
  log: Logger,
): Promise<void> {
  const headers = securityHeaders(port);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, `${req.method ?? 'This method'} is not allowed`, { ...headers, Allow: 'GET, HEAD' });
    return;
  }
  const filePath = resolveStaticPath(req.url ?? '/', rootDir);
  if (filePath === null) {
    log.warn(`static request refused: ${(req.url ?? '').slice(0, 200)}`);
    sendText(res, 400, 'Bad path', headers);
    return;
  }
  let body: Buffer;
  try {
    if (!(await stat(filePath)).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    body = await readFile(filePath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') log.error(`reading ${filePath} failed`, e);
    sendText(res, 404, 'Not found', headers);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Type': contentTypeFor(filePath), 'Content-Length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}
