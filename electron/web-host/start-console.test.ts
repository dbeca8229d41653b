import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WEB_SOCKET_PATH } from '../../shared/ipc/web-protocol';
import { silentLogger } from '../core/logger';
import { startConsole } from './start-console';
import { connect, httpRequest } from './test/clients';

const dir = mkdtempSync(path.join(tmpdir(), 'ptz-console-'));
const staticDir = path.join(dir, 'renderer');
mkdirSync(staticDir);
writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>PTZ Console</title>');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startConsole (real core, no simulator)', () => {
  it('serves the renderer and answers contract calls over the WebSocket, then stops', async () => {
    const running = await startConsole({ dataDir: path.join(dir, 'data'), demo: false, staticDir, log: silentLogger });
    try {
      expect(running.url).toBe(running.webHost.url);
      expect((await httpRequest(running.webHost.port, '/')).status).toBe(200);
      const origin = `http://127.0.0.1:${running.webHost.port}`;
      const r = await connect(
        `ws://127.0.0.1:${running.webHost.port}${WEB_SOCKET_PATH}?token=${running.webHost.token}`,
        { origin },
      );
      if (!r.ok) throw new Error(`refused: ${r.status}`);
      r.client.send({ kind: 'invoke', id: 1, service: 'app', method: 'info' });
      expect(await r.client.next()).toMatchObject({
        kind: 'result',
        id: 1,
        ok: true,
        value: { demo: false, deadManMs: 500 },
      });
      r.client.send({ kind: 'subscribe', event: 'devicesChanged' });
      expect(await r.client.next()).toEqual({
        kind: 'event',
        event: 'devicesChanged',
        payload: { type: 'init', items: [] },
      });
      await r.client.close();
    } finally {
      await running.stop();
    }
    await expect(httpRequest(running.webHost.port, '/')).rejects.toThrow(/ECONNREFUSED/);
    await running.stop(); // idempotent
  });

  it('shuts the core down again when the web host cannot start', async () => {
    const first = await startConsole({ dataDir: path.join(dir, 'data-a'), demo: false, staticDir, log: silentLogger });
    try {
      await expect(
        startConsole({
          dataDir: path.join(dir, 'data-b'),
          demo: false,
          staticDir,
          port: first.webHost.port,
          log: silentLogger,
        }),
      ).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.stop();
    }
  });
});
