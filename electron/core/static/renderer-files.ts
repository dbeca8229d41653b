/**
 * Serving the built renderer, shared by both bridges (Electron's `app://` handler and the web host):
 * traversal-safe path resolution, content types and the Content-Security-Policy.
 */
import path from 'node:path';

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

export type RendererPath =
  | { readonly kind: 'file'; readonly filePath: string; readonly contentType: string }
  | { readonly kind: 'refused'; readonly status: 400 | 403; readonly reason: string };

/**
 * Maps a URL path (still percent-encoded, e.g. `/assets/app.js`) to a file under `rootDir`, or says why
 * not. Pure: no disk access. `/` and paths ending in `/` mean `index.html`; a path that would leave
 * `rootDir` once decoded (`..`, encoded slashes, backslashes, NUL) is refused.
 */
export function resolveRendererPath(encodedPathname: string, rootDir: string): RendererPath {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPathname);
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

/**
 * The renderer's CSP: nothing but its own files, no inline script or style, no framing. `connectExtra`
 * adds endpoints to connect-src (the web host's `ws://` URL, which not every browser counts as 'self').
 */
export function rendererContentSecurityPolicy(connectExtra: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    ["connect-src 'self'", ...connectExtra].join(' '),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
