/**
 * One browser connection to the core over the WebSocket: parse each frame with the shared protocol, route
 * it through the same dispatcher as the Electron bridge, and release the client when it goes away.
 */
import type { RawData, WebSocket } from 'ws';
import { PTZ_MANIFEST } from '../../shared/ipc/channels';
import type { PtzEventName } from '../../shared/ipc/contract';
import type { CallerContext } from '../../shared/ipc/contract-types';
import { IpcError, describeZodError, type IpcErrorShape } from '../../shared/ipc/ipc-error';
import { ClientMessage, type ServerMessage } from '../../shared/ipc/web-protocol';
import type { PtzCore } from '../core/core-api';
import type { Logger } from '../core/logger';

/** A client that lets this much (bytes) queue up unread is not keeping up; it is dropped. */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

const EVENT_NAMES = new Set(PTZ_MANIFEST.events.map((e) => e.event));

export interface ConnectionOptions {
  /** Ping interval (ms); a client that has not answered the previous ping by the next one is dropped. */
  readonly keepaliveMs: number;
  readonly log: Logger;
}

/** Serves `ws` for client `ctx`; resolves once the connection has closed and the client was released. */
export function serveConnection(
  ws: WebSocket,
  ctx: CallerContext,
  core: PtzCore,
  options: ConnectionOptions,
): Promise<void> {
  const { log } = options;
  const subscriptions = new Map<string, () => void>();

  const reply = (message: ServerMessage): void => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      log.warn(`${ctx.clientId}: not reading its messages (${ws.bufferedAmount} bytes queued); dropping it`);
      ws.terminate();
      return;
    }
    ws.send(JSON.stringify(message));
  };
  const reject = (error: IpcErrorShape): void => reply({ kind: 'rejected', error });

  const onMessage = (data: RawData, isBinary: boolean): void => {
    if (isBinary) {
      reject({ code: 'invalid-payload', message: 'binary frames are not accepted: send JSON text' });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(rawText(data));
    } catch {
      reject({ code: 'invalid-payload', message: 'the frame is not valid JSON' });
      return;
    }
    const parsed = ClientMessage.safeParse(json);
    if (!parsed.success) {
      reject({ code: 'invalid-payload', message: `malformed message: ${describeZodError(parsed.error)}` });
      return;
    }
    const msg = parsed.data;
    switch (msg.kind) {
      case 'invoke':
        core.dispatcher.invoke(ctx, msg.service, msg.method, msg.args).then(
          (value) => reply({ kind: 'result', id: msg.id, ok: true, value }),
          (e: unknown) => reply({ kind: 'result', id: msg.id, ok: false, error: toShape(e, log) }),
        );
        return;
      case 'send':
        try {
          core.dispatcher.send(ctx, msg.service, msg.method, msg.args);
        } catch (e) {
          reject(toShape(e, log));
        }
        return;
      case 'subscribe': {
        if (!EVENT_NAMES.has(msg.event)) {
          reject({ code: 'unknown-method', message: `No event ${JSON.stringify(msg.event)} in the contract` });
          return;
        }
        // Subscribing again replaces the subscription, with a fresh snapshot.
        subscriptions.get(msg.event)?.();
        const event = msg.event;
        subscriptions.set(
          event,
          core.subscribe(event as PtzEventName, (payload) => reply({ kind: 'event', event, payload })),
        );
        return;
      }
      case 'unsubscribe':
        subscriptions.get(msg.event)?.();
        subscriptions.delete(msg.event);
        return;
    }
  };

  // Keepalive: browsers answer pings by themselves, so silence means a dead tab or a severed link.
  let answered = true;
  ws.on('pong', () => {
    answered = true;
  });
  const keepalive = setInterval(() => {
    if (!answered) {
      log.warn(`${ctx.clientId}: no answer to ping within ${options.keepaliveMs} ms; dropping it`);
      ws.terminate();
      return;
    }
    answered = false;
    ws.ping();
  }, options.keepaliveMs);

  ws.on('message', onMessage);
  return new Promise<void>((resolve) => {
    let released = false;
    const release = (why: string) => {
      if (released) return;
      released = true;
      clearInterval(keepalive);
      for (const unsubscribe of subscriptions.values()) unsubscribe();
      subscriptions.clear();
      core.releaseClient(ctx, 'client-gone');
      log.info(`${ctx.clientId} disconnected (${why})`);
      resolve();
    };
    ws.on('error', (e) => {
      log.warn(`${ctx.clientId}: socket error`, e);
      release('error');
    });
    ws.on('close', (code) => release(`close ${code}`));
  });
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

function toShape(e: unknown, log: Logger): IpcErrorShape {
  if (e instanceof IpcError) return e.toJSON();
  // The dispatcher only throws IpcError; anything else is a bug here, not something to show the page.
  log.error('web host call failed', e);
  return { code: 'internal', message: 'internal error (see the log)' };
}
