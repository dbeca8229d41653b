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

/**
 * Events are sent in batches at most this often (ms), one frame each: with a hundred cameras reporting
 * positions at 10 Hz that is ~60 frames a second instead of a thousand, and the event loop stays free for
 * the joystick's velocities. A device's state updated twice within one batch goes once, as its latest.
 */
export const EVENT_BATCH_MS = 16;

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

  // ---- event batching: order kept; answers flush the batch first, so an awaited call never overtakes
  // the events its handler caused.
  let batch: { event: string; payload: unknown }[] = [];
  /** devicesChanged `update`s in the current batch by device id → index, until an init/remove. */
  let deviceSlot = new Map<string, number>();
  let batchTimer: NodeJS.Timeout | null = null;
  const flush = (): void => {
    if (batchTimer) clearTimeout(batchTimer);
    batchTimer = null;
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    deviceSlot = new Map();
    reply(events.length === 1 ? { kind: 'event', ...events[0]! } : { kind: 'events', events });
  };
  const queueEvent = (event: string, payload: unknown): void => {
    const update = event === 'devicesChanged' ? (payload as { type: string; item?: { id: string } }) : null;
    if (update?.type === 'update' && update.item) {
      const slot = deviceSlot.get(update.item.id);
      if (slot !== undefined) batch[slot] = { event, payload };
      else {
        deviceSlot.set(update.item.id, batch.length);
        batch.push({ event, payload });
      }
    } else {
      if (update) deviceSlot = new Map(); // an init or remove: later updates must stay after it
      batch.push({ event, payload });
    }
    batchTimer ??= setTimeout(flush, EVENT_BATCH_MS);
  };
  const answer = (message: ServerMessage): void => {
    flush();
    reply(message);
  };

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
          (value) => answer({ kind: 'result', id: msg.id, ok: true, value }),
          (e: unknown) => answer({ kind: 'result', id: msg.id, ok: false, error: toShape(e, log) }),
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
          core.subscribe(event as PtzEventName, (payload) => queueEvent(event, payload)),
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
      if (batchTimer) clearTimeout(batchTimer);
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
