import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../core/logger';
import {
  contentTypeFor,
  registerAppScheme,
  resolveAppRequest,
  serveAppRequest,
  setupAppProtocol,
} from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './security';

vi.mock('electron', () => ({}));

const root = mkdtempSync(path.join(tmpdir(), 'ptz-app-protocol-'));
mkdirSync(path.join(root, 'assets'));
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>PTZ</title>');
writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(root, '..', `${path.basename(root)}-secret.txt`), 'secret');
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(path.join(root, '..', `${path.basename(root)}-secret.txt`), { force: true });
});

describe('resolveAppRequest', () => {
  it('maps app://ptz paths to files under the root, / to index.html', () => {
    expect(resolveAppRequest('app://ptz/', root)).toEqual({
      kind: 'file',
      filePath: path.join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppRequest('app://ptz/assets/app.js?v=2#x', root)).toMatchObject({
      kind: 'file',
      filePath: path.join(root, 'assets', 'app.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppRequest('app://ptz/assets/', root)).toMatchObject({
      filePath: path.join(root, 'assets', 'index.html'),
    });
    expect(resolveAppRequest('app://ptz/a%20b.css', root)).toMatchObject({ filePath: path.join(root, 'a b.css') });
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppRequest('app://evil/index.html', root)).toMatchObject({ kind: 'refused', status: 404 });
    expect(resolveAppRequest('https://ptz/index.html', root)).toMatchObject({ kind: 'refused', status: 404 });
    expect(resolveAppRequest('app://ptz:8080/index.html', root)).toMatchObject({ kind: 'refused', status: 404 });
    expect(resolveAppRequest('::nonsense', root)).toMatchObject({ kind: 'refused', status: 400 });
  });

  it.each([
    'app://ptz/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://ptz/%2e%2e%2f%2e%2e%2fetc/passwd',
    'app://ptz/assets/..%2F..%2Fsecret',
  ])('refuses an encoded traversal with 403: %s', (url) => {
    expect(resolveAppRequest(url, root)).toMatchObject({ kind: 'refused', status: 403 });
  });

  it('keeps literal dot segments inside the root (URL parsing collapses them first)', () => {
    expect(resolveAppRequest('app://ptz/../../etc/passwd', root)).toMatchObject({
      filePath: path.join(root, 'etc', 'passwd'),
    });
    expect(resolveAppRequest('app://ptz/%2e%2e/%2e%2e/etc/passwd', root)).toMatchObject({
      filePath: path.join(root, 'etc', 'passwd'),
    });
  });

  it('refuses a traversal to a real sibling file', () => {
    const r = resolveAppRequest(`app://ptz/..%2F${path.basename(root)}-secret.txt`, root);
    expect(r).toMatchObject({ kind: 'refused', status: 403 });
  });

  it('refuses backslashes, NUL and broken escapes', () => {
    expect(resolveAppRequest('app://ptz/..%5C..%5Cwin.ini', root)).toMatchObject({ kind: 'refused', status: 400 });
    expect(resolveAppRequest('app://ptz/index.html%00.png', root)).toMatchObject({ kind: 'refused', status: 400 });
    expect(resolveAppRequest('app://ptz/%E0%A4%A', root)).toMatchObject({ kind: 'refused', status: 400 });
  });

  it('knows the content types the renderer build emits', () => {
    expect(contentTypeFor('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a.SVG')).toBe('image/svg+xml');
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.bin')).toBe('application/octet-stream');
  });
});

describe('serveAppRequest', () => {
  it('serves a file with its type, the CSP and nosniff', async () => {
    const res = await serveAppRequest(new Request('app://ptz/index.html'), root, silentLogger);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>PTZ</title>');
  });

  it('answers 404 for a missing file or a directory, 403 for traversal, 405 for POST', async () => {
    expect((await serveAppRequest(new Request('app://ptz/missing.js'), root, silentLogger)).status).toBe(404);
    expect((await serveAppRequest(new Request('app://ptz/assets'), root, silentLogger)).status).toBe(404);
    const traversal = await serveAppRequest(
      new Request(`app://ptz/..%2F${path.basename(root)}-secret.txt`),
      root,
      silentLogger,
    );
    expect(traversal.status).toBe(403);
    expect(await traversal.text()).not.toContain('secret');
    expect(
      (await serveAppRequest(new Request('app://ptz/index.html', { method: 'POST', body: 'x' }), root, silentLogger))
        .status,
    ).toBe(405);
  });
});

describe('registration', () => {
  it('registers app as standard, secure and fetch-capable', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('handles the app scheme with the file server', async () => {
    const protocol = { handle: vi.fn() };
    setupAppProtocol(protocol, root, silentLogger);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = protocol.handle.mock.calls[0]?.[1] as (r: Request) => Promise<Response>;
    expect((await handler(new Request('app://ptz/assets/app.js'))).status).toBe(200);
  });
});
