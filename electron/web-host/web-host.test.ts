import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CLIENT_FRAME_BYTES, WEB_SOCKET_PATH } from '../../shared/ipc/web-protocol';
import { createFakeCore, sampleDevice, type FakeCore } from '../test-support/fake-core';
import { connect, httpRequest, type TestClient } from './test/clients';
import { startWebHost, type WebHost } from './web-host';

const staticDir = mkdtempSync(path.join(tmpdir(), 'ptz-web-host-'));
mkdirSync(path.join(staticDir, 'assets'));
writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>PTZ Console</title>');
writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'export {}');
afterAll(() => rmSync(staticDir, { recursive: true, force: true }));

let core: FakeCore;
let host: WebHost;
beforeEach(async () => {
  core = createFakeCore();
  host = await startWebHost({ core, staticDir, port: 0 });
});
afterEach(async () => {
  await host.close();
});

const origin = () => `http://127.0.0.1:${host.port}`;
const wsUrl = (token: string | null = host.token) =>
  `ws://127.0.0.1:${host.port}${WEB_SOCKET_PATH}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;

async function goodClient(): Promise<TestClient> {
  const r = await connect(wsUrl(), { origin: origin() });
  if (!r.ok) throw new Error(`refused: ${r.status} ${r.body}`);
  return r.client;
}

describe('startWebHost', () => {
  it('listens on 127.0.0.1 with a fresh 256-bit token in the URL fragment', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = await startWebHost({ core, staticDir });
    expect(other.token).not.toBe(host.token);
    expect(other.port).not.toBe(host.port);
    await other.close();
  });

  it('refuses to listen anywhere but 127.0.0.1', async () => {
    await expect(startWebHost({ core, staticDir, host: '0.0.0.0' as '127.0.0.1' })).rejects.toThrow(
      /only listens on 127\.0\.0\.1/,
    );
  });
});

describe('HTTP', () => {
  it('serves index.html with the CSP, nosniff and no-store', async () => {
    const r = await httpRequest(host.port, '/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>PTZ Console</title>');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port}`);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('serves assets with their type, also for Host localhost:PORT', async () => {
    const r = await httpRequest(host.port, '/assets/app.js', { headers: { Host: `localhost:${host.port}` } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for missing files and directories, 400 for traversal, 405 for POST', async () => {
    expect((await httpRequest(host.port, '/nope.js')).status).toBe(404);
    expect((await httpRequest(host.port, '/assets')).status).toBe(404);
    expect((await httpRequest(host.port, '/..%2F..%2F..%2Fetc%2Fpasswd')).status).toBe(400);
    const post = await httpRequest(host.port, '/', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it.each(['evil.example', `evil.example:PORT`, '127.0.0.1:1', `127.0.0.1.evil.example:PORT`])(
    'refuses Host %s with 421 and a clear reason (DNS rebinding)',
    async (h) => {
      const r = await httpRequest(host.port, '/', { headers: { Host: h.replace('PORT', String(host.port)) } });
      expect(r.status).toBe(421);
      expect(r.body).toMatch(/only answers to 127\.0\.0\.1:\d+ or localhost:\d+/);
      expect(r.body).not.toContain('PTZ Console</title>');
    },
  );
});

describe('WebSocket refusals (before the upgrade)', () => {
  it('a missing token: 401', async () => {
    expect(await connect(wsUrl(null), { origin: origin() })).toMatchObject({
      ok: false,
      status: 401,
      body: expect.stringMatching(/missing token/),
    });
  });

  it('a wrong token: 401', async () => {
    const wrong = `${host.token.slice(0, -1)}${host.token.endsWith('A') ? 'B' : 'A'}`;
    expect(await connect(wsUrl(wrong), { origin: origin() })).toMatchObject({
      ok: false,
      status: 401,
      body: expect.stringMatching(/wrong token/),
    });
    expect(await connect(wsUrl('short'), { origin: origin() })).toMatchObject({ ok: false, status: 401 });
  });

  it('a foreign Origin: 403', async () => {
    expect(await connect(wsUrl(), { origin: 'http://evil.example' })).toMatchObject({
      ok: false,
      status: 403,
      body: expect.stringMatching(/origin "http:\/\/evil.example" may not use this console/),
    });
    expect(await connect(wsUrl(), { origin: `https://127.0.0.1:${host.port}` })).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it('a missing Origin: 403', async () => {
    expect(await connect(wsUrl())).toMatchObject({
      ok: false,
      status: 403,
      body: expect.stringMatching(/missing Origin/),
    });
  });

  it('a bad Host: 421', async () => {
    expect(await connect(wsUrl(), { origin: origin(), headers: { Host: `evil.example:${host.port}` } })).toMatchObject({
      ok: false,
      status: 421,
    });
  });

  it('another path: 404', async () => {
    const url = `ws://127.0.0.1:${host.port}/socket?token=${host.token}`;
    expect(await connect(url, { origin: origin() })).toMatchObject({ ok: false, status: 404 });
  });

  it('accepts the page’s own origin under localhost too', async () => {
    const r = await connect(wsUrl(), { origin: `http://localhost:${host.port}` });
    expect(r.ok).toBe(true);
    if (r.ok) await r.client.close();
  });
});

describe('a connected client', () => {
  it('invokes, with or without args, and gets results and errors by id', async () => {
    const c = await goodClient();
    c.send({ kind: 'invoke', id: 1, service: 'devices', method: 'list' });
    expect(await c.next()).toEqual({ kind: 'result', id: 1, ok: true, value: [sampleDevice()] });
    c.send({ kind: 'invoke', id: 2, service: 'motion', method: 'stop', args: { deviceId: 'cam-1' } });
    expect(await c.next()).toEqual({ kind: 'result', id: 2, ok: true });
    expect(core.handlers.motion.stop).toHaveBeenCalledWith({ clientId: 'ws-1', bridge: 'web' }, { deviceId: 'cam-1' });
    c.send({ kind: 'invoke', id: 3, service: 'motion', method: 'stop', args: { deviceId: 'cam-1', extra: true } });
    expect(await c.next()).toMatchObject({ kind: 'result', id: 3, ok: false, error: { code: 'invalid-payload' } });
    c.send({ kind: 'invoke', id: 4, service: 'shell', method: 'exec', args: 'rm -rf /' });
    expect(await c.next()).toMatchObject({ kind: 'result', id: 4, ok: false, error: { code: 'unknown-method' } });
    await c.close();
  });

  it('sends fire-and-forget, and gets `rejected` for a bad send', async () => {
    const c = await goodClient();
    c.send({ kind: 'send', service: 'motion', method: 'setVelocity', args: { deviceId: 'cam-1', pan: 0.5 } });
    c.send({ kind: 'send', service: 'motion', method: 'setVelocity', args: { deviceId: 'cam-1', pan: 2 } });
    expect(await c.next()).toMatchObject({
      kind: 'rejected',
      error: { code: 'invalid-payload', message: expect.stringMatching(/pan/) },
    });
    expect(core.handlers.motion.setVelocity).toHaveBeenCalledTimes(1);
    expect(core.handlers.motion.setVelocity).toHaveBeenCalledWith(
      { clientId: 'ws-1', bridge: 'web' },
      { deviceId: 'cam-1', pan: 0.5 },
    );
    await c.close();
  });

  it('subscribes (init first, then deltas), unsubscribes, and refuses unknown events', async () => {
    const c = await goodClient();
    c.send({ kind: 'subscribe', event: 'devicesChanged' });
    expect(await c.next()).toEqual({
      kind: 'event',
      event: 'devicesChanged',
      payload: { type: 'init', items: [sampleDevice()] },
    });
    core.emit('devicesChanged', { type: 'remove', id: 'cam-1' });
    expect(await c.next()).toEqual({
      kind: 'event',
      event: 'devicesChanged',
      payload: { type: 'remove', id: 'cam-1' },
    });
    c.send({ kind: 'unsubscribe', event: 'devicesChanged' });
    c.send({ kind: 'subscribe', event: 'secretsChanged' });
    expect(await c.next()).toMatchObject({
      kind: 'rejected',
      error: { code: 'unknown-method', message: expect.stringMatching(/secretsChanged/) },
    });
    expect(core.listenerCount('devicesChanged')).toBe(0);
    await c.close();
  });

  it('batches bursts of events into one frame, a device’s updates as its latest, in order around removes', async () => {
    const c = await goodClient();
    c.send({ kind: 'subscribe', event: 'devicesChanged' });
    await c.next(); // init
    const at = (id: string, latencyMs: number) => ({
      type: 'update' as const,
      item: { ...sampleDevice(id), latencyMs },
    });
    core.emit('devicesChanged', at('cam-1', 1));
    core.emit('devicesChanged', at('cam-2', 1));
    core.emit('devicesChanged', at('cam-1', 2));
    core.emit('devicesChanged', { type: 'remove', id: 'cam-2' });
    core.emit('devicesChanged', at('cam-1', 3));
    core.emit('devicesChanged', at('cam-1', 4));
    expect(await c.next()).toEqual({
      kind: 'events',
      events: [
        { event: 'devicesChanged', payload: at('cam-1', 2) },
        { event: 'devicesChanged', payload: at('cam-2', 1) },
        { event: 'devicesChanged', payload: { type: 'remove', id: 'cam-2' } },
        { event: 'devicesChanged', payload: at('cam-1', 4) },
      ],
    });
    // An answer never overtakes the events queued before it.
    core.emit('devicesChanged', at('cam-1', 5));
    c.send({ kind: 'invoke', id: 7, service: 'devices', method: 'list' });
    expect(await c.next()).toEqual({ kind: 'event', event: 'devicesChanged', payload: at('cam-1', 5) });
    expect(await c.next()).toMatchObject({ kind: 'result', id: 7, ok: true });
    await c.close();
  });

  it('answers bad JSON, schema-invalid and binary frames with `rejected` and stays connected', async () => {
    const c = await goodClient();
    c.sendRaw('{not json');
    expect(await c.next()).toEqual({
      kind: 'rejected',
      error: { code: 'invalid-payload', message: 'the frame is not valid JSON' },
    });
    c.send({ kind: 'explode' });
    expect(await c.next()).toMatchObject({
      kind: 'rejected',
      error: { code: 'invalid-payload', message: expect.stringMatching(/malformed message/) },
    });
    c.send({ kind: 'invoke', id: -1, service: 'devices', method: 'list' });
    expect(await c.next()).toMatchObject({ kind: 'rejected', error: { code: 'invalid-payload' } });
    c.send({ kind: 'subscribe', event: 'devicesChanged', extra: 1 });
    expect(await c.next()).toMatchObject({ kind: 'rejected', error: { code: 'invalid-payload' } });
    c.sendRaw(Buffer.from([1, 2, 3]));
    expect(await c.next()).toMatchObject({ kind: 'rejected', error: { message: expect.stringMatching(/binary/) } });
    c.send({ kind: 'invoke', id: 9, service: 'app', method: 'info' });
    expect(await c.next()).toMatchObject({ kind: 'result', id: 9, ok: true });
    await c.close();
  });

  it('is dropped (1009) for a frame over the size limit, and released', async () => {
    const c = await goodClient();
    const released = new Promise<unknown[]>((resolve) => core.releaseClient.mockImplementation((...a) => resolve(a)));
    c.sendRaw('x'.repeat(MAX_CLIENT_FRAME_BYTES + 1));
    expect(await c.closed).toBe(1009);
    expect(await released).toEqual([{ clientId: 'ws-1', bridge: 'web' }, 'client-gone']);
  });

  it('closing the socket releases the client and drops its subscriptions', async () => {
    const c = await goodClient();
    c.send({ kind: 'subscribe', event: 'devicesChanged' });
    await c.next();
    expect(core.listenerCount('devicesChanged')).toBe(1);
    const released = new Promise<unknown[]>((resolve) => core.releaseClient.mockImplementation((...a) => resolve(a)));
    await c.close();
    expect(await released).toEqual([{ clientId: 'ws-1', bridge: 'web' }, 'client-gone']);
    expect(core.listenerCount('devicesChanged')).toBe(0);
  });

  it('each connection is its own client', async () => {
    const a = await goodClient();
    const b = await goodClient();
    b.send({ kind: 'invoke', id: 1, service: 'motion', method: 'stop', args: { deviceId: 'cam-1' } });
    await b.next();
    expect(core.handlers.motion.stop).toHaveBeenCalledWith({ clientId: 'ws-2', bridge: 'web' }, { deviceId: 'cam-1' });
    await a.close();
    await b.close();
  });

  it('close() drops connected clients (releasing them) and stops listening', async () => {
    const c = await goodClient();
    await host.close();
    expect(core.releaseClient).toHaveBeenCalledWith({ clientId: 'ws-1', bridge: 'web' }, 'client-gone');
    await c.closed;
    await expect(httpRequest(host.port, '/')).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('keepalive', () => {
  it('drops and releases a client that stops answering pings', async () => {
    const quick = await startWebHost({ core, staticDir, keepaliveMs: 30 });
    const released = new Promise<unknown[]>((resolve) => core.releaseClient.mockImplementation((...a) => resolve(a)));
    // A raw handshake that then never reads or answers: what a frozen tab or a pulled cable looks like.
    const socket = netConnect(quick.port, '127.0.0.1');
    socket.write(
      [
        `GET ${WEB_SOCKET_PATH}?token=${quick.token} HTTP/1.1`,
        `Host: 127.0.0.1:${quick.port}`,
        `Origin: http://127.0.0.1:${quick.port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version: 13',
        '',
        '',
      ].join('\r\n'),
    );
    const status = await new Promise<string>((resolve) =>
      socket.once('data', (d: Buffer) => resolve(d.toString('utf8').split('\r\n')[0] ?? '')),
    );
    expect(status).toBe('HTTP/1.1 101 Switching Protocols');
    expect(await released).toEqual([{ clientId: 'ws-1', bridge: 'web' }, 'client-gone']);
    socket.destroy();
    await quick.close();
  });
});
