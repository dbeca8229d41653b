/**
 * The web host: the second bridge to the core, for browsers (where Electron cannot start, and the
 * end-to-end tests). HTTP serves the built renderer; a WebSocket at WEB_SOCKET_PATH carries the contract.
 * Bound to 127.0.0.1 only; every WebSocket needs the per-run token and our own Origin and Host.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MAX_CLIENT_FRAME_BYTES } from '../../shared/ipc/web-protocol';
import type { PtzCore } from '../core/core-api';
import type { Logger } from '../core/logger';
import { checkHost, checkUpgrade, type Refusal } from './request-checks';
import { securityHeaders, sendText, serveStatic } from './static-files';
import { serveConnection } from './ws-connection';

/** The only interface the web host listens on. */
export const WEB_HOST_ADDRESS = '127.0.0.1';
/** Default ping interval of the WebSocket keepalive (ms). */
export const KEEPALIVE_MS = 5_000;

export interface WebHostOptions {
  readonly core: PtzCore;
  /** The built renderer (out/renderer): index.html and its assets. */
  readonly staticDir: string;
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Accepted for clarity only: anything but 127.0.0.1 is refused. */
  readonly host?: '127.0.0.1';
  /** Ping interval (ms); a client silent for two intervals is dropped and released. */
  readonly keepaliveMs?: number;
  readonly log?: Logger;
}

export interface WebHost {
  /** `http://127.0.0.1:PORT/#token=…`: open this; the page reads the token from its fragment. */
  readonly url: string;
  readonly port: number;
  /** Per-run secret (32 random bytes, base64url). */
  readonly token: string;
  /** Drops every client (releasing it in the core) and stops listening. The core is left running. */
  close(): Promise<void>;
}

/** Starts the web host; resolves once it is listening. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  if (options.host !== undefined && options.host !== WEB_HOST_ADDRESS) {
    throw new Error(`The web host only listens on ${WEB_HOST_ADDRESS}, not ${String(options.host)}`);
  }
  const { core, staticDir } = options;
  const log = options.log ?? core.log;
  const keepaliveMs = options.keepaliveMs ?? KEEPALIVE_MS;
  const token = randomBytes(32).toString('base64url');
  let port = 0; // set once listening, before any request can arrive
  let nextClient = 0;
  const connections = new Set<Promise<void>>();

  const server = createServer((req, res) => {
    const refusal = checkHost(req.headers, port);
    if (refusal) {
      log.warn(`HTTP request refused (${refusal.status}): ${refusal.reason}`);
      sendText(res, refusal.status, refusal.reason, securityHeaders(port));
      return;
    }
    serveStatic(req, res, staticDir, port, log).catch((e: unknown) => {
      log.error('static request failed', e);
      if (!res.headersSent) sendText(res, 500, 'Internal error', securityHeaders(port));
      else res.destroy();
    });
  });
  // No compression (a small, trusted payload set; and no zip bombs), frames capped before parsing.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES, perMessageDeflate: false });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy()); // a reset during the handshake must not crash the host
    const refusal = checkUpgrade(req.url, req.headers, port, token);
    if (refusal) {
      log.warn(`WebSocket refused (${refusal.status}): ${refusal.reason}`);
      refuseUpgrade(socket, refusal);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const ctx = Object.freeze({ clientId: `ws-${++nextClient}`, bridge: 'web' as const });
      log.info(`${ctx.clientId} connected`);
      const done = serveConnection(ws, ctx, core, { keepaliveMs, log });
      connections.add(done);
      void done.then(() => connections.delete(done));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: WEB_HOST_ADDRESS, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  server.on('error', (e) => log.error('web host server error', e));

  let closing: Promise<void> | null = null;
  return {
    url: `http://${WEB_HOST_ADDRESS}:${port}/#token=${token}`,
    port,
    token,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const ws of wss.clients) ws.terminate();
        server.closeAllConnections();
        await Promise.all(connections);
        wss.close();
        await closed;
      })();
      return closing;
    },
  };
}

const STATUS_TEXT: Record<Refusal['status'], string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  421: 'Misdirected Request',
};

/** Answers an upgrade request with a plain HTTP error instead of switching protocols. */
function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  const body = `${refusal.reason}\n`;
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_TEXT[refusal.status]}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      '\r\n' +
      body,
  );
}
