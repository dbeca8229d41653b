import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkHost, checkOrigin, checkUpgrade, tokensEqual } from './request-checks';
import { resolveStaticPath } from './static-files';

const PORT = 4321;
const TOKEN = 'a'.repeat(43);

describe('tokensEqual', () => {
  it('is true only for the same token, whatever the lengths', () => {
    expect(tokensEqual(TOKEN, TOKEN)).toBe(true);
    expect(tokensEqual(`${TOKEN.slice(1)}b`, TOKEN)).toBe(false);
    expect(tokensEqual('', TOKEN)).toBe(false);
    expect(tokensEqual(`${TOKEN}a`, TOKEN)).toBe(false);
  });
});

describe('checkHost and checkOrigin', () => {
  it('accept exactly our loopback names on our port', () => {
    expect(checkHost({ host: `127.0.0.1:${PORT}` }, PORT)).toBeNull();
    expect(checkHost({ host: `LOCALHOST:${PORT}` }, PORT)).toBeNull();
    expect(checkHost({ host: `127.0.0.1` }, PORT)).toMatchObject({ status: 421 });
    expect(checkHost({ host: `[::1]:${PORT}` }, PORT)).toMatchObject({ status: 421 });
    expect(checkHost({}, PORT)).toMatchObject({ status: 421 });
    expect(checkOrigin({ origin: `http://localhost:${PORT}` }, PORT)).toBeNull();
    expect(checkOrigin({ origin: `http://localhost:${PORT + 1}` }, PORT)).toMatchObject({ status: 403 });
    expect(checkOrigin({ origin: 'null' }, PORT)).toMatchObject({ status: 403 });
  });
});

describe('checkUpgrade', () => {
  const good = { host: `127.0.0.1:${PORT}`, origin: `http://127.0.0.1:${PORT}` };
  it('checks Host, then path, then Origin, then the token', () => {
    expect(checkUpgrade(`/ws?token=${TOKEN}`, good, PORT, TOKEN)).toBeNull();
    expect(checkUpgrade(`/ws?token=x`, { origin: 'http://evil.example' }, PORT, TOKEN)).toMatchObject({ status: 421 });
    expect(checkUpgrade(`/other?token=x`, { ...good, origin: 'http://evil.example' }, PORT, TOKEN)).toMatchObject({
      status: 404,
    });
    expect(checkUpgrade(`/ws?token=x`, { ...good, origin: 'http://evil.example' }, PORT, TOKEN)).toMatchObject({
      status: 403,
    });
    expect(checkUpgrade(`/ws?token=`, good, PORT, TOKEN)).toMatchObject({
      status: 401,
      reason: expect.stringMatching(/missing/),
    });
    expect(checkUpgrade(`/ws?token=${TOKEN}x`, good, PORT, TOKEN)).toMatchObject({
      status: 401,
      reason: expect.stringMatching(/wrong/),
    });
  });
});

describe('resolveStaticPath', () => {
  const root = path.resolve('/srv/renderer');
  it('maps request targets inside the root and refuses the rest', () => {
    expect(resolveStaticPath('/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath('/assets/a.js?x=1', root)).toBe(path.join(root, 'assets', 'a.js'));
    expect(resolveStaticPath('/../../etc/passwd', root)).toBe(path.join(root, 'etc', 'passwd')); // URL parsing collapses it
    expect(resolveStaticPath('/..%2F..%2Fetc%2Fpasswd', root)).toBeNull();
    expect(resolveStaticPath('/%2e%2e%2f%2e%2e%2fetc', root)).toBeNull();
    expect(resolveStaticPath('/a%5C..%5C..%5Cb', root)).toBeNull();
    expect(resolveStaticPath('/a%00.js', root)).toBeNull();
    expect(resolveStaticPath('/%E0%A4%A', root)).toBeNull();
  });
});
