/**
 * The Electron bridge: one `ipcMain` handler per contract method (from PTZ_MANIFEST, never listed by hand),
 * each checking the sender before the dispatcher parses the arguments and calls the core.
 */
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { PTZ_MANIFEST, SUBSCRIBE_CHANNEL, UNSUBSCRIBE_CHANNEL, type MethodEntry } from '../../shared/ipc/channels';
import { IpcError, type IpcErrorShape } from '../../shared/ipc/ipc-error';
import type { PtzCore } from '../core/core-api';
import { IpcSubscriptions } from './ipc-subscriptions';
import { RendererClients } from './renderer-clients';
import { createThrottledWarn } from './throttled-log';
import { assertTrustedSender, type IsOurWindow } from './trusted-sender';

/**
 * What an `invoke` channel resolves with. Electron loses custom error classes (and their `code`) over IPC,
 * so failures travel as data and the preload turns them back into a thrown error.
 */
export type IpcResultEnvelope = { ok: true; value: unknown } | { ok: false; error: IpcErrorShape };

export interface IpcBridgeOptions {
  readonly ipcMain: Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>;
  readonly core: PtzCore;
  /** Whether a webContents id is one of the console's windows. */
  readonly isOurWindow: IsOurWindow;
  /** Caller contexts shared with the window code, which releases them on blur, reload or crash. */
  readonly clients?: RendererClients;
}

export interface IpcBridge {
  readonly clients: RendererClients;
  readonly subscriptions: IpcSubscriptions;
  /** Removes every handler and drops every subscription. */
  dispose(): void;
}

/** Registers the handlers of every contract method and event on `ipcMain`. */
export function setupIpcBridge(options: IpcBridgeOptions): IpcBridge {
  const { ipcMain, core, isOurWindow } = options;
  const clients = options.clients ?? new RendererClients();
  const subscriptions = new IpcSubscriptions(core);
  const warn = createThrottledWarn(core.log);
  const listeners: Array<[string, (event: IpcMainEvent, ...args: unknown[]) => void]> = [];

  /** The one argument the preload sends; more is a malformed call, not something to ignore. */
  const singleArg = (entry: MethodEntry, args: unknown[]): unknown => {
    if (args.length > 1) {
      throw new IpcError(
        'invalid-payload',
        `${entry.service}.${entry.method}: expected one argument, got ${args.length}`,
      );
    }
    return args[0];
  };

  const invokeHandler =
    (entry: MethodEntry) =>
    async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<IpcResultEnvelope> => {
      try {
        assertTrustedSender(event, isOurWindow);
        const ctx = clients.current(event.sender.id);
        const value = await core.dispatcher.invoke(ctx, entry.service, entry.method, singleArg(entry, args));
        return { ok: true, value };
      } catch (e) {
        return { ok: false, error: toShape(entry.channel, e) };
      }
    };

  const sendHandler =
    (entry: MethodEntry) =>
    (event: IpcMainEvent, ...args: unknown[]): void => {
      try {
        assertTrustedSender(event, isOurWindow);
        core.dispatcher.send(clients.current(event.sender.id), entry.service, entry.method, singleArg(entry, args));
      } catch (e) {
        // Fire-and-forget: nobody awaits this, so the refusal is logged (rate-limited) and dropped.
        const shape = toShape(entry.channel, e);
        warn(`${entry.channel}:${shape.code}`, `${entry.channel} refused (${shape.code}): ${shape.message}`);
      }
    };

  const toShape = (channel: string, e: unknown): IpcErrorShape => {
    if (e instanceof IpcError) {
      if (e.code === 'untrusted-sender') warn(`${channel}:untrusted`, `${channel}: ${e.message}`);
      return e.toJSON();
    }
    core.log.error(`${channel} failed`, e);
    return { code: 'internal', message: `${channel} failed: internal error (see the log)` };
  };

  const subscriptionHandler =
    (channel: string, action: 'subscribe' | 'unsubscribe') =>
    (event: IpcMainEvent, ...args: unknown[]): void => {
      try {
        assertTrustedSender(event, isOurWindow);
        if (args.length !== 1) throw new Error(`expected one argument, got ${args.length}`);
        subscriptions[action](event.sender, args[0]);
      } catch (e) {
        warn(`${channel}:${e instanceof IpcError ? e.code : 'refused'}`, `${channel} refused: ${errorText(e)}`);
      }
    };

  const listen = (channel: string, fn: (event: IpcMainEvent, ...args: unknown[]) => void) => {
    ipcMain.on(channel, fn);
    listeners.push([channel, fn]);
  };

  for (const entry of PTZ_MANIFEST.methods) {
    if (entry.kind === 'invoke') ipcMain.handle(entry.channel, invokeHandler(entry));
    else listen(entry.channel, sendHandler(entry));
  }
  listen(SUBSCRIBE_CHANNEL, subscriptionHandler(SUBSCRIBE_CHANNEL, 'subscribe'));
  listen(UNSUBSCRIBE_CHANNEL, subscriptionHandler(UNSUBSCRIBE_CHANNEL, 'unsubscribe'));

  return {
    clients,
    subscriptions,
    dispose() {
      for (const entry of PTZ_MANIFEST.methods) if (entry.kind === 'invoke') ipcMain.removeHandler(entry.channel);
      for (const [channel, fn] of listeners) ipcMain.removeListener(channel, fn);
      listeners.length = 0;
      subscriptions.dispose();
    },
  };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
