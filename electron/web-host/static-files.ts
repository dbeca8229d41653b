/** Serving the built renderer over HTTP: traversal-safe path resolution, content types, security headers. */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/logger';
import { contentTypeFor, rendererContentSecurityPolicy, resolveRendererPath } from '../core/static/renderer-files';

/**
 * The renderer's CSP for the web host: the Electron shell's policy, with the WebSocket endpoint of this
 * port added to connect-src (the page reaches the core over `ws://`, which older browsers do not count as
 * 'self').
 */
export function webHostContentSecurityPolicy(port: number): string {
  return rendererContentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);
}

/**
 * Maps a request target (`/assets/app.js?v=1`) to a file under `rootDir`, or null when it is malformed or
 * would leave `rootDir` (rules shared with Electron's app:// handler). `/` means `index.html`.
 */
export function resolveStaticPath(requestTarget: string, rootDir: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(requestTarget, 'http://127.0.0.1').pathname;
  } catch {
    return null;
  }
  const r = resolveRendererPath(pathname, rootDir);
  return r.kind === 'file' ? r.filePath : null;
}

/** Headers every web-host response carries. */
export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': webHostContentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // With COOP, makes the page cross-origin isolated: no cross-origin content can be embedded at all,
    // and the page's clock is precise (5 µs instead of 100 µs), which the frame-time figures rely on.
    'Cross-Origin-Embedder-Policy': 'require-corp',
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
